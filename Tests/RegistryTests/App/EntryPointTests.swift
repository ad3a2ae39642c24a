import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// The addresses people are given, and the headers every answer carries.
@Suite struct EntryPointTests {
    /// Every address `make run` prints, read from its banner in scripts/run.
    static func printedAddresses() throws -> [String] {
        let script = try String(
            contentsOf: try TestDatabases.shared.resources.root.appendingPathComponent("scripts/run"), encoding: .utf8)
        let pattern = /http:\/\/127\.0\.0\.1:\$port(\/[^\s)]*)/
        return script.matches(of: pattern).map { String($0.output.1) }
    }

    @Test func everyAddressMakeRunPrintsAnswersWithinOneRedirect() async throws {
        let addresses = try Self.printedAddresses()
        #expect(addresses.contains("/dashboards/") && addresses.contains("/health"), "\(addresses)")
        try await TestRegistry.run { registry in
            #expect(try await registry.post("/api/v1/admin/dashboards/rebuild", "").status == 200)
            for address in addresses + ["/", "/dashboards"] {
                var reply = try await registry.get(address, as: .anonymous)
                if (300..<400).contains(reply.status), let location = reply.headers[.location] {
                    reply = try await registry.get(location, as: .anonymous)
                }
                #expect(reply.status == 200, "\(address): \(reply.status) \(reply.headers[.location] ?? "")")
            }
            let overview = try await registry.get("/dashboards/", as: .anonymous)
            #expect(overview.contentType?.hasPrefix("text/html") == true)
            #expect(overview.body.contains("AI and digital tools in children"))
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await TestRegistry.run { registry in
            #expect(try await registry.post("/api/v1/admin/dashboards/rebuild", "").status == 200)
            let replies = [
                try await registry.get("/api/v1/pilots", as: .anonymous),
                try await registry.get("/api/v1/nothing-here", as: .anonymous),
                try await registry.get("/dashboards/index.html", as: .anonymous),
            ]
            for reply in replies {
                #expect(reply.headers[.xContentTypeOptions] == "nosniff")
                #expect(reply.headers[.referrerPolicy] == "strict-origin-when-cross-origin")
            }
            let policy = replies[2].headers[.contentSecurityPolicy] ?? ""
            #expect(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"))
            #expect(replies[0].headers[.contentSecurityPolicy] == nil)
            // Over plain HTTP, as in tests and `make run`, no Strict-Transport-Security.
            #expect(replies[0].headers[.strictTransportSecurity] == nil)
        }
    }

    @Test func writesAreJudgedByWhoSendsThemBeforeTheirBody() async throws {
        try await TestRegistry.run { registry in
            let analyst = try await registry.token(.nationalAnalyst)
            let unreadable = #"{"name": "#
            let anonymous = try await registry.post("/api/v1/providers", unreadable, as: .anonymous)
            #expect(anonymous.status == 401, "\(anonymous.body)")
            let reader = try await registry.post("/api/v1/providers", unreadable, as: .token(analyst))
            #expect(reader.status == 403, "\(reader.body)")
            let huge = String(repeating: "x", count: 2 * 1024 * 1024)
            #expect(try await registry.post("/api/v1/providers", huge, as: .anonymous).status == 401)
            // A signed-in editor's unreadable body is judged as before.
            #expect(try await registry.post("/api/v1/providers", unreadable).status == 400)
        }
    }
}
