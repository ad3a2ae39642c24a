import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Watches whether PostgreSQL answers: once a second it opens a connection of its own (outside
/// the pool, whose retries back off) and runs `SELECT 1`. A refused connection is an outage at
/// once; a probe that takes over `probeTimeout` counts only when the next is slow too.
///
/// While the database does not answer, requests that need it are refused at once with 503,
/// and those already waiting on it are cancelled, instead of each waiting out the pool.
/// When it answers again the pool is renewed, so the server recovers within a probe or two.
final class DatabaseMonitor: Service, Sendable {
    let database: DatabaseURL
    let client: DatabaseClient
    let interval: Duration
    let probeTimeout: Duration
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var isAvailable = true
        /// What to do when the database stops answering, by waiter.
        var outageWaiters: [Int: @Sendable () -> Void] = [:]
        var nextWaiter = 0
    }

    /// The monitor of the server whose request the current task serves, if any.
    @TaskLocal static var servingRequest: DatabaseMonitor?

    init(database: DatabaseURL, client: DatabaseClient, interval: Duration = .seconds(1),
         probeTimeout: Duration = .milliseconds(1500), logger: Logger) {
        self.database = database
        self.client = client
        self.interval = interval
        self.probeTimeout = probeTimeout
        self.logger = logger
    }

    /// Whether the last probe reached the database.
    var isAvailable: Bool { state.withLock { $0.isAvailable } }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var slowProbes = 0
            while !Task.isCancelled {
                switch await self.probe() {
                case .answered:
                    slowProbes = 0
                    self.record(true)
                case .refused:
                    self.record(false)
                case .slow:
                    // A busy machine can be slow to answer once; twice running, it is not answering.
                    slowProbes += 1
                    if slowProbes >= 2 { self.record(false) }
                }
                try? await Task.sleep(for: self.interval)
            }
        }
    }

    /// Returns when the database stops answering, or when the waiting task is cancelled.
    func waitForOutage() async {
        let id = nextWaiterID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if !onOutage(id, unlessCancelled: true, { continuation.resume() }) { continuation.resume() }
            }
        } onCancel: {
            stopWaiting(id)?()
        }
    }

    /// `work`'s result, or `DatabaseUnavailable` as soon as the database stops answering. `work`
    /// runs in a task of its own, so a wait that the database driver never ends (see
    /// `DatabaseConnection`) is left behind instead of holding the request for ever.
    func unlessOutage<Result: Sendable>(_ work: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let id = nextWaiterID()
        let answer = FirstAnswer<Result>()
        guard onOutage(id, { answer.give(.failure(DatabaseUnavailable())) }) else { throw DatabaseUnavailable() }
        defer { stopWaiting(id) }
        return try await answer.run(work)
    }

    private func nextWaiterID() -> Int {
        state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
    }

    /// Registers `action` for the next outage; false, without registering, if one is under way
    /// (or, with `unlessCancelled`, the task is cancelled: checked under the lock that the
    /// cancellation handler's `stopWaiting` takes, so a cancellation is never missed).
    private func onOutage(_ id: Int, unlessCancelled: Bool = false, _ action: @escaping @Sendable () -> Void) -> Bool {
        state.withLock { state in
            guard state.isAvailable, !(unlessCancelled && Task.isCancelled) else { return false }
            state.outageWaiters[id] = action
            return true
        }
    }

    @discardableResult
    private func stopWaiting(_ id: Int) -> (@Sendable () -> Void)? {
        state.withLock { $0.outageWaiters.removeValue(forKey: id) }
    }

    private func record(_ answered: Bool) {
        let (changed, waiters) = state.withLock { state -> (Bool, [@Sendable () -> Void]) in
            let changed = state.isAvailable != answered
            state.isAvailable = answered
            guard !answered else { return (changed, []) }
            defer { state.outageWaiters.removeAll() }
            return (changed, Array(state.outageWaiters.values))
        }
        client.isReachable = answered
        for waiter in waiters { waiter() }
        guard changed else { return }
        if answered {
            logger.notice("The database answers again")
            client.renew()
        } else {
            logger.error("The database does not answer; requests that need it get 503 until it does")
        }
    }

    enum Probe: Sendable { case answered, refused, slow }

    /// A connection of its own and `SELECT 1`, within `probeTimeout`, judged on one event loop:
    /// requests busy on the task threads must not make a database that answers look slow.
    /// The connection's own timeout is longer, so one slow to accept counts as slow, not refused.
    func probe() async -> Probe {
        guard let configuration = try? database.connectionConfiguration(connectTimeout: probeTimeout * 2) else {
            return .refused
        }
        let logger = self.logger
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        let verdict = eventLoop.makePromise(of: Probe.self)
        let timer = eventLoop.scheduleTask(in: .init(probeTimeout)) { verdict.succeed(.slow) }
        PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 0, logger: logger)
            .flatMap { connection in
                connection.query("SELECT 1", logger: logger)
                    .map { $0.rows.count == 1 ? Probe.answered : .refused }
                    .always { _ in let _: EventLoopFuture<Void> = connection.close() }
            }
            .whenComplete { result in
                // Whichever comes first on the loop decides; a promise completed twice keeps the first.
                timer.cancel()
                verdict.succeed((try? result.get()) ?? .refused)
            }
        return (try? await verdict.futureResult.get()) ?? .slow
    }
}
