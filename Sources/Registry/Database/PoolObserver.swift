import CoreMetrics
import Logging

/// PostgresNIO tells its pool's connections opening and closing only to the pool's own logger,
/// at debug level. This handler counts them into `DatabaseMetrics` and passes on to the
/// server's handler whatever its level lets through.
struct PoolObserver: LogHandler {
    private var forward: any LogHandler
    private let metrics: DatabaseMetrics

    init(forwardingTo forward: any LogHandler, metrics: DatabaseMetrics) {
        self.forward = forward
        self.metrics = metrics
    }

    /// Debug, so the pool's reports arrive; what is forwarded is judged by `forward.logLevel`.
    var logLevel: Logger.Level {
        get { .debug }
        set { forward.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { forward.metadata }
        set { forward.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { forward[metadataKey: key] }
        set { forward[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        // The messages of PostgresNIO's `PostgresClientMetrics`; `OperatingTests` fails
        // should a new version word them otherwise.
        switch event.message.description {
        case "Creating new connection": metrics.opened(by: 1)
        case "Connection creation failed", "Connection closed": metrics.opened(by: -1)
        default: break
        }
        if event.level >= forward.logLevel { forward.log(event: event) }
    }
}
