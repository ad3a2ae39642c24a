import Foundation
import Hummingbird

/// The POST of a page that adds one record: the form's own checks, then the store's, once per
/// page shown (`OnceOnly`); on any refusal the page again, with each problem at its field.
struct RecordSubmission<Input: Sendable>: Sendable {
    let kind: String
    let store: RegistryStore

    func save(
        _ sent: WebForm, answers: [(String, String)], checked: Result<Input, PilotForm.Invalid>, person: UUID,
        storeErrors: ([FieldIssue]) -> [PageRenderer.FieldError], then location: String,
        form: ([PageRenderer.FieldError]) -> Response, create: @Sendable @escaping (Input) async throws -> String
    ) async throws -> Response {
        try await save(
            sent, answers: answers, checked: checked, person: person, storeErrors: storeErrors, then: { _ in location },
            form: form, create: create)
    }

    /// As above, going on to the page `location` names for the id of the record made.
    func save(
        _ sent: WebForm, answers: [(String, String)], checked: Result<Input, PilotForm.Invalid>, person: UUID,
        storeErrors: ([FieldIssue]) -> [PageRenderer.FieldError], then location: (String) -> String,
        form: ([PageRenderer.FieldError]) -> Response, create: @Sendable @escaping (Input) async throws -> String
    ) async throws -> Response {
        switch checked {
        case .failure(let invalid):
            return form(invalid.errors)
        case .success(let input):
            do {
                let made = try await OnceOnly(store: store).run(
                    kind, submission: sent.fields["submission"] ?? "", answers: answers, person: person
                ) { try await create(input) }
                return PageRenderer.redirect(to: location(made))
            } catch RegistryError.invalid(let issues) {
                return form(storeErrors(issues))
            }
        }
    }
}
