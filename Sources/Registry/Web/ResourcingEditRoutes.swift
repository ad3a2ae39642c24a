import Foundation

/// Changing a resourcing line, and its history. The line stays with the authority it
/// belongs to.
enum ResourcingEditRoutes {
    static func make(pages: PageRenderer, store: RegistryStore) -> PilotRecordEditRoutes<ResourcingForm> {
        PilotRecordEditRoutes(
            pages: pages, store: store, segment: "resourcing", record: "resourcing line", resource: .resourcingLine,
            leadOnly: false, history: history,
            records: .init(
                get: { try await store.resourcing.table.get(pilot: $0, id: $1, viewer: $2) },
                update: { _ = try await store.resourcing.update(pilot: $0, id: $1, $2, context: $3) },
                delete: { try await store.resourcing.table.delete(pilot: $0, id: $1, context: $2) }),
            form: { ResourcingRoutes.form(pages, $0, $1, target: $2, errors: $3) })
    }

    /// The line's questions in its audit documents, answered in words.
    static let history = RecordHistory(
        questions: [
            ("stage", "What the resources were for"), ("fte", "Staff time (FTE)"), ("amount_gbp", "Amount"),
            ("funding_source", "Who paid"), ("period_start", "Period start"), ("period_end", "Period end"), ("note", "Note"),
        ],
        answer: { field, value in
            switch field {
            case "stage": ChoiceList.label(value, in: ResourcingForm.stages)
            case "funding_source": ChoiceList.label(value, in: ResourcingForm.fundingSources)
            case "amount_gbp": PilotPageRoutes.pounds(value)
            case "period_start", "period_end": CalendarDate(value).map(DateText.long) ?? value
            default: value
            }
        })
}
