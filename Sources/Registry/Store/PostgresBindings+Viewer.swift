import PostgresNIO

extension PostgresBindings {
    /// Who is reading, as `may_read` and the visibility rules take it: role, authority, networks.
    mutating func append(viewer: Caller) {
        append(viewer.role.rawValue)
        append(viewer.authority)
        append(viewer.networks)
    }
}
