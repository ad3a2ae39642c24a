import Foundation

/// Changing a lesson or barrier, and its history; the lead authority changes them, as the API
/// allows.
enum InsightEditRoutes {
    static func make(pages: PageRenderer, store: RegistryStore) -> PilotRecordEditRoutes<InsightForm> {
        PilotRecordEditRoutes(
            pages: pages, store: store, segment: "lessons", record: "lesson or barrier", resource: .insight,
            leadOnly: true, history: history,
            records: .init(
                get: { try await store.insights.table.get(pilot: $0, id: $1, viewer: $2) },
                update: { _ = try await store.insights.update(pilot: $0, id: $1, $2, context: $3) },
                delete: { try await store.insights.table.delete(pilot: $0, id: $1, context: $2) }),
            form: { InsightRoutes.form(pages, $0, $1, target: $2, errors: $3) })
    }

    /// The lesson's questions in its audit documents, answered in words.
    static let history = RecordHistory(
        questions: [("kind", "What it is about"), ("scope", "How far it reaches"), ("text", "In your words"), ("sharing_level", "Who may read it")],
        answer: { field, value in
            switch field {
            case "kind": ChoiceList.label(value, in: InsightForm.kinds)
            case "scope": ChoiceList.label(value, in: InsightForm.scopes)
            case "sharing_level": ChoiceList.label(value, in: PilotForm.sharingLevels)
            default: value
            }
        })
}
