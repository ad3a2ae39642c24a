import Foundation
import Hummingbird
import Logging
import OpenAPIHummingbird
import PostgresNIO
import RegistryAPI

/// Builds the application the server runs and the tests exercise: the pooled database client
/// as a service, a migration check before the port opens, and the router.
public func buildApplication(_ configuration: AppConfiguration) async throws -> some ApplicationProtocol {
    let logger = {
        var logger = Logger(label: "csc-registry")
        logger.logLevel = configuration.logLevel
        return logger
    }()
    let client = PostgresClient(
        configuration: try configuration.database.clientConfiguration(
            maximumConnections: configuration.maximumDatabaseConnections),
        backgroundLogger: logger)
    let migrations = try Migration.load(from: configuration.resources.migrations)
    let store = RegistryStore(client: client, logger: logger)

    let router = try buildRouter(store: store, resources: configuration.resources)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "csc-registry"),
        services: [client],
        logger: logger)
    app.beforeServerStarts {
        let runner = MigrationRunner(client: client, migrations: migrations, logger: logger)
        if configuration.migrateOnStart {
            try await runner.migrate()
        } else {
            let pending = try await runner.pending()
            if !pending.isEmpty {
                throw ConfigurationError(
                    "The database has \(pending.count) pending migration(s), the first \(pending[0].name). "
                        + "Run `csc-registry migrate` or start with `serve --migrate`.")
            }
        }
    }
    return app
}

/// The router alone, with every route of openapi.yaml under /api/v1.
func buildRouter(store: RegistryStore, resources: ResourceFiles) throws -> Router<RegistryRequestContext> {
    let router = Router(context: RegistryRequestContext.self)
    router.middlewares.add(ProblemMiddleware())
    router.middlewares.add(LogRequestsMiddleware(.info))
    router.middlewares.add(RequestGuardMiddleware())
    router.middlewares.add(ResponseHeaderMiddleware())
    router.middlewares.add(
        AuthenticationMiddleware(identities: store.identities, throttle: FailedAuthenticationThrottle()))

    let api = RegistryService(store: store)
    try api.registerHandlers(
        on: router, serverURL: URL(string: "/api/v1")!,
        middlewares: [IdempotencyMiddleware(keys: store.idempotencyKeys)])
    router.get("/api/v1/openapi.yaml") { _, _ in try OpenAPIDocument.response(from: resources.openAPIDocument) }
    // Load balancers probe the root; it answers exactly as /api/v1/health does.
    router.get("/health") { _, _ in try await api.healthResponse() }
    router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/api/v1/openapi.yaml"]) }
    return router
}

extension RegistryOperations {
    /// Serves until the process is told to stop (SIGINT or SIGTERM), then drains and exits.
    public static func serve(_ configuration: AppConfiguration) async throws {
        let app = try await buildApplication(configuration)
        try await app.runService()
    }
}
