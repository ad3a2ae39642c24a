import Foundation
import RegistryAPI

/// Imports a CSV of call-for-evidence responses (one row per authority, in the shape the
/// registry exports) so the registry can start from a survey export.
///
/// Every row is read and checked first; a file with any bad row is refused whole, each problem
/// named by line and column. A good file is written in one transaction through the same stores
/// the API uses, so each record is permission-checked and audited, and a failure part-way
/// leaves nothing behind.
struct CallForEvidenceImport: Sendable {
    typealias Schemas = Components.Schemas

    struct Report: Sendable, Equatable {
        var rows = 0
        var authorities: [String] = []
        var unknownColumns: [String] = []
        /// Records created, by kind.
        var created: [String: Int] = [:]
    }

    let store: RegistryStore
    let context: WriteContext
    /// The sharing level of everything imported; survey answers were given to DfE, not published.
    let sharingLevel: Schemas.SharingLevel
    /// The date imported phases take effect.
    let today: CalendarDate

    /// Reads and checks the whole file; throws every problem at once.
    static func read(_ text: String) throws -> (responses: [CallForEvidenceResponse], unknownColumns: [String]) {
        let records = CSVReader.records(text)
        guard let header = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces) }), !header.isEmpty else {
            throw RegistryError.invalid([.init(field: "line 1", message: "the file is empty")])
        }
        if !header.contains("new_la_code") && !header.contains("old_la_code") {
            throw RegistryError.invalid([.init(field: "line 1", message: "needs a new_la_code or old_la_code column")])
        }
        let unknown = header.filter { !CallForEvidenceResponse.knownColumns.contains($0) }
        var issues: [FieldIssue] = []
        var responses: [CallForEvidenceResponse] = []
        for record in records.dropFirst() where !record.fields.allSatisfy(\.isEmpty) {
            guard record.fields.count == header.count else {
                issues.append(.init(field: "line \(record.line)", message: "has \(record.fields.count) fields, the header has \(header.count)"))
                continue
            }
            let cells = Dictionary(zip(header, record.fields), uniquingKeysWith: { first, _ in first })
            responses.append(CallForEvidenceResponse(line: record.line, cells: cells, issues: &issues))
        }
        if !issues.isEmpty { throw RegistryError.invalid(issues) }
        return (responses, unknown)
    }

    /// Reads, checks and imports the file.
    func run(_ text: String) async throws -> Report {
        try await run(try Self.read(text))
    }

    /// Imports a file already read; `progress` hears each row's line once it is written (not yet committed).
    func run(
        _ file: (responses: [CallForEvidenceResponse], unknownColumns: [String]), progress: @Sendable (Int) -> Void = { _ in }
    ) async throws -> Report {
        let (responses, unknown) = file
        var report = Report(rows: responses.count, unknownColumns: unknown)
        let (created, authorities) = try await store.inOneTransaction { [self] in
            var created: [String: Int] = [:]
            var authorities: [String] = []
            for response in responses where !response.isNoReturn {
                do {
                    authorities.append(try await apply(response, counting: &created))
                    progress(response.line)
                } catch let error as RegistryError {
                    throw Self.located(error, line: response.line)
                }
            }
            return (created, authorities)
        }
        report.created = created
        report.authorities = authorities
        return report
    }

    /// What importing a file already read would create: the import is run and rolled back, so
    /// every store's rule (named with its row's line) is checked and nothing is written.
    func check(_ file: (responses: [CallForEvidenceResponse], unknownColumns: [String])) async throws -> Report {
        struct RolledBack: Error { let report: Report }
        do {
            _ = try await store.inOneTransaction { [self] in throw RolledBack(report: try await run(file)) }
        } catch let rolledBack as RolledBack {
            return rolledBack.report
        }
        preconditionFailure("the check's transaction always rolls back")
    }

    /// Problems with rows about any authority but `authority`: an editor uploads their own answers.
    func othersRows(in responses: [CallForEvidenceResponse], authority: String) async throws -> [FieldIssue] {
        var issues: [FieldIssue] = []
        for response in responses where response.authority != authority {
            let code = try? await store.reference.authority(code: response.authority).code
            if code != authority {
                issues.append(.init(
                    field: "line \(response.line): new_la_code",
                    message: "is \(response.authority); you may upload only your own authority's answers (\(authority))"))
            }
        }
        return issues
    }

    /// A store's complaint about one row, told with the row's line.
    static func located(_ error: RegistryError, line: Int) -> RegistryError {
        switch error {
        case .invalid(let issues): .invalid(issues.map { .init(field: "line \(line): \($0.field)", message: $0.message) })
        case .malformed(let issues): .invalid(issues.map { .init(field: "line \(line): \($0.field)", message: $0.message) })
        case .forbidden(let reason): .forbidden("line \(line): \(reason)")
        case .notFound(let resource, let id): .invalid([.init(field: "line \(line)", message: "no \(resource) \(id)")])
        default: error
        }
    }

    // MARK: - One authority's row

    private func apply(_ response: CallForEvidenceResponse, counting created: inout [String: Int]) async throws -> String {
        let authority = try await authorityCode(response.authority)
        if let person = response.contact, try await !store.contacts.exists(authority: authority, email: person.email) {
            let input = Schemas.ContactInput(
                authority: authority, name: person.name, email: person.email, role: person.role, consentToContact: person.consent)
            try input.validate()
            _ = try await store.contacts.create(input, context: context)
            created["contacts", default: 0] += 1
        }
        // Statements name a tool; the first pilot of that name holds them.
        var pilots: [String: UUID] = [:], built: [String: [UUID]] = [:]
        for pilot in response.pilots {
            let id = try await self.pilot(pilot, authority: authority, counting: &created)
            if pilots[pilot.name] == nil { pilots[pilot.name] = id }
            if pilot.isBuilt { built[pilot.name, default: []].append(id) }
        }
        // Each pilot of a name takes one line a stage, since the answers give each pilot's total.
        var stages: Set<String> = []
        for line in response.resourcing {
            let candidates = built[line.tool] ?? []
            let pilot = candidates.first { !stages.contains("\($0) \(line.stage)") } ?? candidates[0]
            stages.insert("\(pilot) \(line.stage)")
            let input = Schemas.ResourcingLineInput(
                authority: authority, stage: line.stage, fte: line.fte, amountGbp: line.amount, sharingLevel: sharingLevel)
            try input.validate()
            _ = try await store.resourcing.create(pilot: pilot, input, context: context)
            created["resourcing_lines", default: 0] += 1
        }
        func insight(_ tool: String, _ kind: Schemas.InsightKind, _ scope: Schemas.InsightScope?, _ text: String) async throws {
            let input = Schemas.InsightInput(kind: kind, scope: scope, text: text, sharingLevel: sharingLevel)
            try input.validate()
            _ = try await store.insights.create(pilot: pilots[tool]!, input, context: context)
            created["insights", default: 0] += 1
        }
        for (tool, text) in response.impacts { try await insight(tool, .impact, nil, text) }
        for (tool, kind, scope, text) in response.insights { try await insight(tool, kind, scope, text) }
        for assessment in response.assessments {
            let input = Schemas.AssessmentInput(
                kind: assessment.kind, status: assessment.status, completedOn: assessment.completedOn,
                principles: assessment.principles, safeguards: assessment.safeguards, summary: assessment.summary,
                sharingLevel: sharingLevel)
            try input.validate()
            _ = try await store.assessments.create(pilot: pilots[assessment.tool]!, input, context: context)
            created["assessments", default: 0] += 1
        }
        for evaluation in response.evaluations {
            let input = Schemas.EvaluationInput(
                authority: authority, evaluator: evaluation.evaluator, status: evaluation.status,
                findings: evaluation.findings, sharingLevel: sharingLevel)
            try input.validate()
            _ = try await store.evaluations.create(pilot: pilots[evaluation.tool]!, input, context: context)
            created["evaluations", default: 0] += 1
        }
        if let view = response.singleView {
            let input = Schemas.SingleViewInput(
                authority: authority, status: view.status, dataSources: view.sources, dataModelUrl: view.link, sharingLevel: sharingLevel)
            try input.validate()
            _ = try await store.singleViews.create(input, context: context)
            created["single_views", default: 0] += 1
        }
        return authority
    }

    private func authorityCode(_ code: String) async throws -> String {
        do {
            return try await store.reference.authority(code: code).code
        } catch RegistryError.notFound {
            throw RegistryError.invalid([.init(field: "new_la_code", message: "'\(code)' is not a known authority code")])
        }
    }

    /// The catalogue's tool of that name from that provider, added (with the provider) if new.
    private func catalogueTool(
        _ name: CallForEvidenceResponse.ToolName, description: String? = nil, counting created: inout [String: Int]
    ) async throws -> UUID {
        var providerID: UUID?
        if let provider = name.provider {
            if let found = try await store.providers.find(named: provider) {
                providerID = found
            } else {
                let input = Schemas.ProviderInput(name: provider)
                try input.validate()
                providerID = UUID(uuidString: try await store.providers.create(input, context: context).id)
                created["providers", default: 0] += 1
            }
        }
        if let found = try await store.tools.find(named: name.tool, providerID: providerID) { return found }
        // The survey did not ask what kind of tool it is; the authority can say later.
        let input = Schemas.ToolInput(name: name.tool, kind: .other, technology: .nonAiDigital, description: description)
        try input.validate()
        created["tools", default: 0] += 1
        return UUID(uuidString: try await store.tools.create(input, providerID: providerID, context: context).id)!
    }

    /// A pilot of the tool in its phase; a stopped one is created in pilot and then stopped, with its reasons.
    private func pilot(
        _ pilot: CallForEvidenceResponse.Pilot, authority: String, counting created: inout [String: Int]
    ) async throws -> UUID {
        let tool = try await catalogueTool(pilot.tool, description: pilot.description, counting: &created)
        let stopped = CallForEvidence.stopPhases.contains(pilot.phase.rawValue)
        let input = Schemas.PilotInput(
            title: pilot.isBuilt ? pilot.name : pilot.tool.tool, toolId: tool.lowercased, leadAuthority: authority, origin: pilot.isBuilt ? .inHouse : .procured,
            sharingLevel: sharingLevel, description: pilot.description,
            initialPhase: .init(phase: stopped ? .pilot : pilot.phase, effectiveOn: today.description))
        try input.validate(creating: true)
        created["pilots", default: 0] += 1
        let id = UUID(uuidString: try await store.pilots.create(input, toolID: tool, context: context).id)!
        if stopped {
            let stop = Schemas.PhaseChangeInput(
                phase: pilot.phase, effectiveOn: today.description, reasons: pilot.reasons.isEmpty ? nil : pilot.reasons, note: pilot.note)
            try stop.validate()
            _ = try await store.pilots.changePhase(of: id, stop, context: context)
        }
        return id
    }
}
