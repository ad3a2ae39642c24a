import Foundation
import RegistryAPI

/// What a person types to register a pilot, as the form holds it between its pages, and the
/// `PilotInput` the API would take for it, judged by the same rules.
struct PilotForm: Sendable {
    var tool: String
    var title: String
    var origin: String
    var sharing: String
    var phase: String
    var since: DateInput
    var serviceAreas: [String]

    static let origins: [(String, String)] = [
        ("procured", "Bought from a provider"), ("in_house", "Built by your authority"),
        ("co_developed", "Developed with a provider"), ("reused_from_authority", "Reused from another authority"),
        ("regional_or_national", "Provided regionally or nationally"),
    ]
    static let sharingLevels: [(String, String)] = [
        ("private", "Only your authority"), ("network", "Your authority and the networks it belongs to"),
        ("sector", "Everyone signed in to the registry, DfE included"), ("public", "Anyone, on the public dashboards"),
    ]
    /// Where a pilot starts; later phases are changes to it.
    static let firstPhases: [(String, String)] = [
        ("planned", "Planned"), ("pilot", "Pilot"), ("implemented", "Implemented"), ("fully_established", "Fully established"),
    ]

    static let serviceAreas: [(String, String)] = Components.Schemas.ServiceArea.allCases.map {
        ($0.rawValue, VocabularyLabel.label($0.rawValue))
    }

    /// The service areas ticked, each one of the list's, else an error at the field.
    static func serviceAreas(_ ticked: [String], errors: inout [PageRenderer.FieldError]) -> [Components.Schemas.ServiceArea] {
        let areas = ticked.compactMap(Components.Schemas.ServiceArea.init(rawValue:))
        if areas.count != ticked.count { errors.append(.init(fieldID: "service_areas", message: "Select service areas from the list")) }
        return areas
    }

    init(_ form: WebForm) {
        let fields = form.fields
        tool = fields["tool"] ?? ""
        title = fields["title"] ?? ""
        origin = fields["origin"] ?? ""
        sharing = fields["sharing_level"] ?? ""
        phase = fields["phase"] ?? ""
        since = DateInput(fields, name: "since")
        serviceAreas = form.all("service_areas")
    }

    /// Every field, as hidden inputs carry them to the next page.
    var fields: [(String, String)] {
        [("tool", tool), ("title", title), ("origin", origin), ("sharing_level", sharing), ("phase", phase)]
            + since.answers(named: "since") + serviceAreas.map { ("service_areas", $0) }
    }

    /// The pilot as the API takes it, or every problem at its field: the form's own (a choice
    /// not made, a date that is not one) and then the API's input rules.
    struct Invalid: Error {
        var errors: [PageRenderer.FieldError]
    }

    func input(authority: String) -> Result<PilotInput, Invalid> {
        var errors: [PageRenderer.FieldError] = []
        let origin = Components.Schemas.Origin(rawValue: origin)
        let sharing = Components.Schemas.SharingLevel(rawValue: sharing)
        let phase = Components.Schemas.Phase(rawValue: phase)
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { errors.append(.init(fieldID: "title", message: "Enter the pilot's name")) }
        if origin == nil { errors.append(.init(fieldID: "origin", message: "Select where the tool came from")) }
        if sharing == nil { errors.append(.init(fieldID: "sharing_level", message: "Select who may read the pilot")) }
        if phase == nil { errors.append(.init(fieldID: "phase", message: "Select the phase the pilot is in")) }
        let areas = Self.serviceAreas(serviceAreas, errors: &errors)
        var since: CalendarDate?
        switch self.since.read("the date it began") {
        case .success(let date): since = date
        case .failure(let problem): errors.append(.init(fieldID: "since", message: problem.message))
        }
        guard errors.isEmpty, let origin, let sharing, let phase, let since else { return .failure(Invalid(errors: errors)) }
        let input = PilotInput(
            title: title.trimmingCharacters(in: .whitespacesAndNewlines), toolId: tool, leadAuthority: authority,
            origin: origin, serviceAreas: areas.isEmpty ? nil : areas, sharingLevel: sharing,
            initialPhase: PhaseChangeInput(phase: phase, effectiveOn: since.description))
        do {
            try input.validate(creating: true)
            // The phase history's rules too, as the store applies them, so the check page never
            // shows answers that registering would refuse.
            var history = InputValidator()
            PhaseRules.validate(
                phase: phase.rawValue, effectiveOn: since, reasons: [], current: nil, today: .today(), into: &history)
            if !history.issues.isEmpty {
                throw RegistryError.invalid(history.issues.map { FieldIssue(field: "initial_phase." + $0.field, message: $0.message) })
            }
        } catch RegistryError.invalid(let issues) {
            return .failure(Invalid(errors: Self.errors(issues)))
        } catch {
            return .failure(Invalid(errors: [PageRenderer.FieldError(fieldID: "title", message: String(describing: error))]))
        }
        return .success(input)
    }

    /// The rules' issues, by the API's field names, at the form's fields.
    static func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError] {
        // A list's item is answered at the list's field: "participants[2]" at "participants".
        PageRenderer.FieldError.from(
            issues.map { .init(field: $0.field.split(separator: "[").first.map(String.init) ?? $0.field, message: $0.message) },
            fields: [
                "title": ("title", "The pilot's name"), "initial_phase.effective_on": ("since", "The date it began"),
                "initial_phase.phase": ("phase", "The phase"), "tool_id": ("tool", "The tool"),
                "participants": ("participants", "An authority taking part"), "service_areas": ("service_areas", "The service areas"),
                "description": ("description", "The description"),
            ])
    }
}
