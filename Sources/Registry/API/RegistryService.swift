import Foundation
import RegistryAPI

/// The implementation of openapi.yaml. Handlers are split by tag into the files beside this one;
/// each reads its input, checks what the generator cannot, and calls one store.
struct RegistryService: APIProtocol {
    let store: RegistryStore
    let dashboards: DashboardPublisher
    let liveDashboards: LiveDashboards
    let readiness: Readiness

    // MARK: - Identifiers and filters shared by every tag

    /// An id in a path: one that is not even a UUID names no record, so it is simply not found.
    func recordID(_ text: String, _ resource: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw RegistryError.notFound(resource: resource, id: text) }
        return id
    }

    /// An id in a query parameter: malformed is the caller's mistake, named by the parameter.
    func filterID(_ text: String?, _ parameter: String) throws -> UUID? {
        guard let text else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw RegistryError.malformed([.init(field: parameter, message: "must be a UUID")])
        }
        return id
    }

    /// An id in a body that refers to another record.
    func referenceID(_ text: String?, _ field: String, _ resource: String) throws -> UUID? {
        guard let text else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw RegistryError.invalid([.init(field: field, message: "is not a known \(resource)")])
        }
        return id
    }

    // A filter naming nothing that exists is well-formed but unanswerable: 422, as for a
    // body's reference to a record that does not exist.
    func authorityFilter(_ code: String?) async throws -> String? {
        guard let code else { return nil }
        guard let canonical = try await store.reference.canonicalCode(code) else {
            throw RegistryError.invalid([.init(field: "authority", message: "is not a known authority code")])
        }
        return canonical
    }

    func regionFilter(_ code: String?) async throws -> String? {
        guard let code else { return nil }
        guard try await store.reference.regionExists(code) else {
            throw RegistryError.invalid([.init(field: "region", message: "is not a known region code")])
        }
        return code
    }

    /// A catalogue search: something to look for (punctuation alone finds nothing), or the caller's mistake.
    func catalogueSearch(_ text: String?) throws -> String? {
        guard let text else { return nil }
        let problem: String? =
            text.isEmpty ? "must not be empty"
            : text.count > 200 ? "must be at most 200 characters"
            : text.contains("\u{0}") ? "must not contain NUL characters" : nil
        if let problem { throw RegistryError.malformed([.init(field: "q", message: problem)]) }
        return text
    }

    func networkFilter(_ key: String?) async throws -> UUID? {
        guard let key else { return nil }
        guard let id = try await store.networks.resolve(key) else {
            throw RegistryError.invalid([.init(field: "network", message: "is not a known network")])
        }
        return id
    }
}
