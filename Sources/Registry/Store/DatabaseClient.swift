import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The server's pooled PostgreSQL client, replaceable while the server runs.
///
/// After an outage the pool retries with a backoff that grows to a minute, so a database that
/// came back could wait that long for its first connection. `DatabaseMonitor` calls `renew()`
/// once the database answers again: a fresh pool connects at once, and the old one is closed.
final class DatabaseClient: Service, Sendable {
    private let configuration: PostgresClient.Configuration
    private let logger: Logger
    private let state: Mutex<PostgresClient>
    private let reachable = Mutex(true)
    private let renewals: AsyncStream<PostgresClient>.Continuation
    private let pending: AsyncStream<PostgresClient>

    /// With `metrics`, the pools' connections in use and idle are counted (`PoolObserver`).
    init(configuration: PostgresClient.Configuration, logger: Logger, metrics: DatabaseMetrics? = nil) {
        self.configuration = configuration
        self.logger = metrics.map { metrics in
            Logger(label: logger.label) { _ in PoolObserver(forwardingTo: logger.handler, metrics: metrics) }
        } ?? logger
        state = Mutex(PostgresClient(configuration: configuration, backgroundLogger: self.logger))
        (pending, renewals) = AsyncStream.makeStream(of: PostgresClient.self)
    }

    /// The pool every store uses now.
    var current: PostgresClient { state.withLock { $0 } }

    /// Whether `DatabaseMonitor`'s last probe reached the database.
    var isReachable: Bool {
        get { reachable.withLock { $0 } }
        set { reachable.withLock { $0 = newValue } }
    }

    /// Replaces the pool with a fresh one; requests already using the old one finish or fail.
    func renew() {
        let fresh = PostgresClient(configuration: configuration, backgroundLogger: logger)
        renewals.yield(fresh)
    }

    /// Runs the current pool, and each fresh one in its turn, until the server stops.
    func run() async throws {
        var running = Task { [current] in await current.run() }
        await withGracefulShutdownHandler {
            for await fresh in pending {
                let old = running
                running = Task { await fresh.run() }
                state.withLock { $0 = fresh }
                logger.info("Renewed the database connection pool")
                old.cancel()
            }
        } onGracefulShutdown: { [renewals] in
            renewals.finish()
        }
        running.cancel()
        await running.value
    }
}
