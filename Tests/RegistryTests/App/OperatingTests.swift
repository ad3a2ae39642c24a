import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// What operators see: metrics that move by exactly what was served and never name a record,
/// a request id on every answer and in every problem, and readiness.
@Suite struct OperatingTests {
    @Test func metricsMoveByExactlyWhatWasServed() async throws {
        try await TestRegistry.run { registry in
            let before = try await registry.scrape()
            let cacheBefore = registry.cache.counts
            for _ in 0..<3 { #expect(try await registry.get("/api/v1/pilots", as: .anonymous).status == 200) }
            let (pilot, tool, provider) = try await registry.makePilot()
            for _ in 0..<2 { #expect(try await registry.get("/api/v1/pilots/\(pilot)").status == 200) }
            #expect(try await registry.get("/api/v1/pilots/\(UUID().uuidString.lowercased())").status == 404)
            #expect(try await registry.get("/api/v1/pilots", as: .token("not-a-token-of-ours")).status == 401)
            let after = try await registry.scrape()

            func moved(_ name: String, _ labels: [String: String]) -> Double {
                after.value(name, labels) - before.value(name, labels)
            }
            let requests = "csc_registry_http_requests_total"
            #expect(moved(requests, ["route": "/api/v1/pilots", "method": "GET", "status": "200"]) == 3)
            #expect(moved(requests, ["route": "/api/v1/pilots", "method": "POST", "status": "201"]) == 1)
            #expect(moved(requests, ["route": "/api/v1/providers", "method": "POST", "status": "201"]) == 1)
            #expect(moved(requests, ["route": "/api/v1/pilots/{pilot_id}", "method": "GET", "status": "200"]) == 2)
            #expect(moved(requests, ["route": "/api/v1/pilots/{pilot_id}", "method": "GET", "status": "404"]) == 1)
            #expect(moved(requests, ["route": "/api/v1/pilots", "method": "GET", "status": "401"]) == 1)
            #expect(moved(requests, ["route": "/metrics"]) == 1, "the first scrape")
            #expect(
                moved("csc_registry_http_request_duration_seconds_count", ["route": "/api/v1/pilots/{pilot_id}", "status": "200"]) == 2)
            #expect(after.value("csc_registry_http_requests_in_flight") == 1, "the scrape itself")
            // The provider, the tool and the pilot, each audited once its transaction committed.
            #expect(moved("csc_registry_audit_entries_total", ["action": "create"]) == 3)
            #expect(moved("csc_registry_authentication_failures_total", ["kind": "invalid_token"]) == 1)
            let cacheAfter = registry.cache.counts
            #expect(moved("csc_registry_response_cache_hits_total", [:]) == Double(cacheAfter.hits - cacheBefore.hits))
            #expect(moved("csc_registry_response_cache_misses_total", [:]) == Double(cacheAfter.misses - cacheBefore.misses))
            #expect(cacheAfter.hits > cacheBefore.hits)
            #expect(after.value("csc_registry_response_cache_bytes") == Double(registry.cache.storedBytes))
            #expect(moved("csc_registry_database_statement_duration_seconds_count", [:]) >= 10)
            // The pool's four connections, each in use or idle, as PostgresNIO reported them.
            let pool = ["in_use", "idle"].map { after.value("csc_registry_database_connections", ["state": $0]) }
            #expect(pool.allSatisfy { $0 >= 0 } && (1...4).contains(pool[0] + pool[1]), "\(pool)")
            #expect(after.value("csc_registry_migrations", ["state": "pending"]) == 0)
            #expect(after.value("csc_registry_migrations", ["state": "applied"]) > 18)
            #expect(after.value("csc_registry_build_info", ["version": "test", "commit": "test"]) == 1)

            // Labels name routes, never records: no id of anything created appears in any.
            for id in [pilot, tool, provider] { #expect(!after.labelValues.contains { $0.contains(id) }) }
            #expect(!after.labelValues.contains { $0.range(of: #"[0-9a-f]{8}-[0-9a-f]{4}-"#, options: .regularExpression) != nil })
        }
    }

    @Test func metricsAreRefusedToEveryoneButTheScraper() async throws {
        try await TestRegistry.run { registry in
            let analyst = try await registry.token(.nationalAnalyst)
            let refusals = [
                try await registry.get("/metrics", as: .anonymous),
                try await registry.get("/metrics", as: .token(analyst)),
                try await registry.get("/metrics"),
                try await registry.send(.get, "/metrics", headers: [.authorization: "Bearer \(TestRegistry.metricsToken)x"]),
            ]
            for reply in refusals {
                #expect([401, 404].contains(reply.status), "\(reply.status)")
                #expect(!reply.body.contains("csc_registry_"))
            }
            let scraped = try await registry.send(.get, "/metrics", headers: [.authorization: "Bearer \(TestRegistry.metricsToken)"])
            #expect(scraped.status == 200)
            #expect(scraped.contentType?.hasPrefix("text/plain; version=0.0.4") == true)
        }
    }

    @Test func everyAnswerNamesItsRequestAndEveryProblemCarriesTheName() async throws {
        try await TestRegistry.run { registry in
            let replies = [
                try await registry.get("/health", as: .anonymous),
                try await registry.get("/api/v1/nothing-here", as: .anonymous),
                try await registry.post("/api/v1/providers", #"{"name": ""}"#),
                try await registry.get("/dashboards/no-such-page.html", as: .anonymous),
            ]
            var seen: Set<String> = []
            for reply in replies {
                let id = try #require(reply.headers[.xRequestID], "\(reply.status)")
                #expect(RequestIDMiddleware.isWellFormed(id))
                seen.insert(id)
                if reply.contentType == "application/problem+json" {
                    let body = try JSONSerialization.jsonObject(with: reply.bytes) as? [String: Any]
                    #expect(body?["request_id"] as? String == id, "\(reply.body)")
                }
            }
            #expect(seen.count == replies.count, "each request its own id")
            #expect(replies[1].status == 404 && replies[2].status == 422)
        }
    }

    @Test func aProxysRequestIDIsKeptOnlyInAFormThatCannotForgeALogLine() {
        #expect(RequestIDMiddleware.isWellFormed("3f2b9c1e-8d4a-4e0b-9c1d-2a7f6e5b4c3d"))
        #expect(RequestIDMiddleware.isWellFormed("00f067aa0ba902b7.1:req"))
        #expect(!RequestIDMiddleware.isWellFormed("id\nlevel=error"))
        #expect(!RequestIDMiddleware.isWellFormed(""))
        #expect(!RequestIDMiddleware.isWellFormed(String(repeating: "a", count: 129)))
    }

    @Test func readinessSaysWhetherMigrationsAreCurrentAndHowTheDashboardsWent() async throws {
        try await TestRegistry.run { registry in
            #expect(try await registry.post("/api/v1/admin/dashboards/rebuild", "").status == 200)
            for address in ["/api/v1/readiness", "/ready"] {
                let reply = try await registry.get(address, as: .anonymous)
                #expect(reply.status == 200, "\(address): \(reply.body)")
                let body = try #require(try JSONSerialization.jsonObject(with: reply.bytes) as? [String: Any])
                #expect(body["status"] as? String == "ready")
                #expect(body["database"] as? String == "ok")
                let migrations = try #require(body["migrations"] as? [String: Any])
                let known = try Migration.load(from: TestDatabases.shared.resources.migrations).count
                #expect(migrations["current"] as? Bool == true)
                #expect(migrations["known"] as? Int == known && migrations["applied"] as? Int == known)
                #expect(migrations["pending"] as? Int == 0)
                let dashboards = try #require(body["dashboards"] as? [String: Any])
                #expect(dashboards["last_build"] as? String == "succeeded")
                #expect((dashboards["age_seconds"] as? Int).map { (0..<120).contains($0) } == true)
                #expect(dashboards["built_at"] is String)
            }
            // A migration this build knows but the database has not: not ready, and why.
            _ = try await registry.database.query("DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)")
            let behind = try await registry.get("/ready", as: .anonymous)
            #expect(behind.status == 503)
            #expect(behind.headers[.retryAfter] != nil)
            #expect(behind.body.contains(#""pending":1"#) && behind.body.contains(#""status":"not_ready""#), "\(behind.body)")
        }
    }
}
