import Foundation
import RegistryAPI

/// The person DfE may contact about an authority's answers, as the form holds them, and the
/// `ContactInput` the API would take. Only the authority's editors and administrators see it.
struct ContactForm: AuthorityRecordForm {
    var name: String
    var email: String
    var role: String
    var consent: String

    static let consents: [(String, String)] = [("yes", "Yes"), ("no", "No")]

    init(_ form: WebForm) {
        name = form.fields["name"] ?? ""
        email = form.fields["email"] ?? ""
        role = form.fields["role"] ?? ""
        consent = form.fields["consent"] ?? ""
    }

    init(_ contact: Contact) {
        name = contact.name
        email = contact.email
        role = contact.role ?? ""
        consent = contact.consentToContact ? "yes" : "no"
    }

    static let empty = ContactForm(WebForm(fields: [:], pairs: []))

    var answers: [(String, String)] { [("name", name), ("email", email), ("role", role), ("consent", consent)] }

    var comparison: [(question: String, answer: String)] {
        [("Name", name), ("Email address", email), ("Job title", role),
         ("DfE may contact them", consent.isEmpty ? "" : ChoiceList.label(consent, in: Self.consents))]
    }

    /// The contact as the API takes it for `authority`, or every problem at its field.
    func input(authority: String) -> Result<ContactInput, PilotForm.Invalid> {
        var errors: [PageRenderer.FieldError] = []
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let email = email.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { errors.append(.init(fieldID: "name", message: "Enter the contact's name")) }
        if email.isEmpty { errors.append(.init(fieldID: "email", message: "Enter the contact's email address")) }
        if consent.isEmpty { errors.append(.init(fieldID: "consent", message: "Select whether DfE may contact them")) }
        let role = role.trimmingCharacters(in: .whitespacesAndNewlines)
        let input = ContactInput(
            authority: authority, name: name, email: email, role: role.isEmpty ? nil : role, consentToContact: consent == "yes")
        // The API's rules too, so a mistyped address is named beside an unanswered question.
        do {
            try input.validate()
        } catch RegistryError.invalid(let issues) {
            errors += Self.errors(issues).filter { issue in !errors.contains { $0.fieldID == issue.fieldID } }
        } catch {
            errors.append(.init(fieldID: "name", message: String(describing: error)))
        }
        guard errors.isEmpty else { return .failure(.init(errors: errors)) }
        return .success(input)
    }

    func values(errors: [PageRenderer.FieldError]) -> [String: Any] {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        return [
            "consents": ChoiceList.radios("consent", Self.consents, chosen: consent),
            "name": name, "email": email, "role": role,
            "nameError": error("name"), "emailError": error("email"), "roleError": error("role"), "consentError": error("consent"),
        ]
    }

    static func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] {
        PageRenderer.FieldError.from(
            issues,
            fields: [
                "name": ("name", "The name"), "email": ("email", "The email address"), "role": ("role", "The job title"),
                "authority": ("name", "Your authority"),
            ])
    }
}
