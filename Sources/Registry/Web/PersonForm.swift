import Foundation

/// The answers of the form an administrator invites or changes a person with: a role, and the
/// scope that role needs (an authority for an editor, networks for a network member). A scope
/// answered for another role is left out, as the form shows every scope without JavaScript.
struct PersonForm: Sendable {
    var name: String
    var email: String
    var role: String
    var authority: String
    var networks: [String]

    static let roles: [(String, String)] = [
        ("authority_editor", "Editor: registers and updates one authority's pilots"),
        ("network_member", "Network member: reads what is shared with their networks"),
        ("national_analyst", "National analyst: reads what is shared with DfE, and statistics"),
        ("admin", "Administrator: manages people, networks and tokens, and may change any record"),
    ]

    init(_ form: WebForm) {
        name = form.fields["name"] ?? ""
        email = form.fields["email"] ?? ""
        role = form.fields["role"] ?? ""
        authority = form.fields["authority"] ?? ""
        networks = form.all("networks")
    }

    init(_ person: Person) {
        (name, email, role) = (person.name, person.email ?? "", person.role.rawValue)
        (authority, networks) = (person.authority ?? "", person.networks)
    }

    var answers: [(String, String)] {
        [("name", name), ("email", email), ("role", role), ("authority", authority)] + networks.map { ("networks", $0) }
    }

    /// The details to save, checked by the same rules as the API; or the errors to show.
    func details() -> Result<PersonDetails, PilotForm.Invalid> {
        let chosen = Caller.Role(rawValue: role).flatMap { $0 == .anonymous ? nil : $0 }
        // Unanswered, the role is checked as one needing no scope, so every other answer is checked too.
        let role = chosen ?? .nationalAnalyst
        let details = PersonDetails(
            name: name.trimmingCharacters(in: .whitespacesAndNewlines),
            email: email.trimmingCharacters(in: .whitespaces).nonEmpty,
            role: role, authority: role == .authorityEditor ? authority.nonEmpty : nil,
            networks: role == .networkMember ? networks : [])
        var v = InputValidator()
        details.validate(into: &v)
        let order = ["name", "email", "role", "authority", "networks"]
        let errors = (Self.errors(v.issues) + (chosen == nil ? [.init(fieldID: "role", message: "Select the person's role")] : []))
            .sorted { (order.firstIndex(of: $0.fieldID) ?? 9) < (order.firstIndex(of: $1.fieldID) ?? 9) }
        return errors.isEmpty ? .success(details) : .failure(.init(errors: errors))
    }

    /// The rules' and the store's issues in words, each at its field.
    static func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] {
        issues.map { issue in
            switch issue.field {
            case "name": .init(fieldID: "name", message: issue.message == "must not be empty" ? "Enter the person's name" : "The name \(issue.message)")
            case "email": .init(fieldID: "email", message: "The e-mail address \(issue.message)")
            case "authority": .init(fieldID: "authority", message: issue.message.hasPrefix("is required") ? "Select the authority they edit" : "The authority \(issue.message)")
            default:
                issue.field.hasPrefix("networks")
                    ? .init(fieldID: "networks", message: issue.message.hasPrefix("must name") ? "Select at least one network" : "The networks \(issue.message)")
                    : .init(fieldID: "role", message: "The role \(issue.message)")
            }
        }
    }
}
