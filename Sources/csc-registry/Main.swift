import ArgumentParser
import Foundation
import Logging
import Registry

@main
struct CSCRegistry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csc-registry",
        abstract: "The registry of AI and digital tools in children's social care.",
        discussion: """
            Configuration comes from the environment: DATABASE_URL (required), PORT, HOST, LOG_LEVEL, LOG_FORMAT
            and CSC_REGISTRY_HOME (where Migrations/ lives, when not beside the binary). Flags override them.
            """,
        subcommands: [Serve.self, Migrate.self, Demo.self, PersonCommand.self, Token.self, Export.self, Import.self, Dashboards.self])

    /// As ArgumentParser's own, except that with `LOG_FORMAT=json` a command's failure is one
    /// JSON log line like any other, so a log store never meets a line it cannot read.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if LogFormat.current == .json, code != .success {
                Logger(label: "csc-registry").critical("\(fullMessage(for: error))")
                exit(withError: code)
            }
            exit(withError: error)
        }
    }
}

/// The database and resource options every subcommand shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "postgres://user:password@host:port/database; overrides DATABASE_URL.")
    var databaseURL: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical; overrides LOG_LEVEL.")
    var logLevel: String?

    func configuration() throws -> AppConfiguration {
        var environment = ProcessInfo.processInfo.environment
        if let databaseURL { environment["DATABASE_URL"] = databaseURL }
        if let logLevel { environment["LOG_LEVEL"] = logLevel }
        let configuration = try AppConfiguration.fromEnvironment(environment)
        configuration.logFormat.bootstrap()
        return configuration
    }

    func logger(_ configuration: AppConfiguration) -> Logger {
        var logger = Logger(label: "csc-registry")
        logger.logLevel = configuration.logLevel
        return logger
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the REST API (under /api/v1) until stopped.",
        discussion: "Refuses to start while migrations are pending, unless --migrate is given.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Address to listen on; overrides HOST (default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on; overrides PORT (default 8080).")
    var port: Int?

    @Option(help: "Connections kept open to PostgreSQL; overrides DATABASE_CONNECTIONS (default three per processor, at least 4).")
    var databaseConnections: String?

    @Flag(help: "Apply pending migrations before serving.")
    var migrate = false

    func run() async throws {
        var configuration = try common.configuration()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let databaseConnections {
            configuration.maximumDatabaseConnections = try AppConfiguration.databaseConnections(databaseConnections)
        }
        configuration.migrateOnStart = migrate
        configuration.dashboardsExecutable = Bundle.main.executableURL
        try await RegistryOperations.serve(configuration)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply pending database migrations from Migrations/, in order.",
        discussion: "Safe to run from several places at once: runners take turns on an advisory lock.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let configuration = try common.configuration()
        let applied = try await RegistryOperations.migrate(
            database: configuration.database, resources: configuration.resources, logger: common.logger(configuration))
        print(applied.isEmpty ? "The database is up to date." : "Applied \(applied.count) migration(s): \(applied.joined(separator: ", "))")
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the fictional demonstration data set (every record marked as demo).",
        discussion: """
            Does nothing if demonstration data is already loaded. --scale N then multiplies it N times over (each copy at
            other authorities, with its history, records and audit trail) for benchmarks; use a fresh database.
            --remove takes the demonstration data out again, leaving real records (and any demo record they depend on).
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Multiply the data set this many times over, for benchmarks (default 1).")
    var scale = 1

    @Flag(help: "Take the demonstration data out (audited).")
    var remove = false

    @Flag(help: "Print the demonstration people's claims for a development OpenID provider, one JSON object a line.")
    var signInClaims = false

    func run() async throws {
        if signInClaims {
            try DemoPeople.providerClaims().forEach { print($0) }
            return
        }
        let configuration = try common.configuration()
        if remove {
            print(try await RegistryOperations.removeDemo(database: configuration.database, logger: common.logger(configuration)))
            return
        }
        guard scale >= 1 else { throw ValidationError("--scale must be 1 or more.") }
        let summary = try await RegistryOperations.loadDemo(
            database: configuration.database, resources: configuration.resources, scale: scale, logger: common.logger(configuration))
        print(summary.description)
    }
}

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke API bearer tokens.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user and a token for them; the token is printed once.",
            discussion: """
                Roles: admin; authority_editor (with --authority); network_member (with one or more --network);
                national_analyst.
                """)

        @OptionGroup var common: CommonOptions

        @Option(help: "The person or system the token is for.")
        var name: String

        @Option(help: "admin, authority_editor, network_member or national_analyst.")
        var role: String

        @Option(help: "For an authority editor: the authority's GSS or DfE code.")
        var authority: String?

        @Option(name: .customLong("network"), help: "For a network member: a network slug; repeat for several.")
        var networks: [String] = []

        @Option(help: "A note to tell tokens apart.")
        var label: String?

        @Option(help: "Days until the token stops working, 1 to 1095 (default: 365).")
        var expiresInDays: Int?

        func run() async throws {
            let configuration = try common.configuration()
            print(
                try await RegistryOperations.createToken(
                    database: configuration.database, name: name, role: role, authority: authority, networks: networks,
                    label: label, expiresInDays: expiresInDays, logger: common.logger(configuration)))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never the tokens themselves).")

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let configuration = try common.configuration()
            print(try await RegistryOperations.listTokens(database: configuration.database, logger: common.logger(configuration)))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token at once, by its id.")

        @OptionGroup var common: CommonOptions

        @Argument(help: "The token's id, as `token list` shows it.")
        var id: String

        func run() async throws {
            let configuration = try common.configuration()
            try await RegistryOperations.revokeToken(database: configuration.database, id: id, logger: common.logger(configuration))
            print("Revoked \(id).")
        }
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write everything an audience may see to a folder: tables as CSV and JSON, EES statistics, call-for-evidence answers.",
        discussion: """
            Audiences: everything (an administrator's view), public (anyone), sector (every signed-in user, DfE
            included), network:<slug>, region:<GSS code> or authority:<GSS or DfE code>. Writes tables/*.csv,
            registry.json, statistics/*.csv with their .meta.csv, and call-for-evidence-responses.csv.
            """)

    @OptionGroup var common: CommonOptions

    @Option(help: "Whose view to export (default: public).")
    var audience = "public"

    @Option(help: "The folder to write; created if missing.")
    var out: String

    func run() async throws {
        let configuration = try common.configuration()
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        let files = try await RegistryOperations.export(
            database: configuration.database, audience: audience, to: directory, logger: common.logger(configuration))
        print("Wrote \(files.count) files to \(directory.path).")
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import data from files.",
        subcommands: [CallForEvidenceResponses.self])

    struct CallForEvidenceResponses: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "call-for-evidence",
            abstract: "Import a CSV of call-for-evidence responses, one row per authority; all rows or none.",
            discussion: "The CSV has the columns of GET /api/v1/call-for-evidence/responses.csv; unknown columns are reported and left alone.")

        @OptionGroup var common: CommonOptions

        @Option(help: "Sharing level of everything imported: private, network, sector or public.")
        var sharingLevel = "private"

        @Argument(help: "The CSV file.")
        var file: String

        func run() async throws {
            let configuration = try common.configuration()
            print(try await RegistryOperations.importCallForEvidence(
                database: configuration.database, file: URL(fileURLWithPath: file), sharingLevel: sharingLevel,
                logger: common.logger(configuration)))
        }
    }
}

struct Dashboards: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the static HTML dashboards.",
        subcommands: [Build.self])

    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a self-contained dashboard site for one audience, showing exactly what it may see.",
            discussion: """
                Audiences: public, sector, network:<slug>, region:<GSS code>, authority:<GSS or DfE code>, everything.
                The site opens from a folder, any web host or file://, with no network. --zip writes one archive.
                """)

        @OptionGroup var common: CommonOptions

        @Option(help: "Who the site is for (default: public).")
        var audience = "public"

        @Option(help: "The folder to write (replaced), or with --zip the archive's name.")
        var out: String

        @Flag(help: "Write one .zip archive instead of a folder.")
        var zip = false

        @Flag(help: "Print no progress lines on standard error (the server's own builds).")
        var quiet = false

        func run() async throws {
            let configuration = try common.configuration()
            var target = URL(fileURLWithPath: out)
            if zip && target.pathExtension != "zip" { target = target.appendingPathExtension("zip") }
            print(try await RegistryOperations.buildDashboards(
                database: configuration.database, resources: configuration.resources, audience: audience, out: target,
                showProgress: !quiet, logger: common.logger(configuration)))
        }
    }
}
