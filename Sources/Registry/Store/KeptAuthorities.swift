import Synchronization

/// The authorities, read once per process: they are reference data that only migrations
/// change, and migrations run before the server serves. Every signed-in page names
/// authorities, so reading them once saves a query on each.
final class KeptAuthorities: Sendable {
    private let kept = Mutex<[Authority]?>(nil)

    func get(orRead read: () async throws -> [Authority]) async throws -> [Authority] {
        if let authorities = kept.withLock({ $0 }) { return authorities }
        let authorities = try await read()
        kept.withLock { $0 = authorities }
        return authorities
    }
}
