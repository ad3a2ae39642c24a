import Foundation

/// Who may change what. Reads are governed by sharing levels in SQL; these are the write rules.
///
/// - Administrators may change anything.
/// - An authority editor changes its own authority's pilots (including multi-authority pilots it
///   leads), single views and contacts. A participant in someone else's pilot may add and change
///   its own resourcing lines and evaluations there.
/// - Providers and tools are a shared catalogue: any editor may add one; only whoever added it
///   (or an administrator) may change or delete it.
/// - Networks are managed by administrators.
/// - Network members and national analysts read; they do not write.
public enum Permissions {
    public static func requireSignedIn(_ caller: Caller) throws {
        if caller.role == .anonymous { throw RegistryError.signInRequired }
    }

    public static func requireAdmin(_ caller: Caller, to action: String) throws {
        try requireSignedIn(caller)
        if caller.role != .admin { throw RegistryError.forbidden("Only administrators may \(action).") }
    }

    /// Administrators keep their own access, so the last one cannot lock everyone out by
    /// mistake: none takes away their own administrator role.
    static func requireMayChange(person id: UUID, toRole role: Caller.Role, _ caller: Caller) throws {
        if id == caller.userID, role != .admin {
            throw RegistryError.forbidden("Administrators may not take away their own administrator role.")
        }
    }

    /// Nor suspends themselves.
    static func requireMaySuspend(person id: UUID, _ caller: Caller) throws {
        if id == caller.userID { throw RegistryError.forbidden("Administrators may not suspend themselves.") }
    }

    /// An audience's dashboards and export are for its members (`reader` stands for them) and
    /// administrators: the public's for anyone, the sector's for anyone signed in, a network's
    /// or region's for its members, an authority's for its editors.
    static func requireMember(of audience: Audience, standingFor reader: Caller, _ caller: Caller) throws {
        if audience == .publicAudience || caller.role == .admin { return }
        try requireSignedIn(caller)
        let member = switch audience {
        case .publicAudience, .sector: true
        case .network, .region: caller.role == .networkMember && !Set(caller.networks).isDisjoint(with: reader.networks)
        case .authority: caller.role == .authorityEditor && caller.authority == reader.authority
        case .everything: false
        }
        if !member { throw RegistryError.forbidden("Only members of the audience \(audience) may take its dashboards and export.") }
    }

    /// Unsuppressed statistics are for DfE's own analysis, never for publication.
    static func requireUnsuppressedReader(_ caller: Caller) throws {
        try requireSignedIn(caller)
        if caller.role != .nationalAnalyst && caller.role != .admin {
            throw RegistryError.forbidden(
                "Only DfE's national analysts and administrators may read statistics without the small-number rule.")
        }
    }

    public static func requireEditor(of authority: String, _ caller: Caller) throws {
        try requireSignedIn(caller)
        if !caller.edits(authority) {
            throw RegistryError.forbidden("Only editors of \(authority) may change its records.")
        }
    }

    public static func requireCatalogueEditor(_ caller: Caller) throws {
        try requireSignedIn(caller)
        if caller.role != .admin && caller.role != .authorityEditor {
            throw RegistryError.forbidden("Only authority editors and administrators may add to the catalogue.")
        }
    }

    public static func requireCatalogueOwner(createdBy: UUID?, _ caller: Caller) throws {
        try requireCatalogueEditor(caller)
        if caller.role != .admin && (createdBy == nil || createdBy != caller.userID) {
            throw RegistryError.forbidden("Only whoever added this catalogue entry, or an administrator, may change it.")
        }
    }

    /// A pilot's child record: the lead's editors may change any; a participant's editors only
    /// their own authority's resourcing and evaluations.
    public static func requirePilotRecordEditor(
        lead: String, participants: [String], recordAuthority: String?, participantsMayWrite: Bool, _ caller: Caller
    ) throws {
        try requireSignedIn(caller)
        if caller.edits(lead) { return }
        if participantsMayWrite, let own = caller.authority, caller.role == .authorityEditor,
            participants.contains(own), recordAuthority == own
        {
            return
        }
        throw RegistryError.forbidden("Only editors of the lead authority \(lead) may change this pilot's records.")
    }
}
