import Foundation
import HTTPTypes
import Logging

/// Everything the server needs to start, from the environment with command-line overrides.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var database: DatabaseURL
    /// Apply pending migrations at start-up instead of refusing to start.
    public var migrateOnStart: Bool
    /// Migrations, the OpenAPI document and dashboard templates.
    public var resources: ResourceFiles
    public var logLevel: Logger.Level
    public var maximumDatabaseConnections: Int
    /// Three connections per processor: more only queue inside PostgreSQL for the same cores.
    public static let defaultDatabaseConnections = max(4, 3 * ProcessInfo.processInfo.activeProcessorCount)
    /// Where the public dashboards served at /dashboards/ are built; nil for a folder of its own
    /// under the system's temporary directory.
    public var dashboardsFolder: URL?
    /// How often the public dashboards check for changes; they are rebuilt once the registry has
    /// held still that long, so a burst of edits costs one build.
    public var dashboardsDebounce: Duration = .seconds(10)
    /// The `csc-registry` executable that builds the public dashboards in a process of their
    /// own (`serve` names itself); nil builds them inside the server.
    public var dashboardsExecutable: URL?
    /// Memory for responses to repeated reads (`ResponseCache`); 0 turns the cache off.
    public var responseCacheBytes = 32 * 1024 * 1024
    /// Proxies and load balancers whose `Forwarded` / `X-Forwarded-For` headers name the client.
    public var trustedProxies: [AddressRange] = []
    /// The address people reach the server at; over HTTPS, responses carry Strict-Transport-Security.
    public var publicURL: URL?
    /// The longest one statement may run before the server cancels it (`statement_timeout`).
    public var databaseTimeout: Duration = .seconds(30)
    /// The OpenID Connect providers people sign in with (`OIDC_PROVIDERS`, `OIDC_<ID>_...`).
    public var openIDProviders: [OpenIDProvider] = []
    public var sessionTimeouts = SessionTimeouts.standard
    /// Whom people ask for access, named on the sign-in pages (`SUPPORT_CONTACT`).
    public var supportContact: String?
    /// How the log is written (`LOG_FORMAT`: text or json).
    public var logFormat = LogFormat.text
    /// The bearer token Prometheus presents for `GET /metrics` (`METRICS_TOKEN`); without one,
    /// no metrics are served.
    public var metricsToken: String?
    /// The header a trusted proxy names each request in (`REQUEST_ID_HEADER`), kept as its id.
    public var requestIDHeader: String?
    /// The commit this build was made from (`CSC_REGISTRY_COMMIT`), for the build-information metric.
    public var buildCommit: String?

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        database: DatabaseURL,
        migrateOnStart: Bool = false,
        resources: ResourceFiles,
        logLevel: Logger.Level = .info,
        maximumDatabaseConnections: Int = AppConfiguration.defaultDatabaseConnections
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.migrateOnStart = migrateOnStart
        self.resources = resources
        self.logLevel = logLevel
        self.maximumDatabaseConnections = maximumDatabaseConnections
    }

    /// Where people reach the registry: `PUBLIC_URL`, or this server's own address.
    var reachableURL: URL { publicURL ?? URL(string: "http://\(host.contains(":") ? "[\(host)]" : host):\(port)")! }

    /// Whether browsers reach the registry over TLS, so cookies are Secure and HSTS is sent.
    var servedOverTLS: Bool { publicURL?.scheme == "https" }

    /// The folder the public dashboards are built into.
    var publicDashboards: URL {
        dashboardsFolder ?? FileManager.default.temporaryDirectory.appendingPathComponent("csc-registry-dashboards-\(port)")
    }

    /// `DATABASE_URL` is required; `PORT`, `HOST`, `LOG_LEVEL`, `CSC_REGISTRY_HOME`, `DASHBOARDS_DIR`,
    /// `DATABASE_CONNECTIONS`, `DATABASE_TIMEOUT_SECONDS`, `DASHBOARDS_REBUILD_SECONDS`,
    /// `RESPONSE_CACHE_MIB`, `TRUSTED_PROXIES`, `PUBLIC_URL`, `SESSION_IDLE_MINUTES`, `SESSION_HOURS`,
    /// `SUPPORT_CONTACT`, `LOG_FORMAT`, `METRICS_TOKEN`, `REQUEST_ID_HEADER`, `CSC_REGISTRY_COMMIT` and the
    /// providers' `OIDC_...` (`OpenIDProvider.fromEnvironment`) are optional.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> AppConfiguration
    {
        guard let url = environment["DATABASE_URL"], !url.isEmpty else {
            throw ConfigurationError(
                "DATABASE_URL is not set. Set it to postgres://user:password@host:5432/database, or use `make run`.")
        }
        var configuration = AppConfiguration(
            database: try DatabaseURL(url), resources: try ResourceFiles.locate(environment: environment))
        if let port = environment["PORT"] {
            guard let value = Int(port), (1...65535).contains(value) else {
                throw ConfigurationError("PORT must be a number from 1 to 65535, not '\(port)'.")
            }
            configuration.port = value
        }
        if let host = environment["HOST"], !host.isEmpty { configuration.host = host }
        if let level = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) { configuration.logLevel = level }
        if let folder = environment["DASHBOARDS_DIR"], !folder.isEmpty { configuration.dashboardsFolder = URL(fileURLWithPath: folder) }
        if let connections = environment["DATABASE_CONNECTIONS"] {
            configuration.maximumDatabaseConnections = try Self.databaseConnections(connections)
        }
        if let seconds = environment["DASHBOARDS_REBUILD_SECONDS"] {
            guard let value = Int(seconds), (1...86_400).contains(value) else {
                throw ConfigurationError("DASHBOARDS_REBUILD_SECONDS must be a number from 1 to 86400, not '\(seconds)'.")
            }
            configuration.dashboardsDebounce = .seconds(value)
        }
        if let proxies = environment["TRUSTED_PROXIES"] {
            configuration.trustedProxies = try AddressRange.list(proxies)
        }
        if let address = environment["PUBLIC_URL"], !address.isEmpty {
            guard let url = URL(string: address), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ConfigurationError("PUBLIC_URL must be an http(s) address such as https://registry.example.gov.uk, not '\(address)'.")
            }
            configuration.publicURL = url
        }
        if let seconds = environment["DATABASE_TIMEOUT_SECONDS"] {
            guard let value = Int(seconds), (1...300).contains(value) else {
                throw ConfigurationError("DATABASE_TIMEOUT_SECONDS must be a number from 1 to 300, not '\(seconds)'.")
            }
            configuration.databaseTimeout = .seconds(value)
        }
        if let mebibytes = environment["RESPONSE_CACHE_MIB"] {
            guard let value = Int(mebibytes), (0...4096).contains(value) else {
                throw ConfigurationError("RESPONSE_CACHE_MIB must be a number from 0 to 4096, not '\(mebibytes)'.")
            }
            configuration.responseCacheBytes = value * 1024 * 1024
        }
        configuration.openIDProviders = try OpenIDProvider.fromEnvironment(environment)
        if let minutes = environment["SESSION_IDLE_MINUTES"] {
            guard let value = Int(minutes), (5...720).contains(value) else {
                throw ConfigurationError("SESSION_IDLE_MINUTES must be a number from 5 to 720, not '\(minutes)'.")
            }
            configuration.sessionTimeouts.idleSeconds = value * 60
        }
        if let hours = environment["SESSION_HOURS"] {
            guard let value = Int(hours), (1...24).contains(value) else {
                throw ConfigurationError("SESSION_HOURS must be a number from 1 to 24, not '\(hours)'.")
            }
            configuration.sessionTimeouts.absoluteSeconds = value * 3600
        }
        if let contact = environment["SUPPORT_CONTACT"], !contact.isEmpty { configuration.supportContact = contact }
        if let format = environment["LOG_FORMAT"], !format.isEmpty {
            guard let value = LogFormat(rawValue: format) else {
                throw ConfigurationError("LOG_FORMAT must be text or json, not '\(format)'.")
            }
            configuration.logFormat = value
        }
        if let token = environment["METRICS_TOKEN"], !token.isEmpty {
            guard token.count >= 32, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ConfigurationError(
                    "METRICS_TOKEN must be at least 32 characters without spaces, such as the output of `openssl rand -hex 32`.")
            }
            configuration.metricsToken = token
        }
        if let header = environment["REQUEST_ID_HEADER"], !header.isEmpty {
            guard HTTPField.Name(header) != nil else {
                throw ConfigurationError("REQUEST_ID_HEADER must be a header name such as X-Request-Id, not '\(header)'.")
            }
            configuration.requestIDHeader = header
        }
        if let commit = environment["CSC_REGISTRY_COMMIT"], !commit.isEmpty { configuration.buildCommit = commit }
        return configuration
    }

    /// How many connections the server keeps open to PostgreSQL, from `DATABASE_CONNECTIONS` or
    /// `serve --database-connections`.
    public static func databaseConnections(_ text: String) throws -> Int {
        guard let value = Int(text), (1...500).contains(value) else {
            throw ConfigurationError("DATABASE_CONNECTIONS must be a number from 1 to 500, not '\(text)'.")
        }
        return value
    }
}
