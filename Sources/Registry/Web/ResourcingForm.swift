import Foundation
import RegistryAPI

/// A resourcing line as its form holds it: staff and money to develop, implement or maintain a
/// pilot, in pounds as people write them, and the `ResourcingLineInput` the API would take.
struct ResourcingForm: PilotRecordForm {
    var stage: String
    var fte: String
    var amount: String
    var funding: String
    var start: DateInput
    var end: DateInput
    var note: String

    static let stages: [(String, String)] = [
        ("develop", "Developing it"), ("implement", "Implementing it"), ("maintain", "Maintaining it"),
    ]
    static let fundingSources: [(String, String)] = [
        ("own_budget", "Your authority's own budget"), ("dfe_grant", "A DfE grant"),
        ("other_government_grant", "Another government grant"), ("regional_funding", "Regional funding"),
        ("supplier_funded", "Paid for by the supplier"), ("partner_funded", "Paid for by a partner"), ("other", "Other"),
    ]

    init(_ form: WebForm) {
        stage = form.fields["stage"] ?? ""
        fte = form.fields["fte"] ?? ""
        amount = form.fields["amount"] ?? ""
        funding = form.fields["funding_source"] ?? ""
        start = DateInput(form.fields, name: "start")
        end = DateInput(form.fields, name: "end")
        note = form.fields["note"] ?? ""
    }

    static let empty = ResourcingForm(WebForm(fields: [:], pairs: []))

    /// The form as the line is saved, to change it.
    init(_ line: ResourcingLine) {
        stage = line.stage.rawValue
        fte = line.fte.map { String(format: "%g", $0) } ?? ""
        amount = line.amountGbp.map(PilotPageRoutes.pounds) ?? ""
        funding = line.fundingSource?.rawValue ?? ""
        start = line.periodStart.flatMap(CalendarDate.init).map(DateInput.init) ?? DateInput(day: "", month: "", year: "")
        end = line.periodEnd.flatMap(CalendarDate.init).map(DateInput.init) ?? DateInput(day: "", month: "", year: "")
        note = line.note ?? ""
    }

    /// The saved line's authority and sharing level are kept: the form asks neither, and a
    /// line shared less widely than its pilot must stay so.
    func input(replacing line: ResourcingLine) -> Result<ResourcingLineInput, PilotForm.Invalid> {
        input(authority: line.authority).map { input in
            var kept = input
            kept.sharingLevel = line.sharingLevel
            return kept
        }
    }

    /// Each question and its answer in words, to set one version of the line beside another.
    var comparison: [(question: String, answer: String)] {
        func date(_ input: DateInput) -> String { (try? input.read("").get()).map(DateText.long) ?? "" }
        return [
            ("What the resources were for", ChoiceList.label(stage, in: Self.stages)), ("Staff time (FTE)", fte),
            ("Amount", amount.isEmpty ? "" : PilotPageRoutes.pounds(Self.pounds(amount) ?? amount)),
            ("Who paid", funding.isEmpty ? "" : ChoiceList.label(funding, in: Self.fundingSources)),
            ("Period start", date(start)), ("Period end", date(end)), ("Note", note),
        ]
    }

    var answers: [(String, String)] {
        [("stage", stage), ("fte", fte), ("amount", amount), ("funding_source", funding), ("note", note)]
            + start.answers(named: "start")
            + end.answers(named: "end")
    }

    /// The line as the API takes it for `authority`, or every problem at its field.
    func input(authority: String?) -> Result<ResourcingLineInput, PilotForm.Invalid> {
        var errors: [PageRenderer.FieldError] = []
        let stage = Components.Schemas.ResourcingStage(rawValue: stage)
        if stage == nil { errors.append(.init(fieldID: "stage", message: "Select what the resources were for")) }
        let fteText = fte.trimmingCharacters(in: .whitespaces)
        let fte = fteText.isEmpty ? nil : Double(fteText)
        if !fteText.isEmpty && fte == nil {
            errors.append(.init(fieldID: "fte", message: "Staff time must be a number of full-time equivalents, like 1.5"))
        }
        let amount = Self.pounds(amount)
        if fteText.isEmpty && amount == nil {
            errors.append(.init(fieldID: "fte", message: "Enter the staff time, the amount, or both"))
        }
        let funding = Components.Schemas.FundingSource(rawValue: funding)
        let start = DateInput.optional(self.start, "the date it started", field: "start", into: &errors)
        let end = DateInput.optional(self.end, "the date it ended", field: "end", into: &errors)
        guard errors.isEmpty, let stage else { return .failure(.init(errors: errors)) }
        let trimmedNote = note.trimmingCharacters(in: .whitespacesAndNewlines)
        let input = ResourcingLineInput(
            authority: authority, stage: stage, fte: fte, amountGbp: amount, fundingSource: funding,
            periodStart: start?.description, periodEnd: end?.description, note: trimmedNote.isEmpty ? nil : trimmedNote)
        do {
            try input.validate()
        } catch RegistryError.invalid(let issues) {
            return .failure(.init(errors: Self.errors(issues)))
        } catch {
            return .failure(.init(errors: [.init(fieldID: "stage", message: String(describing: error))]))
        }
        return .success(input)
    }

    /// "£12,500.50" as the API's "12500.50"; nil when nothing was typed. What is left is judged
    /// by the API's rule, so a typing slip is named at the field.
    static func pounds(_ typed: String) -> String? {
        let bare = typed.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "£", with: "")
            .replacingOccurrences(of: ",", with: "")
        return bare.isEmpty ? nil : bare
    }

    /// The API's field names at the form's fields, for its rules and the store's.
    func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] { Self.errors(issues) }

    static func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] {
        PageRenderer.FieldError.from(
            issues.map { FieldIssue(field: $0.field, message: $0.message.replacingOccurrences(of: "period_start", with: "the date it started")) },
            fields: [
                "stage": ("stage", "What the resources were for"), "fte": ("fte", "Staff time"),
                "amount_gbp": ("amount", "The amount"), "period_start": ("start", "The date it started"),
                "period_end": ("end", "The date it ended"), "note": ("note", "The note"),
                "authority": ("stage", "Your authority"),
            ])
    }
}
