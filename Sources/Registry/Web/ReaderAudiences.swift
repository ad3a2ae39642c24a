import Foundation
import RegistryAPI

/// The audiences whose dashboards a signed-in person reads, in words, most particular first:
/// their networks' (or their authority's), then the sector's and the public's.
enum ReaderAudiences {
    struct Choice: Sendable {
        var audience: Audience
        var name: String
        var href: String { "/manage/dashboards/\(audience.description)/" }
    }

    static func of(_ caller: Caller, store: RegistryStore) async throws -> [Choice] {
        var own: [Choice] = []
        switch caller.role {
        case .admin:
            own = [Choice(audience: .everything, name: "Every record (administrators)")]
        case .networkMember:
            let networks = try await Page.all { try await store.networks.list(authority: nil, updatedSince: nil, page: $0) }
            own = networks.filter { caller.networks.contains(UUID(uuidString: $0.id)!) }
                .map { Choice(audience: .network($0.slug), name: $0.name) }
        case .authorityEditor:
            if let code = caller.authority {
                own = [Choice(audience: .authority(code), name: try await store.reference.authority(code: code).name)]
            }
        case .nationalAnalyst, .anonymous:
            break
        }
        guard caller.role != .anonymous else { return [Choice(audience: .publicAudience, name: "Everyone (public)")] }
        return own + [Choice(audience: .sector, name: "DfE and the sector"), Choice(audience: .publicAudience, name: "Everyone (public)")]
    }
}
