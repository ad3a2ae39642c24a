import AsyncHTTPClient
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import Testing

@testable import Registry

/// The real `csc-registry serve` with `LOG_FORMAT=json`, as an operations team runs it: every
/// line is one JSON object, a refused request's line names its request id, route and status
/// and holds neither the token nor the cookie it was sent with, and a request the server fails
/// is logged once, at error level, with its cause.
@Suite struct JSONLogTests {
    @Test func aFailingRequestsLineNamesItsRequestAndHoldsNoSecret() async throws {
        let executable = try BuiltExecutable.cscRegistry()
        let database = try await TestDatabases.shared.fresh()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("json-log-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }

        let server = Process()
        server.executableURL = executable
        server.arguments = ["serve", "--port", "0"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = database.address
        environment["LOG_FORMAT"] = "json"
        environment["LOG_LEVEL"] = "info"
        environment["METRICS_TOKEN"] = TestRegistry.metricsToken
        environment["DASHBOARDS_DIR"] = folder.path
        environment["CSC_REGISTRY_HOME"] = try TestDatabases.shared.resources.root.path
        server.environment = environment
        let lines = NIOLockedValueBox<[String]>([])
        let partial = NIOLockedValueBox(Data())
        let output = Pipe()
        // Whole lines only: a read can end in the middle of one.
        output.fileHandleForReading.readabilityHandler = { handle in
            let read = handle.availableData
            let complete: [String] = partial.withLockedValue { buffer in
                buffer.append(read)
                guard let last = buffer.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
                let text = String(decoding: buffer[..<last], as: UTF8.self)
                buffer.removeSubrange(..<buffer.index(after: last))
                return text.split(separator: "\n").map(String.init)
            }
            lines.withLockedValue { $0.append(contentsOf: complete) }
        }
        server.standardError = output
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }

        let port = try await Self.listeningPort(lines)
        let base = "http://127.0.0.1:\(port)"
        let secretToken = "csc_" + String(repeating: "s3cr3t", count: 8)
        let secretCookie = "cookie-" + UUID().uuidString
        let refused = try await Self.get(
            base + "/api/v1/pilots?tool=\(UUID())", headers: ["Authorization": "Bearer \(secretToken)", "Cookie": "csc-session=\(secretCookie)"])
        #expect(refused.status == 401)
        let metrics = try await Self.get(base + "/metrics", headers: ["Authorization": "Bearer \(TestRegistry.metricsToken)"])
        #expect(metrics.status == 200 && metrics.body.contains("csc_registry_build_info"))

        // The database goes away under the server: its answer is a 503, its line an error with a cause.
        await TestDatabases.shared.drop(database)
        var failed = try await Self.get(base + "/api/v1/pilots", headers: [:])
        for _ in 0..<20 where failed.status != 503 {
            try await Task.sleep(for: .milliseconds(250))
            failed = try await Self.get(base + "/api/v1/pilots", headers: [:])
        }
        #expect(failed.status == 503)
        server.terminate()
        server.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil

        let logged = lines.withLockedValue { $0 }
        let parsed = logged.map { ($0, try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(parsed.allSatisfy { $0.1 != nil }, "every line is a JSON object: \(parsed.filter { $0.1 == nil }.map(\.0))")
        let objects = parsed.compactMap(\.1)
        #expect(objects.allSatisfy { $0["time"] is String && $0["level"] is String && $0["message"] is String })
        let refusedLine = try #require(objects.first { $0["request_id"] as? String == refused.requestID }, "\(logged)")
        #expect(refusedLine["level"] as? String == "info", "a 4xx is not an error")
        #expect(refusedLine["route"] as? String == "/api/v1/pilots")
        #expect(refusedLine["status"] as? String == "401")
        #expect(refusedLine["duration_ms"] != nil)
        let failedLines = objects.filter { $0["request_id"] as? String == failed.requestID }
        #expect(failedLines.count == 1, "logged once: \(failedLines)")
        #expect(failedLines.first?["level"] as? String == "error")
        #expect((failedLines.first?["cause"] as? String).map { !$0.isEmpty && $0 != "none recorded" } == true, "\(failedLines)")
        for line in logged {
            #expect(!line.contains("s3cr3t") && !line.contains(secretCookie) && !line.contains(TestRegistry.metricsToken))
        }
    }

    @Test func aValueCannotEndItsLineOrForgeAField() throws {
        let written = NIOLockedValueBox<[String]>([])
        var logger = Logger(label: "csc-registry") { JSONLogHandler(label: $0) { line in written.withLockedValue { $0.append(line) } } }
        logger[metadataKey: "hb.request.id"] = "abc123"
        logger.warning("two\nlines \"quoted\" \u{1}", metadata: ["route": "/x\n{\"level\":\"error\"}"])
        let lines = written.withLockedValue { $0 }
        #expect(lines.count == 1 && lines[0].hasSuffix("}\n") && lines[0].dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(object["message"] as? String == "two\nlines \"quoted\" \u{1}")
        #expect(object["level"] as? String == "warning")
        #expect(object["request_id"] as? String == "abc123" && object["hb.request.id"] == nil)
        #expect(object["route"] as? String == "/x\n{\"level\":\"error\"}")
        #expect((object["time"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(object)")
    }

    /// The port the server says it listens on, once it says so.
    private static func listeningPort(_ lines: NIOLockedValueBox<[String]>) async throws -> Int {
        for _ in 0..<600 {
            let said = lines.withLockedValue { $0 }.first { $0.contains("Server started and listening on") }
            if let said, let match = said.firstMatch(of: /listening on 127\.0\.0\.1:(\d+)/), let port = Int(match.output.1) {
                return port
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ConfigurationError("The server never said it was listening: \(lines.withLockedValue { $0 })")
    }

    private struct Reply {
        let status: Int
        let requestID: String?
        let body: String
    }

    private static func get(_ url: String, headers: [String: String]) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await TestOpenIDProvider.http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 4 << 20)
        return Reply(status: Int(response.status.code), requestID: response.headers.first(name: "X-Request-Id"), body: String(buffer: body))
    }
}
