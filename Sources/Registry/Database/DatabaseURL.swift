import Foundation
import NIOSSL
import PostgresNIO

/// Turns a `postgres://user:password@host:port/database?sslmode=...` address, the form every
/// managed PostgreSQL service hands out, into a client configuration.
public struct DatabaseURL: Sendable, CustomStringConvertible {
    public enum SSLMode: String, Sendable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode

    public init(_ text: String) throws {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme),
            let host = components.host, !host.isEmpty
        else {
            throw ConfigurationError("DATABASE_URL must look like postgres://user:password@host:5432/database")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? "postgres"
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? self.username : path
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard let sslMode = SSLMode(rawValue: mode) else {
            throw ConfigurationError("sslmode '\(mode)' is not one of disable, allow, prefer, require, verify-ca, verify-full")
        }
        self.sslMode = sslMode
    }

    /// The same server with another database, as the test harness uses for per-suite databases.
    public func with(database: String) -> DatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// Whether the server is on this machine, the only place tests may create and drop databases.
    public var isLocal: Bool {
        ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host)
    }

    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)"
    }

    /// The whole address, password included, for a child process to connect as this one does;
    /// never for a log (`description` leaves the password out).
    var address: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = username
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + database
        components.queryItems = [URLQueryItem(name: "sslmode", value: sslMode.rawValue)]
        return components.string ?? description
    }

    /// The pool's settings. A server's pool is `fixedSize`, every connection kept open with a
    /// short keep-alive: each idle timer a lease cancels holds memory until its deadline, so long
    /// idle timeouts grow the server with its request rate. Short-lived sessions (migrate, demo,
    /// tests' own clients) open connections only as needed.
    public func clientConfiguration(maximumConnections: Int = 20, fixedSize: Bool = false, statementTimeout: Duration? = nil)
        throws -> PostgresClient.Configuration
    {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: try tls())
        configuration.options.maximumConnections = maximumConnections
        if fixedSize {
            configuration.options.minimumConnections = maximumConnections
            configuration.options.keepAliveBehavior = .init(frequency: .seconds(5))
        }
        // The registry's queries are short; JIT compiling one costs far more than it saves.
        // No request waits longer than 10 s for another's row lock (a retry behind its first
        // attempt, two editors on one record); it is told 409 and may try again.
        configuration.options.additionalStartupParameters = [("jit", "off"), ("lock_timeout", "10s")]
        // A statement that runs longer is cancelled by the server, so no request holds a
        // connection the others need for ever.
        if let statementTimeout {
            configuration.options.additionalStartupParameters.append(
                ("statement_timeout", "\(statementTimeout.components.seconds * 1000)ms"))
        }
        return configuration
    }

    /// One connection's settings, for a probe that must not wait on the pool; it gives up
    /// connecting after `connectTimeout`.
    func connectionConfiguration(connectTimeout: Duration = .seconds(1)) throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: try connectionTLS())
        configuration.options.connectTimeout = .init(connectTimeout)
        return configuration
    }

    private func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable: return .disable
        case .allow, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        let context = try NIOSSLContext(configuration: tls)
        return [.allow, .prefer].contains(sslMode) ? .prefer(context) : .require(context)
    }

    private func tls() throws -> PostgresClient.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            tls.certificateVerification = .none
            return .prefer(tls)
        case .require:
            // libpq's `require` encrypts without checking the certificate.
            tls.certificateVerification = .none
            return .require(tls)
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            return .require(tls)
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            return .require(tls)
        }
    }
}
