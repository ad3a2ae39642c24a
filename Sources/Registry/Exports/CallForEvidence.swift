import Foundation
import RegistryAPI

/// An authority's answers to the 23 questions of DfE's March 2026 call for evidence on AI and
/// digital technology in children's social care, written from what the registry holds, so no
/// authority has to answer the same questions twice.
///
/// Every statement names the tool it is about, and every answer that has none says why: the
/// registry records there is nothing, holds nothing yet (and what to record), or holds records
/// the reader may not see.
struct CallForEvidence: Sendable {
    typealias Pilot = CallForEvidenceStore.PilotFacts
    typealias Statement = CallForEvidenceAnswer.Statement
    typealias Answer = CallForEvidenceAnswer

    let facts: CallForEvidenceStore.AuthorityFacts

    /// The answers as a reader sees them, beside what the registry holds for the authority:
    /// where the two differ only because records are hidden, the answer says so. `seen` nil:
    /// the reader reads everything held, so the answers are worked out once.
    static func answers(
        readBy seen: CallForEvidenceStore.AuthorityFacts?, holding held: CallForEvidenceStore.AuthorityFacts
    ) -> [Answer] {
        guard let seen else { return CallForEvidence(facts: held).answers }
        return zip(CallForEvidence(facts: seen).answers, CallForEvidence(facts: held).answers).map { seen, held in
            // Q1 is one word: a partial view would give the wrong word, not a shorter list.
            guard seen != held, seen.statements.isEmpty || seen.number == 1 else { return seen }
            return Answer(number: seen.number, status: .notShared, statements: [])
        }
    }

    /// Phases in which a tool is no longer being used or tried.
    static let stopPhases: Set = ["paused", "discontinued", "retired"]
    static let inUse: Set = ["pilot", "implemented", "fully_established"]
    /// Assessment kinds that consider ethics, as against data protection, security or law.
    static let ethicsKinds: Set = [
        "ethical_impact_assessment", "equality_impact_assessment", "algorithmic_impact_assessment", "staff_consultation",
        "citizen_consultation", "co_production_with_children_and_families", "other",
    ]

    var answers: [Answer] {
        let pilots = facts.pilots
        let bought = pilots.filter { !$0.isBuilt }, built = pilots.filter(\.isBuilt)
        let stopped = bought.filter { Self.stopPhases.contains($0.phase) }
        let current = bought.filter { !Self.stopPhases.contains($0.phase) }
        let assessments = pilots.flatMap { pilot in pilot.assessments.map { (pilot, $0) } }
        let evaluations = pilots.flatMap { pilot in pilot.evaluations.map { (pilot, $0) } }

        func about(_ pilot: Pilot, _ text: String) -> Statement { Statement(tool: pilot.name, text: text) }
        func insights(_ kind: String, _ among: [Pilot] = pilots) -> [Statement] {
            among.flatMap { pilot in pilot.insights.filter { $0.kind == kind }.map { about(pilot, $0.text) } }
        }
        func impact(_ number: Int, of among: [Pilot], _ which: String) -> Answer {
            guard !among.isEmpty else { return .none(number) }
            let findings = among.flatMap { pilot in pilot.evaluations.compactMap(\.findings).map { about(pilot, $0) } }
            return .listing(number, insights("impact", among) + findings, otherwise: .notRecorded(
                number, record: "an evaluation with its findings, or an impact insight, for each \(which) tool"))
        }
        /// `External (completed)`: who evaluated and how far it has gone.
        func evaluation(_ evaluation: (evaluator: String, status: String, findings: String?)) -> String {
            "\(VocabularyLabel.label(evaluation.evaluator)) (\(VocabularyLabel.label(evaluation.status).lowercased()))"
        }

        var answers: [Int: Answer] = [
            1: .answered(1, [Statement(text: current.contains { Self.inUse.contains($0.phase) } ? "Yes" : "No")]),
            2: .listing(2, current.map { about($0, VocabularyLabel.label($0.phase)) }, otherwise: .none(2)),
            3: impact(3, of: bought, "bought-in"),
            4: .listing(4, stopped.map { about($0, VocabularyLabel.label($0.phase)) }, otherwise: .none(4)),
            5: stopped.isEmpty ? .none(5) : .listing(5, stopped.compactMap(Self.reasons), otherwise: .notRecorded(
                5, record: "the reasons on each stopped tool's phase change")),
            6: .listing(6, built.map { about($0, $0.description ?? "") }, otherwise: .none(6)),
            7: .listing(7, built.map { about($0, Self.phase($0)) }, otherwise: .none(7)),
            8: built.isEmpty ? .none(8) : .listing(8, built.flatMap { pilot in Self.resourcing(pilot).map { about(pilot, $0) } },
                otherwise: .notRecorded(8, record: "the staff time (FTE) and money (£) to develop, implement and maintain each tool")),
            9: impact(9, of: built, "of your own"),
            10: .listing(10, insights("key_learning"), otherwise: .notRecorded(10, record: "a key learning on a pilot")),
            11: .listing(11, pilots.flatMap { pilot in
                pilot.insights.filter { $0.kind == "help_needed" }.map { about(pilot, ($0.scope.map { "\(VocabularyLabel.label($0)): " } ?? "") + $0.text) }
            }, otherwise: .notRecorded(11, record: "what would help (local, regional or national) on a pilot")),
            12: .listing(12, assessments.map { about($0, Self.assessed($1)) }, otherwise: .notRecorded(
                12, record: "the assessments done before adoption, a DPIA for example, on each pilot")),
            13: assessments.isEmpty
                ? .notRecorded(13, record: "the ethics work done (an ethical impact assessment, consultation, the principles covered)")
                : .listing(13, assessments.filter { Self.ethicsKinds.contains($1.kind) || !$1.principles.isEmpty }.map {
                    about($0, Self.ethics($1))
                }, otherwise: .none(13)),
            14: .listing(14, Dictionary(grouping: pilots, by: \.name).compactMap(Self.safeguards), otherwise: .notRecorded(
                14, record: "the safeguards in place, on each tool's assessment")),
            15: .listing(15, insights("barrier"), otherwise: .notRecorded(15, record: "the barriers met, on a pilot")),
            16: .listing(16, insights("implementation_support"), otherwise: .notRecorded(
                16, record: "the most important thing done to support implementation, on a pilot")),
            17: .listing(17, insights("ask_of_government"), otherwise: .notRecorded(17, record: "what you want from central government, on a pilot")),
            18: .listing(18, insights("suggestion"), otherwise: .notRecorded(18, record: "any other suggestion, on a pilot")),
            19: .listing(19, evaluations.map { about($0, evaluation($1)) }, otherwise: .none(19)),
            20: evaluations.isEmpty ? .none(20) : .listing(20, evaluations.compactMap { pilot, recorded in
                recorded.findings.map { about(pilot, evaluation(recorded) + ": " + $0) }
            }, otherwise: evaluations.contains { $1.status == "completed" }
                ? .notRecorded(20, record: "the findings of each completed evaluation") : .none(20)),
        ]
        let toRecord = "the tools your authority uses or has tried, each with its phase"
        for number in 1...20 where pilots.isEmpty { answers[number] = .notRecorded(number, record: toRecord) }
        for answer in singleView() { answers[answer.number] = answer }
        return CallForEvidenceQuestion.all.map { answers[$0.number]! }
    }

    private func singleView() -> [Answer] {
        guard let view = facts.singleView else {
            let record = "your single view's status, even if it is \"no\" or \"don't know\""
            return (21...23).map { .notRecorded($0, record: record) }
        }
        let none = ["no", "dont_know"].contains(view.status)
        return [
            .answered(21, [Statement(text: VocabularyLabel.label(view.status))]),
            none ? .none(22) : .listing(22, view.dataSources.map { Statement(text: VocabularyLabel.label($0)) }, otherwise: .notRecorded(
                22, record: "the data your single view shows")),
            none ? .none(23) : .listing(23, view.link.map { [Statement(text: $0)] } ?? [], otherwise: .notRecorded(
                23, record: "a link to your single view's data model or list of sources")),
        ]
    }

    // MARK: - Statements

    /// `Discontinued (Cost, Accuracy)`: a tool's phase, with the reasons it stopped.
    static func phase(_ pilot: Pilot) -> String {
        let phase = VocabularyLabel.label(pilot.phase)
        guard stopPhases.contains(pilot.phase), !pilot.phaseReasons.isEmpty else { return phase }
        return phase + " (" + pilot.phaseReasons.map(VocabularyLabel.label).joined(separator: ", ") + ")"
    }

    /// `Tool: Cost, Accuracy. Note`: why a stopped tool stopped, if recorded.
    static func reasons(_ pilot: Pilot) -> Statement? {
        let reasons = pilot.phaseReasons.map(VocabularyLabel.label).joined(separator: ", ")
        let text = [reasons, pilot.phaseNote ?? ""].filter { !$0.isEmpty }.joined(separator: ". ")
        return text.isEmpty ? nil : Statement(tool: pilot.name, text: text)
    }

    /// `Develop: 0.50 FTE, £12,000.00`, a line for each stage with anything recorded.
    static func resourcing(_ pilot: Pilot) -> [String] {
        ["develop", "implement", "maintain"].compactMap { stage in
            guard let (fte, amount) = pilot.resourcing[stage] else { return nil }
            let parts = [fte == 0 && amount != 0 ? nil : "\(fte.text(places: 2)) FTE", amount == 0 && fte != 0 ? nil : "£\(amount.text(places: 2))"]
            return "\(VocabularyLabel.label(stage)): " + parts.compactMap { $0 }.joined(separator: ", ")
        }
    }

    /// `DPIA (completed 2025-01-15): summary`.
    static func assessed(_ assessment: CallForEvidenceStore.Assessment) -> String {
        let status = VocabularyLabel.label(assessment.status).lowercased() + (assessment.completedOn.map { " \($0)" } ?? "")
        return "\(VocabularyLabel.label(assessment.kind)) (\(status))" + (assessment.summary.map { ": \($0)" } ?? "")
    }

    /// `Ethical impact assessment (Fairness, Privacy)`: the kind and the principles it covered.
    static func ethics(_ assessment: CallForEvidenceStore.Assessment) -> String {
        let principles = inVocabularyOrder(assessment.principles, Components.Schemas.EthicsPrinciple.allCases.map(\.rawValue))
        return VocabularyLabel.label(assessment.kind) + (principles.isEmpty ? "" : " (\(principles.map(VocabularyLabel.label).joined(separator: ", ")))")
    }

    /// `Tool: Human review, Staff training`: every safeguard of the assessments of the tool's pilots.
    static func safeguards(_ tool: String, _ pilots: [Pilot]) -> Statement? {
        let all = inVocabularyOrder(pilots.flatMap { $0.assessments.flatMap(\.safeguards) }, Components.Schemas.Safeguard.allCases.map(\.rawValue))
        return all.isEmpty ? nil : Statement(tool: tool, text: all.map(VocabularyLabel.label).joined(separator: ", "))
    }

    static func inVocabularyOrder(_ terms: [String], _ vocabulary: [String]) -> [String] {
        vocabulary.filter(Set(terms).contains)
    }
}

extension CallForEvidenceStore.PilotFacts {
    /// Built by the authority (alone or with others), as against bought or given.
    var isBuilt: Bool { origin == "in_house" || origin == "co_developed" }

    /// How the answers name it: a bought tool by its name and provider, a built one by its title.
    var name: String {
        if isBuilt { return title }
        return providerName.map { "\(toolName) by \($0)" } ?? toolName
    }
}
