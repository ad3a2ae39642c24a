import Foundation
import RegistryAPI

/// An authority's answers to the 23 questions of DfE's March 2026 call for evidence on AI and
/// digital technology in children's social care, written from what the registry holds, so no
/// authority has to answer the same questions twice.
struct CallForEvidence: Sendable {
    struct Question: Sendable {
        var number: Int
        var area: String
        /// The column of the sector-wide CSV.
        var column: String
        var text: String
    }

    struct Answer: Sendable, Equatable {
        var number: Int
        var text: String
    }

    static let questions: [Question] = [
        .init(number: 1, area: "Externally procured tools", column: "q01_uses_procured_tools",
              text: "Does your authority use externally procured AI or digital tools in children's social care?"),
        .init(number: 2, area: "Externally procured tools", column: "q02_procured_tools_and_providers",
              text: "Which tools, and from which providers?"),
        .init(number: 3, area: "Externally procured tools", column: "q03_procured_tools_impact",
              text: "What impact have these tools had?"),
        .init(number: 4, area: "Externally procured tools", column: "q04_piloted_not_rolled_out",
              text: "Which tools did you pilot and not roll out?"),
        .init(number: 5, area: "Externally procured tools", column: "q05_reasons_not_rolled_out",
              text: "Why were they not rolled out?"),
        .init(number: 6, area: "Tools built by the authority", column: "q06_own_tools",
              text: "Describe the tools your authority has built itself."),
        .init(number: 7, area: "Tools built by the authority", column: "q07_own_tools_established",
              text: "How established are they (pilot, implemented, fully established)?"),
        .init(number: 8, area: "Tools built by the authority", column: "q08_own_tools_resourcing",
              text: "What staff time (FTE) and money (£) did it take to develop, to implement and to maintain them?"),
        .init(number: 9, area: "Tools built by the authority", column: "q09_own_tools_impact",
              text: "What impact have they had?"),
        .init(number: 10, area: "Tools built by the authority", column: "q10_key_learnings",
              text: "What are the key learnings for other authorities?"),
        .init(number: 11, area: "Tools built by the authority", column: "q11_help_needed",
              text: "What would help you develop, scale or reuse tools, locally, regionally or nationally?"),
        .init(number: 12, area: "Risks and ethics", column: "q12_benefits_and_risks_assessed",
              text: "How were benefits and risks assessed before adoption?"),
        .init(number: 13, area: "Risks and ethics", column: "q13_ethics_considered",
              text: "Were ethics considered (none, ethical impact assessment, staff consultation, citizen consultation, other)?"),
        .init(number: 14, area: "Risks and ethics", column: "q14_risk_safeguards",
              text: "How do you guard against the risks of AI?"),
        .init(number: 15, area: "Implementation", column: "q15_barriers",
              text: "What barriers have you met?"),
        .init(number: 16, area: "Implementation", column: "q16_implementation_support",
              text: "What is the most important thing you did to support implementation?"),
        .init(number: 17, area: "Implementation", column: "q17_asks_of_government",
              text: "What do you want from central government?"),
        .init(number: 18, area: "Implementation", column: "q18_other_suggestions",
              text: "Any other suggestions?"),
        .init(number: 19, area: "Evaluation", column: "q19_evaluation",
              text: "Have your tools been evaluated (none, internal, external, provider; under way or completed)?"),
        .init(number: 20, area: "Evaluation", column: "q20_evaluation_findings",
              text: "What did the evaluations find?"),
        .init(number: 21, area: "Single view", column: "q21_single_view_status",
              text: "Does your authority have a children's single view (live, in development, planned within 12 months, no, don't know)?"),
        .init(number: 22, area: "Single view", column: "q22_single_view_data",
              text: "Which data does it show?"),
        .init(number: 23, area: "Single view", column: "q23_single_view_link",
              text: "Link to its data model or list of sources."),
    ]

    static let respondentColumns = ["contact_name", "contact_email", "contact_role", "consent_to_contact"]
    static let authorityColumns = ["new_la_code", "old_la_code", "la_name", "region_name"]

    let facts: CallForEvidenceStore.AuthorityFacts

    /// Tools the authority bought or was given, as against tools it built (alone or with others).
    static func isBuilt(_ origin: String) -> Bool { origin == "in_house" || origin == "co_developed" }
    static let inUse: Set = ["pilot", "implemented", "fully_established"]

    var answers: [Answer] {
        let bought = facts.pilots.filter { !Self.isBuilt($0.origin) }
        let built = facts.pilots.filter { Self.isBuilt($0.origin) }
        let notRolledOut = bought.filter { $0.wasPiloted && ["discontinued", "paused", "retired"].contains($0.phase) }
        let all = facts.pilots
        let texts: [Int: String] = [
            1: bought.contains { Self.inUse.contains($0.phase) } ? "Yes" : "No",
            2: Self.list(bought.filter { Self.inUse.contains($0.phase) }.map { "\(Self.toolName($0)) (\(VocabularyLabel.label($0.phase)))" }),
            3: Self.list(bought.flatMap { Self.insights($0, "impact") }),
            4: Self.list(notRolledOut.map(Self.toolName)),
            5: Self.list(notRolledOut.map { pilot in
                let reasons = pilot.stopReasons.map(VocabularyLabel.label).joined(separator: ", ")
                return "\(Self.toolName(pilot)): " + [reasons, pilot.stopNote ?? ""].filter { !$0.isEmpty }.joined(separator: ". ")
            }),
            6: Self.list(built.map { [$0.title, $0.description].compactMap { $0 }.joined(separator: ": ") }),
            7: Self.list(built.map { "\($0.title): \(VocabularyLabel.label($0.phase))" }),
            8: Self.resourcing(built),
            9: Self.list(built.flatMap { Self.insights($0, "impact") }),
            10: Self.list(all.flatMap { Self.insights($0, "key_learning") }),
            11: Self.list(all.flatMap { pilot in
                pilot.insights.filter { $0.kind == "help_needed" }.map { ($0.scope.map { "\(VocabularyLabel.label($0)): " } ?? "") + $0.text }
            }),
            12: Self.list(all.flatMap { pilot in
                pilot.assessments.filter { $0.status == "completed" }.map { assessment in
                    VocabularyLabel.label(assessment.kind) + (assessment.completedOn.map { " (\($0))" } ?? "")
                        + (assessment.summary.map { ": \($0)" } ?? "")
                }
            }),
            13: Self.ethics(all),
            14: Self.list(Self.unique(all.flatMap { $0.assessments.flatMap(\.safeguards) }).map(VocabularyLabel.label)),
            15: Self.list(all.flatMap { Self.insights($0, "barrier") }),
            16: Self.list(all.flatMap { Self.insights($0, "implementation_support") }),
            17: Self.list(all.flatMap { Self.insights($0, "ask_of_government") }),
            18: Self.list(all.flatMap { Self.insights($0, "suggestion") }),
            19: Self.evaluations(all),
            20: Self.list(all.flatMap { $0.evaluations.compactMap(\.findings) }),
            21: facts.singleView.map { VocabularyLabel.label($0.status) } ?? "",
            22: facts.singleView.map { Self.list($0.dataSources.map(VocabularyLabel.label)) } ?? "",
            23: facts.singleView?.link ?? "",
        ]
        return Self.questions.map { Answer(number: $0.number, text: texts[$0.number] ?? "") }
    }

    // MARK: - Writing answers

    /// Several items in one answer, in the order recorded, each once.
    static func list(_ items: [String]) -> String {
        unique(items.filter { !$0.isEmpty }).joined(separator: "; ")
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    static func toolName(_ pilot: CallForEvidenceStore.PilotFacts) -> String {
        pilot.providerName.map { "\(pilot.toolName) by \($0)" } ?? pilot.toolName
    }

    static func insights(_ pilot: CallForEvidenceStore.PilotFacts, _ kind: String) -> [String] {
        pilot.insights.filter { $0.kind == kind }.map(\.text)
    }

    static func resourcing(_ pilots: [CallForEvidenceStore.PilotFacts]) -> String {
        list(["develop", "implement", "maintain"].compactMap { stage in
            let lines = pilots.compactMap { $0.resourcing[stage] }
            guard !lines.isEmpty else { return nil }
            let fte = lines.reduce(Decimal(0)) { $0 + $1.fte }, amount = lines.reduce(Decimal(0)) { $0 + $1.amount }
            return "\(VocabularyLabel.label(stage)): \(fte.text(places: 2)) FTE, £\(amount.text(places: 2))"
        })
    }

    static func ethics(_ pilots: [CallForEvidenceStore.PilotFacts]) -> String {
        let named: Set = ["ethical_impact_assessment", "staff_consultation", "citizen_consultation"]
        let kinds = unique(pilots.flatMap { $0.assessments.filter { $0.status == "completed" }.map(\.kind) })
        guard !pilots.isEmpty else { return "" }
        let considered = kinds.filter(named.contains).map(VocabularyLabel.label)
            + (kinds.contains { ["algorithmic_impact_assessment", "co_production_with_children_and_families", "other"].contains($0) } ? ["Other"] : [])
        return considered.isEmpty ? "None" : list(considered)
    }

    static func evaluations(_ pilots: [CallForEvidenceStore.PilotFacts]) -> String {
        guard !pilots.isEmpty else { return "" }
        let done = unique(pilots.flatMap { $0.evaluations.filter { $0.status != "planned" }.map { "\(VocabularyLabel.label($0.evaluator)) (\(VocabularyLabel.label($0.status).lowercased()))" } })
        return done.isEmpty ? "None" : list(done)
    }

    // MARK: - Documents

    /// The sector's answers: one row per authority the viewer may read anything about.
    static func sectorCSV(viewer: Caller, store: RegistryStore) async throws -> String {
        let facts = try await store.callForEvidence.facts(authority: nil, viewer: viewer)
        var csv = CSVWriter(header: authorityColumns + respondentColumns + questions.map(\.column))
        for authority in try await store.reference.authorities(inRegion: nil) {
            guard let known = facts[authority.code] else { continue }
            let person = known.respondent
            csv.append(
                [authority.code, authority.dfeCode, authority.name, authority.regionName,
                 person?.name ?? "", person?.email ?? "", person?.role ?? "", person.map { $0.consent ? "yes" : "no" } ?? ""]
                    + CallForEvidence(facts: known).answers.map(\.text))
        }
        return csv.text
    }

    /// The answers as a Markdown document someone can read, print or paste into the survey.
    static func markdown(authority: Authority, answers: [Answer], respondent: CallForEvidenceStore.AuthorityFacts, generatedOn: CalendarDate) -> String {
        var text = "# Call for evidence: \(authority.name)\n\n"
        text += "Answers to DfE's call for evidence on AI and digital technology in children's social care, "
        text += "written from the registry on \(generatedOn). Authority \(authority.code) (DfE \(authority.dfeCode)), \(authority.regionName).\n\n"
        if let person = respondent.respondent {
            text += "**Respondent:** \(person.name), \(person.role ?? "role not given"), \(person.email). "
            text += person.consent ? "Agrees to be contacted.\n\n" : "Does not agree to be contacted.\n\n"
        }
        var area = ""
        for (question, answer) in zip(questions, answers) {
            if question.area != area {
                area = question.area
                text += "## \(area)\n\n"
            }
            text += "**Q\(question.number). \(question.text)**\n\n"
            text += answer.text.isEmpty ? "_Not recorded in the registry._\n\n" : answer.text.replacingOccurrences(of: "; ", with: "\n- ").prefixedAsList + "\n\n"
        }
        return text
    }
}

private extension String {
    /// A multi-item answer as a Markdown list; a single item as it is.
    var prefixedAsList: String { contains("\n- ") ? "- " + self : self }
}
