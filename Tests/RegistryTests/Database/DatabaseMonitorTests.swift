import Foundation
import Logging
import NIOCore
import NIOPosix
import Testing

@testable import Registry

/// How one probe is judged decides whether requests in flight are cancelled with 503: only a
/// database that refuses counts at once; one slow to accept (a busy machine) counts as slow,
/// which takes a second slow probe running to become an outage.
@Suite struct DatabaseMonitorTests {
    static let logger = Logger(label: "database-monitor-tests")

    @Test func aDatabaseThatAnswersIsAnswered() async throws {
        let monitor = try Self.monitor(of: try TestDatabases.shared.server)
        #expect(await monitor.probe() == .answered)
    }

    /// Requests doing long work keep every task thread busy just after the probe begins; the
    /// database answers at once all the same, and the probe must say so.
    @Test func aDatabaseThatAnswersWhileEveryTaskThreadIsBusyIsAnswered() async throws {
        let monitor = try Self.monitor(of: try TestDatabases.shared.server)
        let probing = Task { await monitor.probe() }
        try await Task.sleep(for: .milliseconds(2))
        let busy = (0..<2 * ProcessInfo.processInfo.activeProcessorCount).map { _ in
            Task.detached {
                let end = ContinuousClock.now + .milliseconds(1200)
                while ContinuousClock.now < end {}
            }
        }
        let probe = await probing.value
        for task in busy { await task.value }
        #expect(probe == .answered)
    }

    @Test func aPortNobodyListensOnIsRefused() async throws {
        let listener = try await SilentListener.start()
        let port = listener.port
        try await listener.stop()
        let monitor = try Self.monitor(of: try Self.database(port: port))
        #expect(await monitor.probe() == .refused)
    }

    @Test func aServerThatAcceptsButNeverAnswersIsSlowNotRefused() async throws {
        let listener = try await SilentListener.start()
        let probe = try await Self.monitor(of: try Self.database(port: listener.port)).probe()
        try await listener.stop()
        #expect(probe == .slow)
    }

    static func database(port: Int) throws -> DatabaseURL {
        try DatabaseURL("postgres://registry@127.0.0.1:\(port)/registry?sslmode=disable")
    }

    static func monitor(of database: DatabaseURL) throws -> DatabaseMonitor {
        let client = DatabaseClient(
            configuration: try database.clientConfiguration(
                maximumConnections: 1, fixedSize: false, statementTimeout: .seconds(5)),
            logger: logger)
        return DatabaseMonitor(database: database, client: client, probeTimeout: .seconds(1), logger: logger)
    }
}

/// A TCP port that accepts connections and never says a word: a database too busy to answer.
private struct SilentListener {
    let channel: any Channel

    var port: Int { channel.localAddress?.port ?? 0 }

    static func start() async throws -> SilentListener {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        return SilentListener(channel: channel)
    }

    func stop() async throws {
        try await channel.close()
    }
}
