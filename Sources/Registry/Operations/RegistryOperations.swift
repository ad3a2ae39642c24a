import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// What the command-line tool's subcommands do: serve, and the offline work of migrating,
/// loading demonstration data, exports, dashboards and tokens (in the files beside this one).
public enum RegistryOperations {
    /// Applies pending migrations; returns the names of those applied.
    public static func migrate(database: DatabaseURL, resources: ResourceFiles, logger: Logger) async throws -> [String] {
        let migrations = try Migration.load(from: resources.migrations)
        return try await DatabaseSession.run(database, logger: logger) { client in
            try await MigrationRunner(client: client, migrations: migrations, logger: logger).migrate().map(\.name)
        }
    }

    /// Loads the demonstration data set unless it is already there; with `scale` above 1, then
    /// multiplies it that many times over for benchmarks.
    public static func loadDemo(database: DatabaseURL, resources: ResourceFiles, scale: Int = 1, logger: Logger) async throws -> DemoSummary {
        let migrations = try Migration.load(from: resources.migrations)
        return try await DatabaseSession.run(database, logger: logger) { client in
            let pending = try await MigrationRunner(client: client, migrations: migrations, logger: logger).pending()
            if !pending.isEmpty {
                throw ConfigurationError("The database has pending migrations; run `csc-registry migrate` first.")
            }
            let store = RegistryStore(client: client, logger: logger)
            var loader = DemoDataLoader(store: store)
            var summary = try await loader.load()
            if scale > 1 {
                summary.scaledPilots = try await store.demo.scale(to: scale)
            }
            return summary
        }
    }

    /// Takes the demonstration data out, leaving every real record and whatever real records
    /// depend on; one audit entry says what went.
    public static func removeDemo(database: DatabaseURL, logger: Logger) async throws -> String {
        let removal = try await DatabaseSession.run(database, logger: logger) { client in
            try await RegistryStore(client: client, logger: logger).demo.remove(
                by: Caller(userID: nil, name: "csc-registry demo --remove", role: .admin))
        }
        let removed = removal.removed.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        var text = removed.isEmpty ? "No demonstration data to remove." : "Removed the demonstration data: " + removed.joined(separator: ", ") + "."
        if !removal.kept.isEmpty {
            text += " Kept, because real records depend on them: "
                + removal.kept.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "."
        }
        return text
    }

    /// Serves until the process is told to stop (SIGINT or SIGTERM), then drains and exits.
    /// Requests still running after `shutdownGrace` are cancelled; a process that has not
    /// stopped 5 seconds later stops with an error, so nothing waits on it for ever.
    public static func serve(_ configuration: AppConfiguration, shutdownGrace: Duration = .seconds(30)) async throws {
        let app = try await buildApplication(configuration)
        var group = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: app.logger)
        group.maximumGracefulShutdownDuration = shutdownGrace
        group.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: group).run()
    }
}
