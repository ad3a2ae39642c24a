import Foundation
import RegistryAPI

/// A registered pilot's details as the change form holds them: its name, where the tool came
/// from and who may read it. The rest of the pilot (tool, authorities, service areas,
/// description) is carried from the saved record into the `PilotInput` the API would take.
struct PilotEditForm: Sendable {
    var title: String
    var origin: String
    var sharing: String

    init(_ form: WebForm) {
        title = form.fields["title"] ?? ""
        origin = form.fields["origin"] ?? ""
        sharing = form.fields["sharing_level"] ?? ""
    }

    init(_ pilot: Pilot) {
        title = pilot.title
        origin = pilot.origin.rawValue
        sharing = pilot.sharingLevel.rawValue
    }

    var answers: [(String, String)] { [("title", title), ("origin", origin), ("sharing_level", sharing)] }

    var comparison: [(question: String, answer: String)] {
        [("Name of the pilot", title), ("Where the tool came from", origin.isEmpty ? "" : ChoiceList.label(origin, in: PilotForm.origins)),
         ("Who may read it", sharing.isEmpty ? "" : ChoiceList.label(sharing, in: PilotForm.sharingLevels))]
    }

    /// `pilot` with these answers, as the API takes it, or every problem at its field.
    func input(keeping pilot: Pilot) -> Result<PilotInput, PilotForm.Invalid> {
        var errors: [PageRenderer.FieldError] = []
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        let origin = Components.Schemas.Origin(rawValue: origin)
        let sharing = Components.Schemas.SharingLevel(rawValue: sharing)
        if title.isEmpty { errors.append(.init(fieldID: "title", message: "Enter the pilot's name")) }
        if origin == nil { errors.append(.init(fieldID: "origin", message: "Select where the tool came from")) }
        if sharing == nil { errors.append(.init(fieldID: "sharing_level", message: "Select who may read the pilot")) }
        guard errors.isEmpty, let origin, let sharing else { return .failure(.init(errors: errors)) }
        let input = PilotInput(
            title: title, toolId: pilot.toolId, leadAuthority: pilot.leadAuthority, participants: pilot.participants, origin: origin,
            serviceAreas: pilot.serviceAreas, sharingLevel: sharing, description: pilot.description)
        do {
            try input.validate(creating: false)
        } catch RegistryError.invalid(let issues) {
            return .failure(.init(errors: PilotForm.errors(issues)))
        } catch {
            return .failure(.init(errors: [.init(fieldID: "title", message: String(describing: error))]))
        }
        return .success(input)
    }
}
