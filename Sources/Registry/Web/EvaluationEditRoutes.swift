import Foundation

/// Changing an evaluation and its measures, and its history. An evaluation stays with the
/// authority that recorded it.
enum EvaluationEditRoutes {
    static func make(pages: PageRenderer, store: RegistryStore) -> PilotRecordEditRoutes<EvaluationForm> {
        PilotRecordEditRoutes(
            pages: pages, store: store, segment: "evaluations", record: "evaluation", resource: .evaluation,
            leadOnly: false, history: history,
            records: .init(
                get: { try await store.evaluations.table.get(pilot: $0, id: $1, viewer: $2) },
                update: { _ = try await store.evaluations.update(pilot: $0, id: $1, $2, context: $3) },
                delete: { try await store.evaluations.table.delete(pilot: $0, id: $1, context: $2) }),
            form: { EvaluationRoutes.form(pages, $0, $1, target: $2, errors: $3) })
    }

    /// The evaluation's questions in its audit documents, answered in words.
    static let history = RecordHistory(
        questions: [
            ("evaluator", "Who evaluated it"), ("design", "How"), ("status", "How far it has got"), ("outcome", "Outcome"),
            ("findings", "Findings"), ("report_url", "Link to the report"), ("started_on", "Started"),
            ("completed_on", "Completed"), ("measures", "Measures"),
        ],
        answer: { field, value in
            switch field {
            case "evaluator": ChoiceList.label(value, in: EvaluationForm.evaluators)
            case "design", "status", "outcome": VocabularyLabel.label(value)
            case "started_on", "completed_on": CalendarDate(value).map(DateText.long) ?? value
            default: value
            }
        })
}
