import CoreMetrics
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIHummingbird
import OpenAPIRuntime
import PostgresNIO
import RegistryAPI
import ServiceLifecycle

/// Builds the application the server runs and the tests exercise: the pooled database client
/// as a service, a migration check before the port opens, and the router.
/// Metrics are kept only when someone may scrape them (`METRICS_TOKEN`), so without a token
/// they cost nothing.
public func buildApplication(_ configuration: AppConfiguration) async throws -> some ApplicationProtocol {
    let metrics = configuration.metricsToken.map { _ in
        RegistryMetrics(build: BuildInformation.read(configuration.resources, commit: configuration.buildCommit))
    }
    return try await buildApplication(
        configuration, metrics: metrics, cache: ResponseCache(budget: configuration.responseCacheBytes, metrics: metrics?.cache))
}

/// As above, with the metrics and response cache given, so tests can see what they counted and served.
func buildApplication(_ configuration: AppConfiguration, metrics: RegistryMetrics?, cache: ResponseCache) async throws
    -> some ApplicationProtocol
{
    let logger = {
        var logger = Logger(label: "csc-registry")
        logger.logLevel = configuration.logLevel
        return logger
    }()
    let database = DatabaseClient(
        configuration: try configuration.database.clientConfiguration(
            maximumConnections: configuration.maximumDatabaseConnections, fixedSize: true,
            statementTimeout: configuration.databaseTimeout),
        logger: logger, metrics: metrics?.database)
    let monitor = DatabaseMonitor(database: configuration.database, client: database, logger: logger)
    let migrations = try Migration.load(from: configuration.resources.migrations)
    let store = RegistryStore(
        database: database, logger: logger, statisticsSlots: configuration.maximumDatabaseConnections / 2)

    let site = SiteBuild(
        builder: DashboardBuilder(store: store, site: try await DashboardSite.load(from: configuration.resources.dashboards)),
        process: configuration.dashboardsExecutable.map {
            SiteBuildProcess(executable: $0, database: configuration.database, logLevel: configuration.logLevel)
        },
        metrics: metrics?.dashboards)
    let dashboards = DashboardPublisher(
        site: site, folder: configuration.publicDashboards, debounce: configuration.dashboardsDebounce, logger: logger)
    let liveDashboards = try LiveDashboards(build: site)
    let connections = ClientConnections()
    let readiness = Readiness(store: store, migrations: migrations, dashboards: dashboards)
    let router = try await buildRouter(
        configuration, store: store, monitor: monitor, dashboards: dashboards, liveDashboards: liveDashboards, cache: cache,
        connections: connections, metrics: metrics, readiness: readiness)
    let services: [any Service] = [database, monitor, dashboards, liveDashboards]
    var app = Application(
        router: router,
        server: .http1(configuration: .init(additionalChannelHandlers: [connections.watcher()])),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "csc-registry"),
        services: metrics.map { metrics in services.map { MeasuredService($0, metrics: metrics.database) } } ?? services,
        logger: logger)
    app.beforeServerStarts {
        let runner = MigrationRunner(client: database.current, migrations: migrations, logger: logger)
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

/// The router alone: every route of openapi.yaml under /api/v1, and the public dashboards
/// under /dashboards/.
func buildRouter(
    _ configuration: AppConfiguration, store: RegistryStore, monitor: DatabaseMonitor, dashboards: DashboardPublisher,
    liveDashboards: LiveDashboards, cache: ResponseCache, connections: ClientConnections, metrics: RegistryMetrics?,
    readiness: Readiness
) async throws -> Router<RegistryRequestContext> {
    try FileManager.default.createDirectory(at: dashboards.folder, withIntermediateDirectories: true)
    let router = Router(context: RegistryRequestContext.self)
    let throttle = FailedAuthenticationThrottle()
    // Outermost, so every answer names its request, and every answer is counted and logged as sent.
    router.middlewares.add(
        RequestIDMiddleware(
            proxyHeader: configuration.requestIDHeader.flatMap { HTTPField.Name($0) }, trustedProxies: configuration.trustedProxies))
    router.middlewares.add(RequestReportingMiddleware(metrics: metrics, log: RequestLog(logger: store.logger)))
    if let token = configuration.metricsToken, let metrics {
        let migrations = readiness
        router.middlewares.add(
            MetricsEndpointMiddleware(token: token, metrics: metrics) {
                metrics.throttledKeys.set(await throttle.limitedKeys)
                let report = await migrations.check()
                if let applied = report.applied, let pending = report.pending {
                    metrics.migrationsApplied.set(applied)
                    metrics.migrationsPending.set(pending)
                }
            })
    }
    // Outside the rest, so error responses carry the headers too.
    router.middlewares.add(SecurityHeadersMiddleware(strictTransportSecurity: configuration.servedOverTLS))
    router.middlewares.add(CompressionMiddleware())
    let document = try String(contentsOf: configuration.resources.openAPIDocument, encoding: .utf8)
    router.middlewares.add(ProblemMiddleware())
    router.middlewares.add(MethodNotAllowedMiddleware(allowedMethods: AllowedMethods(document: document)))
    // Inside ProblemMiddleware: a path no route or file matches still gets a problem+json 404.
    router.middlewares.add(DashboardsIndexMiddleware())
    router.middlewares.add(
        FileMiddleware(dashboards.folder.path, urlBasePath: "/dashboards", searchForIndexHtml: true, logger: store.logger))
    router.middlewares.add(DatabaseOutageMiddleware(monitor: monitor))
    router.middlewares.add(ClientPresenceMiddleware(connections: connections))
    let cookies = BrowserCookies(secure: configuration.servedOverTLS)
    let pages = try await PageRenderer.load(
        from: configuration.resources.webPages, development: configuration.openIDProviders.contains { $0.isDevelopment },
        supportContact: configuration.supportContact)
    // Before any body is read: who is asking, and whether they may write at all.
    router.middlewares.add(
        AuthenticationMiddleware(
            store: store, throttle: throttle, metrics: metrics,
            trustedProxies: configuration.trustedProxies, cookies: cookies, sessionTimeouts: configuration.sessionTimeouts))
    router.middlewares.add(
        CrossSiteRequestMiddleware(
            publicOrigin: configuration.publicURL.map { "\($0.scheme!)://\($0.host!)\($0.port.map { ":\($0)" } ?? "")" },
            pages: pages))
    router.middlewares.add(RequestGuardMiddleware())
    router.middlewares.add(ResponseHeaderMiddleware())

    let api = RegistryService(store: store, dashboards: dashboards, liveDashboards: liveDashboards, readiness: readiness)
    try api.registerHandlers(
        on: router, serverURL: URL(string: "/api/v1")!,
        // Compact JSON in field order: sorting keys and pretty-printing cost more than anything
        // else in a page of pilots.
        configuration: Configuration(dateTranscoder: UTCTimestampTranscoder(), jsonEncodingOptions: [.withoutEscapingSlashes]),
        middlewares: [
            ResponseCacheMiddleware(cache: cache, store: store), UnknownFieldsMiddleware(), IdempotencyMiddleware(store: store),
            EncodedJSONMiddleware(),
        ])
    router.get("/api/v1/openapi.yaml") { _, _ in try OpenAPIDocument.response(from: configuration.resources.openAPIDocument) }
    ProbeRoutes(store: store, readiness: readiness).register(on: router)
    router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/dashboards/"]) }
    router.get("/assets/app.css") { _, _ in pages.stylesheetResponse }
    let signIn = SignInService(
        providers: configuration.openIDProviders, store: store, publicURL: configuration.reachableURL,
        timeouts: configuration.sessionTimeouts, metrics: metrics?.factory)
    SignInRoutes(service: signIn, pages: pages, cookies: cookies, store: store).register(on: router)
    AccountRoutes(pages: pages, store: store).register(on: router)
    ManageRoutes(pages: pages, store: store).register(on: router)
    PilotRegistrationRoutes(pages: pages, store: store).register(on: router)
    ToolRoutes(pages: pages, store: store).register(on: router)
    AnswersUploadRoutes(pages: pages, store: store).register(on: router)
    PhaseChangeRoutes(pages: pages, store: store).register(on: router)
    PilotPageRoutes(pages: pages, store: store).register(on: router)
    PilotPreviewRoutes(pages: pages, store: store).register(on: router)
    PilotEditRoutes(pages: pages, store: store).register(on: router)
    ResourcingRoutes(pages: pages, store: store).register(on: router)
    ResourcingEditRoutes.make(pages: pages, store: store).register(on: router)
    AssessmentEditRoutes.make(pages: pages, store: store).register(on: router)
    EvaluationEditRoutes.make(pages: pages, store: store).register(on: router)
    InsightEditRoutes.make(pages: pages, store: store).register(on: router)
    AssessmentRoutes(pages: pages, store: store).register(on: router)
    EvaluationRoutes(pages: pages, store: store).register(on: router)
    InsightRoutes(pages: pages, store: store).register(on: router)
    SingleViewRoutes.make(pages: pages, store: store).register(on: router)
    ContactRoutes.make(pages: pages, store: store).register(on: router)
    PilotListRoutes(pages: pages, store: store).register(on: router)
    PeopleRoutes(pages: pages, store: store).register(on: router)
    TokenAdministrationRoutes(pages: pages, store: store).register(on: router)
    NetworkRoutes(pages: pages, store: store).register(on: router)
    LiveDashboardRoutes(pages: pages, store: store, dashboards: liveDashboards).register(on: router)
    return router
}
