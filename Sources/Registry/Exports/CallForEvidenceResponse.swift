import Foundation
import RegistryAPI

/// One authority's row of a call-for-evidence CSV (the shape `GET /call-for-evidence/responses.csv`
/// writes), read into what the registry should record. Reading is pure: every problem is found,
/// with its line and column, before anything is written.
struct CallForEvidenceResponse: Sendable {
    typealias Schemas = Components.Schemas

    struct ToolName: Sendable, Equatable {
        var tool: String
        var provider: String?
        /// As the answers write it: `Visit Notes by Voice Ltd`.
        var label: String { provider.map { "\(tool) by \($0)" } ?? tool }
    }

    var line: Int
    var authority: String
    var contact: (name: String, email: String, role: String?, consent: Bool)?
    var procured: [(name: ToolName, phase: Schemas.Phase)] = []
    var procuredImpact: [String] = []
    var dropped: [(name: ToolName, reasons: [Schemas.DiscontinuationReason], note: String?)] = []
    var built: [(title: String, description: String?, phase: Schemas.Phase)] = []
    var resourcing: [(stage: Schemas.ResourcingStage, fte: Double, amount: String)] = []
    var builtImpact: [String] = []
    var insights: [(kind: Schemas.InsightKind, scope: Schemas.InsightScope?, text: String)] = []
    var assessments: [(kind: Schemas.AssessmentKind, completedOn: String?, summary: String?)] = []
    var safeguards: [Schemas.Safeguard] = []
    var evaluations: [(evaluator: Schemas.Evaluator, status: Schemas.EvaluationStatus, findings: String?)] = []
    var singleView: (status: Schemas.SingleViewStatus, sources: [Schemas.DataSource], link: String?)?

    /// Columns the importer reads; others are reported back and left alone.
    static var knownColumns: Set<String> {
        Set(CallForEvidence.authorityColumns + CallForEvidence.respondentColumns + CallForEvidence.questions.map(\.column))
    }

    /// Reads one row; problems go into `issues`, each named `line N: column`.
    init(line: Int, cells: [String: String], issues: inout [FieldIssue]) {
        self.line = line
        var problems: [FieldIssue] = []
        func fail(_ column: String, _ message: String) { problems.append(.init(field: "line \(line): \(column)", message: message)) }
        func cell(_ column: String) -> String { (cells[column] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func items(_ column: String) -> [String] {
            cell(column).components(separatedBy: "; ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func term<T: RawRepresentable & CaseIterable>(_ label: String, _ type: T.Type, _ column: String) -> T? where T.RawValue == String {
            guard let value = T(rawValue: VocabularyLabel.term(label)) else {
                fail(column, "'\(label)' is not one of: " + T.allCases.map { VocabularyLabel.label($0.rawValue) }.joined(separator: ", "))
                return nil
            }
            return value
        }

        authority = cell("new_la_code").isEmpty ? cell("old_la_code") : cell("new_la_code")
        if authority.isEmpty { fail("new_la_code", "is required (or old_la_code)") }

        if !cell("contact_email").isEmpty || !cell("contact_name").isEmpty {
            let consent = cell("consent_to_contact").lowercased()
            if !["yes", "no"].contains(consent) { fail("consent_to_contact", "must be yes or no") }
            if cell("contact_name").isEmpty { fail("contact_name", "is required with a contact email") }
            if cell("contact_email").range(of: #"^[^@\s]+@[^@\s]+$"#, options: .regularExpression) == nil {
                fail("contact_email", "is not an email address")
            }
            contact = (cell("contact_name"), cell("contact_email"), cell("contact_role").isEmpty ? nil : cell("contact_role"), consent == "yes")
        }

        if !["", "Yes", "No"].contains(cell("q01_uses_procured_tools")) { fail("q01_uses_procured_tools", "must be Yes or No") }
        for item in items("q02_procured_tools_and_providers") {
            guard let open = item.range(of: " (", options: .backwards), item.hasSuffix(")") else {
                fail("q02_procured_tools_and_providers", "'\(item)' should read 'Tool by Provider (Phase)'")
                continue
            }
            let phaseLabel = String(item[open.upperBound...].dropLast())
            if let phase = term(phaseLabel, Schemas.Phase.self, "q02_procured_tools_and_providers") {
                procured.append((Self.toolName(String(item[..<open.lowerBound])), phase))
            }
        }
        procuredImpact = items("q03_procured_tools_impact")
        if !procuredImpact.isEmpty && procured.isEmpty { fail("q03_procured_tools_impact", "needs a tool in q02") }
        let droppedNames = items("q04_piloted_not_rolled_out").map(Self.toolName)
        var reasons: [String: (reasons: [Schemas.DiscontinuationReason], note: String?)] = [:]
        for item in items("q05_reasons_not_rolled_out") {
            guard let colon = item.range(of: ": ") else { fail("q05_reasons_not_rolled_out", "'\(item)' should read 'Tool: Reasons. Note'"); continue }
            let name = String(item[..<colon.lowerBound]), rest = String(item[colon.upperBound...])
            guard droppedNames.contains(where: { $0.label == name }) else {
                fail("q05_reasons_not_rolled_out", "'\(name)' is not named in q04")
                continue
            }
            let parts = rest.components(separatedBy: ". ")
            let labels = parts[0].components(separatedBy: ", ")
            let terms = labels.compactMap { Schemas.DiscontinuationReason(rawValue: VocabularyLabel.term($0)) }
            if terms.count == labels.count {
                let note = parts.dropFirst().joined(separator: ". ")
                reasons[name] = (terms, note.isEmpty ? nil : note)
            } else {
                reasons[name] = ([.other], rest)
            }
        }
        dropped = droppedNames.map { ($0, reasons[$0.label]?.reasons ?? [.other], reasons[$0.label]?.note) }

        var phases: [String: Schemas.Phase] = [:]
        for item in items("q07_own_tools_established") {
            guard let colon = item.range(of: ": ", options: .backwards) else { fail("q07_own_tools_established", "'\(item)' should read 'Title: Phase'"); continue }
            if let phase = term(String(item[colon.upperBound...]), Schemas.Phase.self, "q07_own_tools_established") {
                phases[String(item[..<colon.lowerBound])] = phase
            }
        }
        for item in items("q06_own_tools") {
            let parts = item.components(separatedBy: ": ")
            let title = parts[0], description = parts.dropFirst().joined(separator: ": ")
            built.append((title, description.isEmpty ? nil : description, phases[title] ?? .pilot))
        }
        for title in phases.keys where !built.contains(where: { $0.title == title }) {
            fail("q07_own_tools_established", "'\(title)' is not named in q06")
        }
        for item in items("q08_own_tools_resourcing") {
            let pattern = #"^(\w+): ([0-9.,]+) FTE, £([0-9.,]+)$"#
            guard let match = item.range(of: pattern, options: .regularExpression), match == item.startIndex..<item.endIndex,
                let colon = item.firstIndex(of: ":")
            else {
                fail("q08_own_tools_resourcing", "'\(item)' should read 'Develop: 0.50 FTE, £12,000.00'")
                continue
            }
            let numbers = item[item.index(after: colon)...].replacingOccurrences(of: ",", with: "")
                .components(separatedBy: CharacterSet(charactersIn: "0123456789.").inverted).filter { !$0.isEmpty }
            if let stage = term(String(item[..<colon]), Schemas.ResourcingStage.self, "q08_own_tools_resourcing"),
                numbers.count == 2, let fte = Double(numbers[0])
            {
                resourcing.append((stage, fte, numbers[1]))
            }
        }
        if !resourcing.isEmpty && built.isEmpty { fail("q08_own_tools_resourcing", "needs a tool in q06") }
        builtImpact = items("q09_own_tools_impact")
        if !builtImpact.isEmpty && built.isEmpty { fail("q09_own_tools_impact", "needs a tool in q06") }

        let insightColumns: [(String, Schemas.InsightKind)] = [
            ("q10_key_learnings", .keyLearning), ("q11_help_needed", .helpNeeded), ("q15_barriers", .barrier),
            ("q16_implementation_support", .implementationSupport), ("q17_asks_of_government", .askOfGovernment),
            ("q18_other_suggestions", .suggestion),
        ]
        for (column, kind) in insightColumns {
            for item in items(column) {
                var scope: Schemas.InsightScope?, text = item
                if kind == .helpNeeded, let colon = item.range(of: ": "),
                    let given = Schemas.InsightScope(rawValue: item[..<colon.lowerBound].lowercased())
                {
                    scope = given
                    text = String(item[colon.upperBound...])
                }
                insights.append((kind, scope, text))
            }
        }

        for item in items("q12_benefits_and_risks_assessed") {
            let pattern = #"^([^(:]+?)(?: \(([0-9]{4}-[0-9]{2}-[0-9]{2})\))?(?:: (.*))?$"#
            let regex = try! NSRegularExpression(pattern: pattern)
            let range = NSRange(item.startIndex..., in: item)
            guard let match = regex.firstMatch(in: item, range: range) else {
                fail("q12_benefits_and_risks_assessed", "'\(item)' should read 'Kind (YYYY-MM-DD): summary'")
                continue
            }
            func group(_ index: Int) -> String? { Range(match.range(at: index), in: item).map { String(item[$0]) } }
            if let kind = term(group(1) ?? "", Schemas.AssessmentKind.self, "q12_benefits_and_risks_assessed") {
                if let date = group(2), CalendarDate(date) == nil { fail("q12_benefits_and_risks_assessed", "'\(date)' is not a date") }
                assessments.append((kind, group(2), group(3)))
            }
        }
        let ethics = items("q13_ethics_considered")
        if ethics != ["None"] {
            for label in ethics {
                guard let kind = term(label, Schemas.AssessmentKind.self, "q13_ethics_considered") else { continue }
                if !assessments.contains(where: { $0.kind == kind }) { assessments.append((kind, nil, nil)) }
            }
        }
        safeguards = items("q14_risk_safeguards").compactMap { term($0, Schemas.Safeguard.self, "q14_risk_safeguards") }

        let evaluated = items("q19_evaluation")
        if evaluated != ["None"] {
            for item in evaluated {
                guard let open = item.range(of: " ("), item.hasSuffix(")") else {
                    fail("q19_evaluation", "'\(item)' should read 'Evaluator (status)'")
                    continue
                }
                if let evaluator = term(String(item[..<open.lowerBound]), Schemas.Evaluator.self, "q19_evaluation"),
                    let status = term(String(item[open.upperBound...].dropLast()), Schemas.EvaluationStatus.self, "q19_evaluation")
                {
                    evaluations.append((evaluator, status, nil))
                }
            }
        }
        let findings = items("q20_evaluation_findings")
        if findings.count > evaluations.count { fail("q20_evaluation_findings", "has more findings than evaluations in q19") }
        for (index, finding) in findings.enumerated() where index < evaluations.count { evaluations[index].findings = finding }

        if !cell("q21_single_view_status").isEmpty, let status = term(cell("q21_single_view_status"), Schemas.SingleViewStatus.self, "q21_single_view_status") {
            let sources = items("q22_single_view_data").compactMap { term($0, Schemas.DataSource.self, "q22_single_view_data") }
            let link = cell("q23_single_view_link")
            singleView = (status, sources, link.isEmpty ? nil : link)
        }
        let hasPilot = !procured.isEmpty || !built.isEmpty || !dropped.isEmpty
        if !hasPilot {
            for (column, present) in [("q10_key_learnings", !insights.isEmpty), ("q12_benefits_and_risks_assessed", !assessments.isEmpty),
                                      ("q14_risk_safeguards", !safeguards.isEmpty), ("q19_evaluation", !evaluations.isEmpty)] where present {
                fail(column, "needs a tool in q02, q04 or q06 to attach to")
            }
        }
        issues += problems
    }

    /// `Tool by Provider`, split at the last " by ".
    static func toolName(_ text: String) -> ToolName {
        guard let by = text.range(of: " by ", options: .backwards) else { return ToolName(tool: text, provider: nil) }
        return ToolName(tool: String(text[..<by.lowerBound]), provider: String(text[by.upperBound...]))
    }
}
