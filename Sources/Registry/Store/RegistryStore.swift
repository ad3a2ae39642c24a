import Logging
import PostgresNIO

/// Every aggregate's store over one pooled client.
struct RegistryStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    var reference: ReferenceStore { ReferenceStore(client: client, logger: logger) }
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
    var statistics: StatisticsStore { StatisticsStore(client: client, logger: logger) }
    var contacts: ContactStore { ContactStore(client: client, logger: logger) }
    var identities: IdentityStore { IdentityStore(client: client, logger: logger) }
    var audit: AuditStore { AuditStore(client: client, logger: logger) }
    var idempotencyKeys: IdempotencyStore { IdempotencyStore(client: client, logger: logger) }

    /// The registry's data version now.
    func dataVersion() async throws -> DataVersion {
        guard let version = try await client.execute(CurrentDataVersion(), logger: logger).first(where: { _ in true }) else {
            throw ConfigurationError("registry_version has no row; run `csc-registry migrate`.")
        }
        return DataVersion(value: version)
    }

    /// Asked by every anonymous read the response cache may answer, so prepared once per connection.
    struct CurrentDataVersion: PostgresPreparedStatement {
        static let sql = "SELECT version FROM registry_version"
        func makeBindings() -> PostgresBindings { PostgresBindings() }
        func decodeRow(_ row: PostgresRow) throws -> Int64 { try row.decode(Int64.self) }
    }

    /// Whether the database answers a trivial query.
    func ping() async -> Bool {
        do {
            return try await client.rows("SELECT 1 AS ok", logger: logger).first { try $0.get("ok", as: Int.self) } == 1
        } catch {
            return false
        }
    }
}
