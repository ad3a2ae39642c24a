import Foundation
import RegistryAPI

/// One authority's row of a call-for-evidence CSV (the shape `GET /call-for-evidence/responses.csv`
/// writes), read into what the registry should record. Reading is pure: every problem is found,
/// with its line and column, before anything is written.
///
/// Q2, Q4 and Q6/Q7 name the tools; every other statement starts with one of those names and is
/// recorded on that tool's pilot, so a row the registry wrote reads back to the same answers.
struct CallForEvidenceResponse: Sendable {
    typealias Schemas = Components.Schemas

    struct ToolName: Sendable, Equatable {
        var tool: String
        var provider: String?
    }

    struct Pilot: Sendable {
        /// The name the other answers use for it.
        var name: String
        var tool: ToolName
        var isBuilt: Bool
        var description: String?
        var phase: Schemas.Phase
        var reasons: [Schemas.DiscontinuationReason] = []
        var note: String?
    }

    struct Assessment: Sendable {
        var tool: String
        var kind: Schemas.AssessmentKind
        var status: Schemas.AssessmentStatus
        var completedOn: String?
        var summary: String?
        var principles: [Schemas.EthicsPrinciple]?
        var safeguards: [Schemas.Safeguard]?
    }

    struct Evaluation: Sendable {
        var tool: String
        var evaluator: Schemas.Evaluator
        var status: Schemas.EvaluationStatus
        var findings: String?
    }

    var line: Int
    var authority: String
    /// Marked `No return`: the authority recorded nothing, and nothing is imported for it.
    var isNoReturn = false
    var contact: (name: String, email: String, role: String?, consent: Bool)?
    var pilots: [Pilot] = []
    var impacts: [(tool: String, text: String)] = []
    var insights: [(tool: String, kind: Schemas.InsightKind, scope: Schemas.InsightScope?, text: String)] = []
    var resourcing: [(tool: String, stage: Schemas.ResourcingStage, fte: Double?, amount: String?)] = []
    var assessments: [Assessment] = []
    var evaluations: [Evaluation] = []
    var singleView: (status: Schemas.SingleViewStatus, sources: [Schemas.DataSource], link: String?)?

    /// Columns the importer reads; others are reported back and left alone.
    static var knownColumns: Set<String> { Set(CallForEvidence.header) }

    /// Reads one row; problems go into `issues`, each named `line N: column`.
    init(line: Int, cells: [String: String], issues: inout [FieldIssue]) {
        self.line = line
        var row = CallForEvidenceCells(line: line, cells: cells)
        authority = row.cell("new_la_code").isEmpty ? row.cell("old_la_code") : row.cell("new_la_code")
        if authority.isEmpty { row.fail("new_la_code", "is required (or old_la_code)") }
        switch row.cell(CallForEvidence.returnColumn) {
        case CallForEvidence.noReturn: isNoReturn = true
        case "", CallForEvidence.returned:
            readContact(&row)
            readTools(&row)
            readStatements(&row)
            readSingleView(&row)
        case let other: row.fail(CallForEvidence.returnColumn, "'\(other)' should be \(CallForEvidence.returned) or \(CallForEvidence.noReturn)")
        }
        issues += row.issues
    }

    private mutating func readContact(_ row: inout CallForEvidenceCells) {
        guard !row.cell("contact_email").isEmpty || !row.cell("contact_name").isEmpty else { return }
        let consent = row.cell("consent_to_contact").lowercased()
        if !["yes", "no"].contains(consent) { row.fail("consent_to_contact", "must be yes or no") }
        if row.cell("contact_name").isEmpty { row.fail("contact_name", "is required with a contact email") }
        if row.cell("contact_email").range(of: #"^[^@\s]+@[^@\s]+$"#, options: .regularExpression) == nil {
            row.fail("contact_email", "is not an email address")
        }
        let role = row.cell("contact_role")
        contact = (row.cell("contact_name"), row.cell("contact_email"), role.isEmpty ? nil : role, consent == "yes")
    }

    /// Q2 and Q4 (`Tool by Provider: Phase`), Q5 (`Tool: Reasons. Note`), Q6 and Q7 (`Title: Phase (Reasons)`).
    private mutating func readTools(_ row: inout CallForEvidenceCells) {
        let q1 = row.cell("q01_uses_procured_tools")
        if !["", "Yes", "No", CallForEvidenceAnswer.notRecordedText, CallForEvidenceAnswer.notSharedText].contains(q1) {
            row.fail("q01_uses_procured_tools", "must be Yes or No")
        }
        for (column, stopped) in [("q02_procured_tools_and_providers", false), ("q04_piloted_not_rolled_out", true)] {
            for statement in row.statements(column) {
                guard let (name, label) = Self.splitAtLastColon(statement) else {
                    row.fail(column, "'\(statement)' should read 'Tool by Provider: Phase'")
                    continue
                }
                guard let phase = row.term(label, Schemas.Phase.self, column) else { continue }
                if CallForEvidence.stopPhases.contains(phase.rawValue) != stopped {
                    row.fail(column, stopped ? "'\(statement)': a tool still in use belongs in q02" : "'\(statement)': a stopped tool belongs in q04")
                    continue
                }
                pilots.append(Pilot(name: name, tool: Self.toolName(name), isBuilt: false, phase: phase))
            }
        }
        let stoppedNames = Set(pilots.filter { CallForEvidence.stopPhases.contains($0.phase.rawValue) }.map(\.name))
        var given: [String: [([Schemas.DiscontinuationReason], String?)]] = [:]
        for statement in row.statements("q05_reasons_not_rolled_out") {
            guard let (name, text) = row.about(statement, among: stoppedNames, "q05_reasons_not_rolled_out", listedIn: "q04") else { continue }
            let parts = text.components(separatedBy: ". ")
            let labels = parts[0].components(separatedBy: ", ")
            let reasons = labels.compactMap { Schemas.DiscontinuationReason(rawValue: VocabularyLabel.term($0)) }
            let note = parts.dropFirst().joined(separator: ". ")
            given[name, default: []].append(reasons.count == labels.count ? (reasons, note.isEmpty ? nil : note) : ([.other], text))
        }
        // Stopped tools of one name take its reasons in turn; identical reasons were written once.
        for index in pilots.indices {
            guard let reasons = given[pilots[index].name], !reasons.isEmpty else { continue }
            let taken = pilots[..<index].filter { $0.name == pilots[index].name && CallForEvidence.stopPhases.contains($0.phase.rawValue) }.count
            (pilots[index].reasons, pilots[index].note) = reasons[min(taken, reasons.count - 1)]
        }
        for pilot in pilots where pilot.phase == .discontinued && pilot.reasons.isEmpty {
            row.fail("q05_reasons_not_rolled_out", "give the reasons '\(pilot.name)' was discontinued")
        }

        var built: [(title: String, phase: Schemas.Phase, reasons: [Schemas.DiscontinuationReason])] = []
        for statement in row.statements("q07_own_tools_established") {
            guard let (title, text) = Self.splitAtLastColon(statement) else {
                row.fail("q07_own_tools_established", "'\(statement)' should read 'Title: Phase'")
                continue
            }
            let open = text.firstIndex(of: "(")
            let label = open.map { String(text[..<$0]).trimmingCharacters(in: .whitespaces) } ?? text
            guard let phase = row.term(label, Schemas.Phase.self, "q07_own_tools_established") else { continue }
            let reasons = open.map { row.terms(String(text[text.index(after: $0)...].dropLast()), Schemas.DiscontinuationReason.self, "q07_own_tools_established") } ?? []
            if phase == .discontinued && reasons.isEmpty {
                row.fail("q07_own_tools_established", "'\(statement)' should give the reasons, as 'Discontinued (Cost)'")
            }
            built.append((title, phase, reasons))
        }
        var descriptions: [String: String?] = [:]
        for statement in row.statements("q06_own_tools") {
            let known = Set(built.map(\.title)).filter { statement == $0 || statement.hasPrefix($0 + ": ") }.max { $0.count < $1.count }
            let title = known ?? statement.components(separatedBy: ": ")[0]
            let description = String(statement.dropFirst(title.count)).replacingOccurrences(of: ": ", with: "", options: .anchored)
            descriptions[title] = description.isEmpty ? nil : description
            if known == nil { built.append((title, .pilot, [])) }
        }
        for (title, phase, reasons) in built {
            guard let description = descriptions[title] else {
                row.fail("q07_own_tools_established", "'\(title)' is not named in q06")
                continue
            }
            pilots.append(Pilot(name: title, tool: ToolName(tool: title), isBuilt: true, description: description, phase: phase, reasons: reasons))
        }
    }

    /// Q3 and Q8 to Q20: statements about the tools named above.
    private mutating func readStatements(_ row: inout CallForEvidenceCells) {
        let all = Set(pilots.map(\.name)), bought = Set(pilots.filter { !$0.isBuilt }.map(\.name)), built = Set(pilots.filter(\.isBuilt).map(\.name))
        func each(_ column: String, among tools: Set<String>, listedIn: String = "q02, q04 or q06", _ read: (String, String) -> Void) {
            for statement in row.statements(column) {
                if let (tool, text) = row.about(statement, among: tools, column, listedIn: listedIn) { read(tool, text) }
            }
        }
        each("q03_procured_tools_impact", among: bought, listedIn: "q02 or q04") { impacts.append(($0, $1)) }
        each("q09_own_tools_impact", among: built, listedIn: "q06") { impacts.append(($0, $1)) }
        each("q08_own_tools_resourcing", among: built, listedIn: "q06") { tool, text in
            guard let line = Self.resourcingLine(text) else {
                row.fail("q08_own_tools_resourcing", "'\(text)' should read 'Develop: 0.50 FTE, £12,000.00'")
                return
            }
            if let stage = row.term(line.stage, Schemas.ResourcingStage.self, "q08_own_tools_resourcing") {
                resourcing.append((tool, stage, line.fte, line.amount))
            }
        }
        let insightColumns: [(String, Schemas.InsightKind)] = [
            ("q10_key_learnings", .keyLearning), ("q11_help_needed", .helpNeeded), ("q15_barriers", .barrier),
            ("q16_implementation_support", .implementationSupport), ("q17_asks_of_government", .askOfGovernment),
            ("q18_other_suggestions", .suggestion),
        ]
        for (column, kind) in insightColumns {
            each(column, among: all) { tool, text in
                if kind == .helpNeeded, let colon = text.range(of: ": "),
                    let scope = Schemas.InsightScope(rawValue: text[..<colon.lowerBound].lowercased())
                {
                    insights.append((tool, kind, scope, String(text[colon.upperBound...])))
                } else {
                    insights.append((tool, kind, nil, text))
                }
            }
        }
        readAssessments(&row, among: all)
        readEvaluations(&row, among: all)
    }

    /// Q12 (`Kind (completed 2025-01-15): summary`), Q13 (`Kind (Principles)`) and Q14 (`Safeguards`).
    private mutating func readAssessments(_ row: inout CallForEvidenceCells, among tools: Set<String>) {
        let pattern = try! NSRegularExpression(
            pattern: #"^([^(:]+?) \((planned|under way|completed)(?: ([0-9]{4}-[0-9]{2}-[0-9]{2}))?\)(?:: (.*))?$"#, options: [.dotMatchesLineSeparators])
        for statement in row.statements("q12_benefits_and_risks_assessed") {
            guard let (tool, text) = row.about(statement, among: tools, "q12_benefits_and_risks_assessed", listedIn: "q02, q04 or q06") else { continue }
            guard let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else {
                row.fail("q12_benefits_and_risks_assessed", "'\(text)' should read 'Kind (completed YYYY-MM-DD): summary'")
                continue
            }
            func group(_ index: Int) -> String? { Range(match.range(at: index), in: text).map { String(text[$0]) } }
            guard let kind = row.term(group(1) ?? "", Schemas.AssessmentKind.self, "q12_benefits_and_risks_assessed"),
                let status = row.term(group(2) ?? "", Schemas.AssessmentStatus.self, "q12_benefits_and_risks_assessed")
            else { continue }
            if let date = group(3), CalendarDate(date) == nil { row.fail("q12_benefits_and_risks_assessed", "'\(date)' is not a date") }
            assessments.append(Assessment(tool: tool, kind: kind, status: status, completedOn: group(3), summary: group(4)))
        }
        for statement in row.statements("q13_ethics_considered") {
            guard let (tool, text) = row.about(statement, among: tools, "q13_ethics_considered", listedIn: "q02, q04 or q06") else { continue }
            let open = text.firstIndex(of: "(")
            let label = open.map { String(text[..<$0]).trimmingCharacters(in: .whitespaces) } ?? text
            guard let kind = row.term(label, Schemas.AssessmentKind.self, "q13_ethics_considered") else { continue }
            let principles = open.map { row.terms(String(text[text.index(after: $0)...].dropLast()), Schemas.EthicsPrinciple.self, "q13_ethics_considered") } ?? []
            if let index = assessments.firstIndex(where: { $0.tool == tool && $0.kind == kind && $0.principles == nil }) {
                assessments[index].principles = principles
            } else if let same = assessments.first(where: { $0.tool == tool && $0.kind == kind }) {
                // Two assessments alike in Q12 were written once; Q13 tells them apart by their principles.
                assessments.append(Assessment(
                    tool: tool, kind: kind, status: same.status, completedOn: same.completedOn, summary: same.summary, principles: principles))
            } else {
                assessments.append(Assessment(tool: tool, kind: kind, status: .completed, principles: principles))
            }
        }
        for statement in row.statements("q14_risk_safeguards") {
            guard let (tool, text) = row.about(statement, among: tools, "q14_risk_safeguards", listedIn: "q02, q04 or q06") else { continue }
            let safeguards = row.terms(text, Schemas.Safeguard.self, "q14_risk_safeguards")
            guard let index = assessments.firstIndex(where: { $0.tool == tool }) else {
                row.fail("q14_risk_safeguards", "'\(tool)' has safeguards but no assessment in q12 to hold them")
                continue
            }
            assessments[index].safeguards = safeguards
        }
    }

    /// Q19 (`Evaluator (status)`) and Q20 (`Evaluator (status): findings`), an evaluation each.
    private mutating func readEvaluations(_ row: inout CallForEvidenceCells, among tools: Set<String>) {
        func read(_ column: String) -> [Evaluation] {
            row.statements(column).compactMap { statement in
                guard let (tool, text) = row.about(statement, among: tools, column, listedIn: "q02, q04 or q06") else { return nil }
                guard let open = text.range(of: " ("), let close = text.range(of: ")", range: open.upperBound..<text.endIndex) else {
                    row.fail(column, "'\(text)' should read 'Evaluator (status)'")
                    return nil
                }
                guard let evaluator = row.term(String(text[..<open.lowerBound]), Schemas.Evaluator.self, column),
                    let status = row.term(String(text[open.upperBound..<close.lowerBound]), Schemas.EvaluationStatus.self, column)
                else { return nil }
                let findings = String(text[close.upperBound...]).replacingOccurrences(of: ": ", with: "", options: .anchored)
                return Evaluation(tool: tool, evaluator: evaluator, status: status, findings: findings.isEmpty ? nil : findings)
            }
        }
        let found = read("q20_evaluation_findings")
        let listed = read("q19_evaluation")
        evaluations = found + listed.filter { listed in
            !found.contains { $0.tool == listed.tool && $0.evaluator == listed.evaluator && $0.status == listed.status }
        }
        // A finding already recorded with its evaluation is not recorded again as an impact.
        impacts.removeAll { impact in found.contains { $0.tool == impact.tool && $0.findings == impact.text } }
    }

    /// Q21 to Q23.
    private mutating func readSingleView(_ row: inout CallForEvidenceCells) {
        let status = row.statements("q21_single_view_status")
        guard let label = status.first else { return }
        guard let status = row.term(label, Schemas.SingleViewStatus.self, "q21_single_view_status") else { return }
        let sources = row.statements("q22_single_view_data").compactMap { row.term($0, Schemas.DataSource.self, "q22_single_view_data") }
        singleView = (status, sources, row.statements("q23_single_view_link").first)
    }

    // MARK: - Pieces of statements

    /// `Tool by Provider`, split at the last " by ".
    static func toolName(_ text: String) -> ToolName {
        guard let by = text.range(of: " by ", options: .backwards) else { return ToolName(tool: text, provider: nil) }
        return ToolName(tool: String(text[..<by.lowerBound]), provider: String(text[by.upperBound...]))
    }

    static func splitAtLastColon(_ text: String) -> (String, String)? {
        guard let colon = text.range(of: ": ", options: .backwards) else { return nil }
        return (String(text[..<colon.lowerBound]), String(text[colon.upperBound...]))
    }

    /// `Develop: 0.50 FTE, £12,000.00`, either figure alone allowed.
    static func resourcingLine(_ text: String) -> (stage: String, fte: Double?, amount: String?)? {
        guard let colon = text.range(of: ": ") else { return nil }
        var fte: Double?, amount: String?
        for part in text[colon.upperBound...].components(separatedBy: ", ") {
            let figure = part.replacingOccurrences(of: ",", with: "")
            if figure.hasSuffix(" FTE"), let value = Double(figure.dropLast(4)) {
                fte = value
            } else if figure.hasPrefix("£"), figure.dropFirst().range(of: #"^[0-9]+(\.[0-9]{1,2})?$"#, options: .regularExpression) != nil {
                amount = String(figure.dropFirst())
            } else {
                return nil
            }
        }
        return fte == nil && amount == nil ? nil : (String(text[..<colon.lowerBound]), fte, amount)
    }
}
