import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import Testing

@testable import Registry

/// The real application on its own fresh database, with a direct database client beside it
/// for checking what was (and was not) written.
struct TestRegistry: Sendable {
    let client: any TestClientProtocol
    let database: PostgresClient
    /// The same database's address, for what the command line does to it.
    let url: DatabaseURL
    /// The token requests carry unless a test says otherwise: an administrator's.
    let adminToken: String
    /// The application's response cache, to see what it served.
    let cache: ResponseCache
    /// The token `GET /metrics` answers to.
    static let metricsToken = "metrics-token-for-tests-0123456789abcdef"

    /// Builds the application exactly as `serve` does and runs `body` against it.
    static func run(_ body: @Sendable @escaping (TestRegistry) async throws -> Void) async throws {
        try await TestSlots.shared.withSlot { try await runAlone(body) }
    }

    private static func runAlone(_ body: @Sendable @escaping (TestRegistry) async throws -> Void) async throws {
        let url = try await TestDatabases.shared.fresh()
        do {
            var configuration = AppConfiguration(
                database: url, resources: try TestDatabases.shared.resources, logLevel: .warning,
                maximumDatabaseConnections: 4)
            // Each test's own public dashboards, rebuilt only when a test asks.
            configuration.dashboardsFolder = FileManager.default.temporaryDirectory
                .appendingPathComponent("dashboards-\(url.database)")
            configuration.dashboardsDebounce = .seconds(3600)
            if ProcessInfo.processInfo.environment["TEST_OIDC_ISSUER"] != nil {
                configuration.openIDProviders = [try TestOpenIDProvider.provider]
            }
            configuration.metricsToken = Self.metricsToken
            let metrics = RegistryMetrics(build: BuildInformation(version: "test", commit: "test"))
            let cache = ResponseCache(budget: configuration.responseCacheBytes, metrics: metrics.cache)
            let app = try await buildApplication(configuration, metrics: metrics, cache: cache)
            try await DatabaseSession.run(url, logger: TestDatabases.shared.logger) { database in
                let admin = try await Self.issueToken(on: database, name: "Test administrator", role: .admin)
                try await app.test(.router) { client in
                    try await body(TestRegistry(client: client, database: database, url: url, adminToken: admin, cache: cache))
                }
            }
        } catch {
            await TestDatabases.shared.drop(url)
            throw error
        }
        await TestDatabases.shared.drop(url)
        try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("dashboards-\(url.database)"))
    }

    // MARK: - Requests

    /// Who a request is sent as.
    enum Identity: Sendable {
        case admin
        case token(String)
        case anonymous
    }

    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, json: String? = nil, headers: HTTPFields = [:],
        as identity: Identity = .admin, ifMatch: String? = "*"
    ) async throws -> Reply {
        var headers = headers
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        // Tests about other things replace and delete whatever version is current.
        if method == .put || method == .delete, let ifMatch, headers[.ifMatch] == nil { headers[.ifMatch] = ifMatch }
        switch identity {
        case .admin: headers[.authorization] = headers[.authorization] ?? "Bearer \(adminToken)"
        case .token(let token): headers[.authorization] = "Bearer \(token)"
        case .anonymous: break
        }
        let response = try await client.execute(
            uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return Reply(
            status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body),
            bytes: Data(response.body.readableBytesView))
    }

    func get(_ path: String, as identity: Identity = .admin) async throws -> Reply {
        try await send(.get, path, as: identity)
    }
    func post(_ path: String, _ json: String, as identity: Identity = .admin) async throws -> Reply {
        try await send(.post, path, json: json, as: identity)
    }
    func put(_ path: String, _ json: String, as identity: Identity = .admin) async throws -> Reply {
        try await send(.put, path, json: json, as: identity)
    }
    func delete(_ path: String, as identity: Identity = .admin) async throws -> Reply {
        try await send(.delete, path, as: identity)
    }

    /// A new user of the given role, and their token.
    func token(
        _ role: Caller.Role, authority: String? = nil, networks: [String] = [], expiresAt: Date? = nil
    ) async throws -> String {
        try await Self.issueToken(
            on: database, name: "Test \(role.rawValue)", role: role, authority: authority, networks: networks,
            expiresAt: expiresAt)
    }

    static func issueToken(
        on database: PostgresClient, name: String, role: Caller.Role, authority: String? = nil, networks: [String] = [],
        expiresAt: Date? = nil
    ) async throws -> String {
        try await IdentityStore(client: database, logger: TestDatabases.shared.logger).createUserWithToken(
            PersonDetails(name: name, email: nil, role: role, authority: authority, networks: networks), label: nil,
            expiresAt: expiresAt, context: .commandLine
        ).1.value
    }

    /// Creates a record and returns its id, failing the test when the API refuses.
    func create(
        _ path: String, _ json: String, as identity: Identity = .admin, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let reply = try await post(path, json, as: identity)
        #expect(reply.status == 201, "POST \(path): \(reply.body)", sourceLocation: sourceLocation)
        return try reply.string("id")
    }

    // MARK: - Database checks

    /// Live (not soft-deleted) rows of a table; the name comes from the test, never from input.
    func count(_ table: String, where condition: String = "true") async throws -> Int {
        try await database.query(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \(table) WHERE \(condition)"))
            .first { try $0.get("n", as: Int.self) } ?? 0
    }

    /// Row counts of every table a write can touch, to prove a refused request wrote nothing.
    func snapshot() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in [
            "providers", "tools", "networks", "network_members", "pilots", "pilot_participants", "phase_changes",
            "resourcing_lines", "assessments", "evaluations", "evaluation_measures", "insights", "single_views",
            "contacts",
        ] {
            counts[table] = try await count(table)
        }
        let versions = try await database.query(
            """
            SELECT (SELECT coalesce(sum(version), 0) FROM providers) + (SELECT coalesce(sum(version), 0) FROM tools)
                 + (SELECT coalesce(sum(version), 0) FROM pilots) + (SELECT coalesce(sum(version), 0) FROM networks)
                 AS versions
            """
        ).first { try $0.get("versions", as: Int.self) }
        counts["versions"] = versions
        return counts
    }
}

/// A response, with helpers to read its JSON.
struct Reply: Sendable {
    let status: Int
    let headers: HTTPFields
    let body: String
    /// The body as sent, for what is not text (a zip archive).
    let bytes: Data

    var json: [String: Any] {
        get throws {
            guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
                throw TestFailure("not a JSON object: \(body)")
            }
            return object
        }
    }

    func string(_ key: String) throws -> String {
        guard let value = try json[key] as? String else { throw TestFailure("no string \(key) in \(body)") }
        return value
    }

    var items: [[String: Any]] {
        get throws { (try json["items"] as? [[String: Any]]) ?? [] }
    }

    /// The `field` of each problem in an RFC 9457 body.
    var problemFields: [String] {
        get throws { ((try json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String } }
    }

    var contentType: String? { headers[.contentType] }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
