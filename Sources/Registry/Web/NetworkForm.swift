import Foundation
import RegistryAPI

/// The answers of the form an administrator adds or changes a network with: its name, the
/// short name its addresses use, its kind and its member authorities.
struct NetworkForm: Sendable {
    var name: String
    var slug: String
    var kind: String
    var description: String
    var members: [String]

    static let kinds: [(String, String)] = [
        ("demonstrator", "Demonstrator network"), ("regional_improvement_alliance", "Regional improvement and innovation alliance"),
        ("regional_care_cooperative", "Regional care cooperative"), ("region", "Region"), ("other", "Other"),
    ]

    init(_ form: WebForm) {
        name = form.fields["name"] ?? ""
        slug = form.fields["slug"] ?? ""
        kind = form.fields["kind"] ?? ""
        description = form.fields["description"] ?? ""
        members = form.all("members")
    }

    init(_ network: Network) {
        (name, slug, kind) = (network.name, network.slug, network.kind.rawValue)
        (description, members) = (network.description ?? "", network.members)
    }

    var answers: [(String, String)] {
        [("name", name), ("slug", slug), ("kind", kind), ("description", description)] + members.map { ("members", $0) }
    }

    /// Each question and its answer in words, for a conflict's comparison and a deletion's check.
    func comparison(authorityNames: [String: String]) -> [(question: String, answer: String)] {
        [
            ("Name", name), ("Short name in addresses", slug), ("Kind", ChoiceList.label(kind, in: Self.kinds)),
            ("Description", description),
            ("Members", members.map { authorityNames[$0] ?? $0 }.sorted().joined(separator: ", ")),
        ]
    }

    /// The network to save, checked by the API's rules; or the errors to show at their fields.
    func input() -> Result<NetworkInput, PilotForm.Invalid> {
        guard let kind = Components.Schemas.NetworkKind(rawValue: kind) else {
            return .failure(.init(errors: [.init(fieldID: "kind", message: "Select what kind of network it is")]))
        }
        let input = NetworkInput(
            slug: slug.trimmingCharacters(in: .whitespaces), name: name.trimmingCharacters(in: .whitespacesAndNewlines), kind: kind,
            description: description.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty, members: members)
        do {
            try input.validate()
            return .success(input)
        } catch RegistryError.invalid(let issues) {
            return .failure(.init(errors: Self.errors(issues)))
        } catch {
            return .failure(.init(errors: [.init(fieldID: "name", message: "The network could not be read")]))
        }
    }

    static func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] {
        PageRenderer.FieldError.from(issues, fields: [
            "name": ("name", "The name"), "slug": ("slug", "The short name"), "description": ("description", "The description"),
            "members": ("members", "The members"),
        ]).map { error in
            error.message == "The name must not be empty" ? .init(fieldID: "name", message: "Enter the network's name") : error
        } + issues.filter { $0.field.hasPrefix("members[") }.map { .init(fieldID: "members", message: "A member \($0.message)") }
    }
}
