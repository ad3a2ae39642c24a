import Logging
import PostgresNIO
import RegistryAPI

/// Every aggregate's store over one pooled client.
struct RegistryStore: Sendable {
    private let source: Source
    let logger: Logger
    /// Shared by every statistics computation this store starts.
    private let statisticsLimit: ConcurrencyLimit
    private let authorities = KeptAuthorities()

    /// A client of its own (command-line work, tests), or the server's renewable one.
    private enum Source: Sendable {
        case fixed(PostgresClient)
        case renewable(DatabaseClient)
    }

    init(client: PostgresClient, logger: Logger) {
        source = .fixed(client)
        self.logger = logger
        statisticsLimit = ConcurrencyLimit(slots: 2)
    }

    /// `statisticsSlots` statistics queries at most run at once, so writes always find a connection.
    init(database: DatabaseClient, logger: Logger, statisticsSlots: Int) {
        source = .renewable(database)
        self.logger = logger
        statisticsLimit = ConcurrencyLimit(slots: statisticsSlots)
    }

    /// The pool to use now; the server's is replaced after an outage, so it is never kept.
    var client: PostgresClient {
        switch source {
        case .fixed(let client): client
        case .renewable(let database): database.current
        }
    }

    var reference: ReferenceStore { ReferenceStore(client: client, logger: logger, authorities: authorities) }
    var providers: ProviderStore { ProviderStore(client: client, logger: logger) }
    var tools: ToolStore { ToolStore(client: client, logger: logger) }
    var networks: NetworkStore { NetworkStore(client: client, logger: logger) }
    var pilots: PilotStore { PilotStore(client: client, logger: logger) }
    var resourcing: ResourcingStore { ResourcingStore(client: client, logger: logger) }
    var assessments: AssessmentStore { AssessmentStore(client: client, logger: logger) }
    var evaluations: EvaluationStore { EvaluationStore(client: client, logger: logger) }
    var insights: InsightStore { InsightStore(client: client, logger: logger) }
    var singleViews: SingleViewStore { SingleViewStore(client: client, logger: logger) }
    var callForEvidence: CallForEvidenceStore { CallForEvidenceStore(client: client, logger: logger) }
    var exports: ExportStore { ExportStore(client: client, logger: logger) }
    var statistics: StatisticsStore { StatisticsStore(client: client, logger: logger, limit: statisticsLimit) }
    var contacts: ContactStore { ContactStore(client: client, logger: logger) }
    var identities: IdentityStore { IdentityStore(client: client, logger: logger) }
    var people: PersonStore { PersonStore(client: client, logger: logger) }
    var sessions: SessionStore { SessionStore(client: client, logger: logger) }
    var audit: AuditStore { AuditStore(client: client, logger: logger) }
    var idempotencyKeys: IdempotencyStore { IdempotencyStore(client: client, logger: logger) }
    var demo: DemoStore { DemoStore(client: client, logger: logger) }

    /// Runs `body` in one transaction that every store call inside it joins
    /// (`AmbientTransaction`): all of its writes commit, or none.
    func inOneTransaction<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
        try await AmbientTransaction.run(client, logger: logger, body)
    }

    /// The reader an audience stands for, so an export or a dashboard build shows exactly what
    /// a member of that audience could read through the API.
    func viewer(for audience: Audience) async throws -> Caller {
        switch audience {
        case .everything: return Caller(userID: nil, name: "export", role: .admin)
        case .publicAudience: return .anonymous
        case .sector: return Caller(userID: nil, name: "export", role: .nationalAnalyst)
        case .network(let slug):
            guard let id = try await networks.resolve(slug) else { throw ConfigurationError("No network '\(slug)'.") }
            return Caller(userID: nil, name: "export", role: .networkMember, networks: [id])
        case .region(let code):
            guard let id = try await networks.regionNetwork(code) else { throw ConfigurationError("No region '\(code)'.") }
            return Caller(userID: nil, name: "export", role: .networkMember, networks: [id])
        case .authority(let code):
            let authority = try await reference.authority(code: code)
            return Caller(userID: nil, name: "export", role: .authorityEditor, authority: authority.code)
        }
    }

    /// The registry's data version now.
    func dataVersion() async throws -> DataVersion {
        guard let version = try await client.executeJoiningAmbient(prepared: CurrentDataVersion(), logger: logger).first else {
            throw ConfigurationError("registry_version has no row; run `csc-registry migrate`.")
        }
        return DataVersion(value: version)
    }

    /// The records' version now (migration 0018): raised by changes to records, not by people
    /// or audit entries alone, so what is built from records only is built again only for them.
    func recordsVersion() async throws -> DataVersion {
        guard let version = try await client.queryJoiningAmbient("SELECT records_version FROM registry_version", logger: logger)
            .first({ try $0.get("records_version", as: Int64.self) })
        else { throw ConfigurationError("registry_version has no row; run `csc-registry migrate`.") }
        return DataVersion(value: version)
    }

    /// Asked by every anonymous read the response cache may answer, so prepared once per connection.
    struct CurrentDataVersion: PostgresPreparedStatement {
        static let sql = "SELECT version FROM registry_version"
        func makeBindings() -> PostgresBindings { PostgresBindings() }
        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }

    /// Whether the database answers a trivial query within `deadline`; at once no, while the
    /// server's monitor cannot reach it.
    func ping(within deadline: Duration = .seconds(5)) async -> Bool {
        if case .renewable(let database) = source, !database.isReachable { return false }
        let client = self.client
        let logger = self.logger
        let answer = await Deadline.answer(within: deadline) {
            try? await client.queryJoiningAmbient("SELECT 1 AS ok", logger: logger).first { try $0.get("ok", as: Int.self) }
        }
        return answer == 1
    }
}
