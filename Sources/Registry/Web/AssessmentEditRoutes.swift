import Foundation

/// Changing a risk or ethics assessment, and its history; the lead authority changes them, as
/// the API allows.
enum AssessmentEditRoutes {
    static func make(pages: PageRenderer, store: RegistryStore) -> PilotRecordEditRoutes<AssessmentForm> {
        PilotRecordEditRoutes(
            pages: pages, store: store, segment: "assessments", record: "assessment", resource: .assessment,
            leadOnly: true, history: history,
            records: .init(
                get: { try await store.assessments.table.get(pilot: $0, id: $1, viewer: $2) },
                update: { _ = try await store.assessments.update(pilot: $0, id: $1, $2, context: $3) },
                delete: { try await store.assessments.table.delete(pilot: $0, id: $1, context: $2) }),
            form: { AssessmentRoutes.form(pages, $0, $1, target: $2, errors: $3) })
    }

    /// The assessment's questions in its audit documents, answered in words.
    static let history = RecordHistory(
        questions: [
            ("kind", "Kind"), ("status", "How far it has got"), ("completed_on", "Completed on"),
            ("principles", "Principles weighed"), ("safeguards", "Safeguards"), ("risks", "Risks found"),
            ("summary", "Summary"), ("link", "Link"),
        ],
        answer: { field, value in
            switch field {
            case "completed_on": CalendarDate(value).map(DateText.long) ?? value
            case "summary", "link": value
            default: value.split(separator: ",").map { VocabularyLabel.label($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: ", ")
            }
        })
}
