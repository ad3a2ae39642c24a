import Foundation
import RegistryAPI

/// An authority's single view of a child as its form holds it (call-for-evidence questions
/// 21 to 23): whether it has one, what it is called, the data it brings together, a link to
/// its data model and who may read it; and the `SingleViewInput` the API would take.
struct SingleViewForm: AuthorityRecordForm {
    var status: String
    var name: String
    var sources: [String]
    var link: String
    var description: String
    var sharing: String

    static let statuses: [(String, String)] = [
        ("live", "Yes, in use"), ("in_development", "Being built"), ("planned_within_12_months", "Planned within 12 months"),
        ("no", "No"), ("dont_know", "Not known"),
    ]
    static let sources = Components.Schemas.DataSource.allCases.map { ($0.rawValue, VocabularyLabel.label($0.rawValue)) }

    init(_ form: WebForm) {
        status = form.fields["status"] ?? ""
        name = form.fields["name"] ?? ""
        sources = form.all("data_sources")
        link = form.fields["data_model_url"] ?? ""
        description = form.fields["description"] ?? ""
        sharing = form.fields["sharing_level"] ?? ""
    }

    /// The form as the single view is saved, to change it.
    init(_ view: SingleView) {
        status = view.status.rawValue
        name = view.name ?? ""
        sources = (view.dataSources ?? []).map(\.rawValue)
        link = view.dataModelUrl ?? ""
        description = view.description ?? ""
        sharing = view.sharingLevel.rawValue
    }

    static let empty = SingleViewForm(WebForm(fields: [:], pairs: []))

    var answers: [(String, String)] {
        [("status", status), ("name", name)] + sources.map { ("data_sources", $0) }
            + [("data_model_url", link), ("description", description), ("sharing_level", sharing)]
    }

    /// Each question and its answer in words, to set one version beside another.
    var comparison: [(question: String, answer: String)] {
        [
            ("Whether you have one", status.isEmpty ? "" : ChoiceList.label(status, in: Self.statuses)), ("Its name", name),
            ("The data it brings together", sources.map { ChoiceList.label($0, in: Self.sources) }.joined(separator: ", ")),
            ("Link to its data model", link), ("Description", description),
            ("Who may read it", sharing.isEmpty ? "" : ChoiceList.label(sharing, in: PilotForm.sharingLevels)),
        ]
    }

    /// The single view as the API takes it for `authority`, or every problem at its field.
    func input(authority: String) -> Result<SingleViewInput, PilotForm.Invalid> {
        var errors: [PageRenderer.FieldError] = []
        let status = Components.Schemas.SingleViewStatus(rawValue: status)
        if status == nil { errors.append(.init(fieldID: "status", message: "Select whether you have a single view")) }
        let sharing = Components.Schemas.SharingLevel(rawValue: sharing)
        if sharing == nil { errors.append(.init(fieldID: "sharing_level", message: "Select who may read it")) }
        guard errors.isEmpty, let status, let sharing else { return .failure(.init(errors: errors)) }
        func text(_ value: String) -> String? {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        let input = SingleViewInput(
            authority: authority, name: text(name), status: status,
            dataSources: sources.isEmpty ? nil : sources.compactMap(Components.Schemas.DataSource.init(rawValue:)),
            dataModelUrl: text(link), description: text(description), sharingLevel: sharing)
        do {
            try input.validate()
        } catch RegistryError.invalid(let issues) {
            return .failure(.init(errors: Self.errors(issues)))
        } catch {
            return .failure(.init(errors: [.init(fieldID: "status", message: String(describing: error))]))
        }
        return .success(input)
    }

    func values(errors: [PageRenderer.FieldError]) -> [String: Any] {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        return [
            "statuses": ChoiceList.radios("status", Self.statuses, chosen: status),
            "sources": ChoiceList.checkboxes("data_sources", Self.sources, chosen: sources),
            "sharingLevels": ChoiceList.radios("sharing_level", PilotForm.sharingLevels, chosen: sharing),
            "name": name, "link": link, "description": description,
            "statusError": error("status"), "nameError": error("name"), "sourcesError": error("data_sources"),
            "linkError": error("data_model_url"), "descriptionError": error("description"), "sharingError": error("sharing_level"),
        ]
    }

    static func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] {
        PageRenderer.FieldError.from(
            issues,
            fields: [
                "name": ("name", "The name"), "data_sources": ("data_sources", "The data it brings together"),
                "data_model_url": ("data_model_url", "The link to its data model"), "description": ("description", "The description"),
                "status": ("status", "Whether you have one"), "sharing_level": ("sharing_level", "Who may read it"),
                "authority": ("status", "Your authority"),
            ])
    }
}
