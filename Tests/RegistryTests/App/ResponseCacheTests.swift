import Foundation
import HTTPTypes
import NIOConcurrencyHelpers
import OpenAPIRuntime
import PostgresNIO
import Testing

@testable import Registry

/// The response cache may only ever answer what a fresh computation would: these tests change
/// records every way a user (or another program) can and read straight after.
@Suite struct ResponseCacheTests {
    @Test func repeatedReadIsServedFromTheCacheUntilTheRecordChanges() async throws {
        try await TestRegistry.run { registry in
            let (pilot, tool, _) = try await registry.makePilot()
            let path = "/api/v1/pilots/\(pilot)"
            let first = try await registry.get(path)
            let hits = registry.cache.counts.hits
            let second = try await registry.get(path)
            #expect(NSDictionary(dictionary: try second.json) == NSDictionary(dictionary: try first.json))
            #expect(registry.cache.counts.hits == hits + 1)
            // No Accept means any, so a client that sends `*/*` shares the answer.
            #expect(try await registry.send(.get, path, headers: [.accept: "*/*"]).status == 200)
            #expect(registry.cache.counts.hits == hits + 2)

            let renamed = Fixtures.pilot(toolID: tool).replacingOccurrences(of: "Visit notes pilot", with: "Renamed pilot")
            #expect(try await registry.put(path, renamed).status == 200)
            #expect(try await registry.get(path).string("title") == "Renamed pilot")
        }
    }

    @Test func noCacheRequestsAreWorkedOutAfresh() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            let counts = registry.cache.counts
            for _ in 0..<3 {
                let reply = try await registry.send(.get, "/api/v1/pilots/\(pilot)", headers: [.cacheControl: "no-cache"])
                #expect(reply.status == 200)
            }
            #expect(registry.cache.counts == counts)
        }
    }

    @Test func pilotMadePrivateDisappearsForAnonymousReadersAtOnce() async throws {
        try await TestRegistry.run { registry in
            let (pilot, tool, _) = try await registry.makePilot(sharing: "public")
            for _ in 0..<2 {
                let listed = try await registry.get("/api/v1/pilots", as: .anonymous).items.compactMap { $0["id"] as? String }
                #expect(listed == [pilot])
                #expect(try await registry.get("/api/v1/pilots/\(pilot)", as: .anonymous).status == 200)
            }

            #expect(try await registry.put("/api/v1/pilots/\(pilot)", Fixtures.pilot(toolID: tool, sharing: "private")).status == 200)
            #expect(try await registry.get("/api/v1/pilots", as: .anonymous).items.isEmpty)
            #expect(try await registry.get("/api/v1/pilots/\(pilot)", as: .anonymous).status == 404)
        }
    }

    @Test func changesMadeOutsideTheServerAreSeenAtOnce() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot()
            let path = "/api/v1/pilots/\(pilot)"
            _ = try await registry.get(path)
            _ = try await registry.get(path)
            let id = try #require(UUID(uuidString: pilot))
            try await registry.database.query("UPDATE pilots SET title = 'Edited in psql' WHERE id = \(id)")
            #expect(try await registry.get(path).string("title") == "Edited in psql")

            try await registry.database.query("UPDATE pilots SET deleted_at = now() WHERE id = \(id)")
            #expect(try await registry.get(path).status == 404)
        }
    }

    @Test func eachReaderGetsTheirOwnView() async throws {
        try await TestRegistry.run { registry in
            let (pilot, _, _) = try await registry.makePilot(sharing: "private")
            let editor = try await registry.token(.authorityEditor, authority: "E06000001")
            for _ in 0..<2 {
                let own = try await registry.get("/api/v1/pilots", as: .token(editor)).items.compactMap { $0["id"] as? String }
                #expect(own == [pilot])
                #expect(try await registry.get("/api/v1/pilots", as: .anonymous).items.isEmpty)
            }
        }
    }

    @Test func dataVersionRisesOncePerCommittedChangeAndOnlyThen() async throws {
        try await TestRegistry.run { registry in
            let store = RegistryStore(client: registry.database, logger: TestDatabases.shared.logger)
            let logger = TestDatabases.shared.logger
            let start = try await store.dataVersion()

            // Two rows in one transaction: one step, and only once it commits.
            try await registry.database.withConnection { writer in
                try await writer.query("BEGIN", logger: logger)
                try await writer.query("INSERT INTO providers (name) VALUES ('One')", logger: logger)
                try await writer.query("INSERT INTO providers (name) VALUES ('Two')", logger: logger)
                #expect(try await store.dataVersion() == start)
                try await writer.query("COMMIT", logger: logger)
            }
            let afterOne = try await store.dataVersion()
            #expect(afterOne.value == start.value + 1)

            // Two writers on their own connections, both written before either commits: neither
            // waits for the other, and each commit is one step.
            try await registry.database.withConnection { first in
                try await registry.database.withConnection { second in
                    for (writer, name) in [(first, "Four"), (second, "Five")] {
                        try await writer.query("BEGIN", logger: logger)
                        try await writer.query("INSERT INTO providers (name) VALUES (\(name))", logger: logger)
                    }
                    try await second.query("COMMIT", logger: logger)
                    #expect(try await store.dataVersion().value == afterOne.value + 1)
                    try await first.query("COMMIT", logger: logger)
                }
            }
            let afterCommit = try await store.dataVersion()
            #expect(afterCommit.value == afterOne.value + 2)

            // Rolled back, read-only, or only a token's last use: no change to anything a read shows.
            try await registry.database.withConnection { writer in
                try await writer.query("BEGIN", logger: logger)
                try await writer.query("INSERT INTO providers (name) VALUES ('Three')", logger: logger)
                try await writer.query("ROLLBACK", logger: logger)
            }
            _ = try await registry.count("pilots")
            try await registry.database.query("UPDATE api_tokens SET last_used_at = now()")
            #expect(try await store.dataVersion() == afterCommit)
        }
    }

    @Test func recordsVersionRisesWithRecordsAndNotWithPeopleOrTheAuditTrail() async throws {
        try await TestRegistry.run { registry in
            let store = RegistryStore(client: registry.database, logger: TestDatabases.shared.logger)
            let logger = TestDatabases.shared.logger
            let (data, records) = (try await store.dataVersion(), try await store.recordsVersion())

            // An audit entry (a sign-in writes one) and a person's change: the registry's version only.
            try await registry.database.query(
                "INSERT INTO audit_events (actor_name, actor_role, action, resource_type, resource_id) VALUES ('x', 'admin', 'sign_in', 'session', gen_random_uuid())")
            try await registry.database.query("UPDATE users SET updated_at = now()")
            #expect(try await store.dataVersion().value == data.value + 2)
            #expect(try await store.recordsVersion() == records)

            // A record and its audit entry in one transaction, in either order: one step of each.
            for statements in [
                ["INSERT INTO providers (name) VALUES ('One')", "UPDATE users SET updated_at = now()"],
                ["UPDATE users SET updated_at = now()", "INSERT INTO providers (name) VALUES ('Two')"],
            ] {
                let (dataBefore, recordsBefore) = (try await store.dataVersion(), try await store.recordsVersion())
                try await registry.database.withConnection { writer in
                    try await writer.query("BEGIN", logger: logger)
                    for statement in statements { try await writer.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                    try await writer.query("COMMIT", logger: logger)
                }
                #expect(try await store.dataVersion().value == dataBefore.value + 1)
                #expect(try await store.recordsVersion().value == recordsBefore.value + 1)
            }
        }
    }

    @Test func readersWhoArriveAfterAChangeWaitForTheNextComputation() async throws {
        let cache = ResponseCache(budget: 1024 * 1024)
        let key = ResponseCache.Key(reader: "anonymous", request: "/api/v1/stats/governance")
        let before = DataVersion(value: 10)
        let after = DataVersion(value: 11)
        let computations = Counter()
        let answers = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<6 {
                group.addTask {
                    let version = index == 0 ? before : after
                    if index > 0 { while cache.counts.misses < 1 { try await Task.sleep(for: .milliseconds(5)) } }
                    let (_, body) = try await cache.response(for: key, at: version) {
                        let number = computations.increment()
                        while cache.counts.misses < 6 { try await Task.sleep(for: .milliseconds(5)) }
                        return (HTTPResponse(status: .ok), HTTPBody("computed \(number) at \(version)"))
                    }
                    return try await String(collecting: body!, upTo: 1024)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // The first reader's answer predates the change, so only it may use it; the five who
        // came after share one more computation instead of five.
        #expect(computations.value == 2)
        #expect(answers.filter { $0.hasSuffix("at 10") }.count == 1)
        #expect(answers.filter { $0.hasSuffix("at 11") }.count == 5)
    }

    @Test func concurrentMissesForOneKeyShareOneComputation() async throws {
        let cache = ResponseCache(budget: 1024 * 1024)
        let key = ResponseCache.Key(reader: "anonymous", request: "/api/v1/stats/governance")
        let version = DataVersion(value: 10)
        let computations = Counter()
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let (_, body) = try await cache.response(for: key, at: version) {
                        computations.increment()
                        // Hold the first computation until every reader has asked.
                        while cache.counts.misses < 8 { try await Task.sleep(for: .milliseconds(5)) }
                        return (HTTPResponse(status: .ok), HTTPBody("answer"))
                    }
                    return try await String(collecting: body!, upTo: 1024)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(bodies == Array(repeating: "answer", count: 8))
        #expect(computations.value == 1)
    }

    @Test func whenTheComputingReaderGoesAwayOneWaiterTakesOver() async throws {
        let cache = ResponseCache(budget: 1024 * 1024)
        let key = ResponseCache.Key(reader: "anonymous", request: "/api/v1/stats/governance")
        let version = DataVersion(value: 10)
        let computations = Counter()
        let read: @Sendable () async throws -> String = {
            let (_, body) = try await cache.response(for: key, at: version) {
                // The first computation lasts until its reader disconnects.
                if computations.increment() == 1 { try await Task.sleep(for: .seconds(60)) }
                return (HTTPResponse(status: .ok), HTTPBody("answer"))
            }
            return try await String(collecting: body!, upTo: 1024)
        }
        let first = Task { try await read() }
        while cache.counts.misses < 1 { try await Task.sleep(for: .milliseconds(5)) }
        let answers = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<7 { group.addTask { try await read() } }
            while cache.counts.misses < 8 { try await Task.sleep(for: .milliseconds(5)) }
            first.cancel()
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers == Array(repeating: "answer", count: 7))
        // The seven left waiting share one more computation rather than each starting its own.
        #expect(computations.value == 2)
        #expect(await first.result.isFailure)
    }

    @Test func leastRecentlyUsedEntriesMakeWayWithinTheBudget() async throws {
        let cache = ResponseCache(budget: 16 * 1024)
        let version = DataVersion(value: 10)
        let body = String(repeating: "x", count: 1000)
        func read(_ name: String) async throws {
            _ = try await cache.response(for: .init(reader: "anonymous", request: name), at: version) {
                (HTTPResponse(status: .ok), HTTPBody(body))
            }
        }
        for index in 0..<40 {
            try await read("/page/\(index)")
            #expect(cache.storedBytes <= 16 * 1024)
        }
        let hits = cache.counts.hits
        try await read("/page/39")
        #expect(cache.counts.hits == hits + 1)  // the newest stayed
        try await read("/page/0")
        #expect(cache.counts.hits == hits + 1)  // the oldest went
    }

    @Test func failedAndRefusedAnswersAreNotKept() async throws {
        let cache = ResponseCache(budget: 1024 * 1024)
        let key = ResponseCache.Key(reader: "anonymous", request: "/api/v1/pilots/missing")
        let version = DataVersion(value: 10)
        for _ in 0..<2 {
            let (response, _) = try await cache.response(for: key, at: version) { (HTTPResponse(status: .notFound), nil) }
            #expect(response.status == .notFound)
        }
        #expect(cache.counts.hits == 0)
        #expect(cache.storedBytes == 0)
    }
}

/// A count shared by concurrent tasks.
private final class Counter: Sendable {
    private let box = NIOLockedValueBox(0)
    @discardableResult
    func increment() -> Int { box.withLockedValue { $0 += 1; return $0 } }
    var value: Int { box.withLockedValue { $0 } }
}

extension Result {
    fileprivate var isFailure: Bool { if case .failure = self { true } else { false } }
}
