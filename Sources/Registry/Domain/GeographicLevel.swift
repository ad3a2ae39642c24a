/// The levels of geography EES publishes at, as its `geographic_level` column spells them.
enum GeographicLevel: String, Sendable, Equatable, CaseIterable {
    case national = "National"
    case regional = "Regional"
    case localAuthority = "Local authority"
}
