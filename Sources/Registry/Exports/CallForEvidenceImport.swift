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
        for record in records.dropFirst() {
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
            for response in responses {
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
        var procured: [UUID] = [], built: [UUID] = [], dropped: [UUID] = []
        for (name, phase) in response.procured {
            let tool = try await catalogueTool(name, counting: &created)
            procured.append(try await pilot(tool, title: name.tool, authority: authority, origin: .procured, phase: phase, counting: &created))
        }
        for (name, reasons, note) in response.dropped {
            let tool = try await catalogueTool(name, counting: &created)
            let id = try await pilot(tool, title: name.tool, authority: authority, origin: .procured, phase: .pilot, counting: &created)
            let stop = Schemas.PhaseChangeInput(phase: .discontinued, effectiveOn: today.description, reasons: reasons, note: note)
            try stop.validate()
            _ = try await store.pilots.changePhase(of: id, stop, context: context)
            dropped.append(id)
        }
        for (title, description, phase) in response.built {
            let tool = try await catalogueTool(.init(tool: title, provider: nil), description: description, counting: &created)
            built.append(try await pilot(tool, title: title, authority: authority, origin: .inHouse, phase: phase,
                                         description: description, counting: &created))
        }
        for line in response.resourcing {
            let input = Schemas.ResourcingLineInput(
                authority: authority, stage: line.stage, fte: line.fte, amountGbp: line.amount, sharingLevel: sharingLevel)
            try input.validate()
            _ = try await store.resourcing.create(pilot: built[0], input, context: context)
            created["resourcing_lines", default: 0] += 1
        }
        // Authority-wide answers hang off the authority's first tool of its own, else its first bought one.
        let anchor = built.first ?? procured.first ?? dropped.first
        func insight(_ pilot: UUID?, _ kind: Schemas.InsightKind, _ scope: Schemas.InsightScope?, _ text: String) async throws {
            guard let pilot else { return }
            let input = Schemas.InsightInput(kind: kind, scope: scope, text: text, sharingLevel: sharingLevel)
            try input.validate()
            _ = try await store.insights.create(pilot: pilot, input, context: context)
            created["insights", default: 0] += 1
        }
        for text in response.procuredImpact { try await insight(procured.first, .impact, nil, text) }
        for text in response.builtImpact { try await insight(built.first, .impact, nil, text) }
        for (kind, scope, text) in response.insights { try await insight(anchor, kind, scope, text) }
        if let anchor {
            for (index, assessment) in response.assessments.enumerated() {
                let input = Schemas.AssessmentInput(
                    kind: assessment.kind, status: .completed, completedOn: assessment.completedOn,
                    safeguards: index == 0 ? response.safeguards : nil, summary: assessment.summary, sharingLevel: sharingLevel)
                try input.validate()
                _ = try await store.assessments.create(pilot: anchor, input, context: context)
                created["assessments", default: 0] += 1
            }
            if response.assessments.isEmpty && !response.safeguards.isEmpty {
                _ = try await store.assessments.create(
                    pilot: anchor, .init(kind: .other, status: .completed, safeguards: response.safeguards, sharingLevel: sharingLevel),
                    context: context)
                created["assessments", default: 0] += 1
            }
            for evaluation in response.evaluations {
                let input = Schemas.EvaluationInput(
                    authority: authority, evaluator: evaluation.evaluator, status: evaluation.status,
                    findings: evaluation.findings, sharingLevel: sharingLevel)
                try input.validate()
                _ = try await store.evaluations.create(pilot: anchor, input, context: context)
                created["evaluations", default: 0] += 1
            }
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

    private func pilot(
        _ tool: UUID, title: String, authority: String, origin: Schemas.Origin, phase: Schemas.Phase, description: String? = nil,
        counting created: inout [String: Int]
    ) async throws -> UUID {
        let input = Schemas.PilotInput(
            title: title, toolId: tool.lowercased, leadAuthority: authority, origin: origin, sharingLevel: sharingLevel,
            description: description, initialPhase: .init(phase: phase, effectiveOn: today.description))
        try input.validate(creating: true)
        created["pilots", default: 0] += 1
        return UUID(uuidString: try await store.pilots.create(input, toolID: tool, context: context).id)!
    }
}
