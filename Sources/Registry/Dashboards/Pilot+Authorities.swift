import RegistryAPI

extension Pilot {
    /// The lead authority, then the participants: every authority the pilot's pages list.
    var authorities: [String] { [leadAuthority] + participants }
}
