import Foundation
import RegistryAPI

/// A tool for the shared catalogue as its two pages hold it: who provides it (a provider in the
/// registry, a new one, or none when the authority built it), then the tool itself. Gives the
/// `ToolInput`, and the `ProviderInput` of a new provider, that the API would take.
struct ToolForm: Sendable {
    /// A provider's id, `new` or `none`.
    var provider: String
    var name: String
    var kind: String
    var technology: String
    var description: String
    var website: String
    var providerName: String
    var providerWebsite: String
    var providerNumber: String

    static let newProvider = "new"
    static let noProvider = "none"

    static let kinds: [(String, String)] = Components.Schemas.ToolKind.allCases.map {
        ($0.rawValue, VocabularyLabel.label($0.rawValue))
    }
    static let technologies: [(String, String)] = [
        ("generative_ai", "Generative AI"), ("machine_learning", "Machine learning (not generative)"),
        ("speech_to_text", "Speech to text"), ("rules_based", "Rules written by people"),
        ("non_ai_digital", "Digital, without AI"),
    ]

    init(_ fields: [String: String]) {
        func field(_ name: String) -> String { fields[name] ?? "" }
        provider = field("provider")
        name = field("name")
        kind = field("kind")
        technology = field("technology")
        description = field("description")
        website = field("website")
        providerName = field("provider_name")
        providerWebsite = field("provider_website")
        providerNumber = field("provider_number")
    }

    var addsProvider: Bool { provider == Self.newProvider }

    /// The chosen provider's id, when it is one in the registry.
    var providerID: UUID? { UUID(uuidString: provider) }

    var answers: [(String, String)] {
        [("provider", provider), ("name", name), ("kind", kind), ("technology", technology),
         ("description", description), ("website", website)]
            + (addsProvider
                ? [("provider_name", providerName), ("provider_website", providerWebsite), ("provider_number", providerNumber)]
                : [])
    }

    struct Checked: Sendable {
        var tool: ToolInput
        /// The provider to add with the tool, if it is new.
        var provider: ProviderInput?
    }

    /// The tool and any new provider as the API takes them, or every problem at its field.
    func input() -> Result<Checked, PilotForm.Invalid> {
        var errors: [PageRenderer.FieldError] = []
        let kind = Components.Schemas.ToolKind(rawValue: kind)
        let technology = Components.Schemas.Technology(rawValue: technology)
        if name.trimmed.isEmpty { errors.append(.init(fieldID: "name", message: "Enter the tool's name")) }
        if kind == nil { errors.append(.init(fieldID: "kind", message: "Select what the tool does")) }
        if technology == nil { errors.append(.init(fieldID: "technology", message: "Select how the tool works")) }
        if addsProvider && providerName.trimmed.isEmpty {
            errors.append(.init(fieldID: "provider_name", message: "Enter the provider's name"))
        }
        guard errors.isEmpty, let kind, let technology else { return .failure(.init(errors: errors)) }
        let tool = ToolInput(
            name: name.trimmed, providerId: providerID?.uuidString.lowercased(), kind: kind, technology: technology,
            description: description.trimmed.nilIfEmpty, website: website.trimmed.nilIfEmpty)
        let provider = addsProvider
            ? ProviderInput(
                name: providerName.trimmed, website: providerWebsite.trimmed.nilIfEmpty,
                companiesHouseNumber: providerNumber.trimmed.nilIfEmpty)
            : nil
        do {
            try tool.validate()
        } catch RegistryError.invalid(let issues) {
            errors += Self.toolErrors(issues)
        } catch {
            errors.append(.init(fieldID: "name", message: String(describing: error)))
        }
        do {
            try provider?.validate()
        } catch RegistryError.invalid(let issues) {
            errors += Self.providerErrors(issues)
        } catch {
            errors.append(.init(fieldID: "provider_name", message: String(describing: error)))
        }
        return errors.isEmpty ? .success(Checked(tool: tool, provider: provider)) : .failure(.init(errors: errors))
    }

    /// The API's field names at the form's fields: the tool's, and the store's refusals, which
    /// name the provider's Companies House number or the provider chosen.
    static func toolErrors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] {
        PageRenderer.FieldError.from(
            issues,
            fields: [
                "name": ("name", "The tool's name"), "description": ("description", "The description"),
                "website": ("website", "The tool's website"), "provider_id": ("provider", "The provider"),
                "companies_house_number": ("provider_number", "The Companies House number"),
            ])
    }

    private static func providerErrors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] {
        PageRenderer.FieldError.from(
            issues,
            fields: [
                "name": ("provider_name", "The provider's name"), "website": ("provider_website", "The provider's website"),
                "companies_house_number": ("provider_number", "The Companies House number"),
            ])
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
