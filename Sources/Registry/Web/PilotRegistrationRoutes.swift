import Foundation
import Hummingbird
import RegistryAPI

/// Registering a pilot in the browser, one question a page: the tool (searched for in the
/// shared catalogue first, so no duplicate is made), the pilot's details, then the answers to
/// check before anything is written. Answers travel in the forms; a second "Register" click
/// finds the pilot the first made.
struct PilotRegistrationRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/pilots/new") { request, _ in
            try await editor { authority, _ in try await chooseTool(authority, query: WebForm.query(request).fields["q"], error: nil) }
        }
        router.get("/manage/pilots/new/details") { request, _ in
            try await editor { authority, _ in
                let query = WebForm.query(request)
                let fields = query.fields
                let form = PilotForm(query)
                guard let tool = try await tool(form.tool) else {
                    return try await chooseTool(authority, query: fields["q"], error: "Select the tool the pilot is of")
                }
                return details(form, tool: tool, errors: [])
            }
        }
        router.post("/manage/pilots/new/check") { request, _ in
            try await editor { authority, _ in
                let form = PilotForm(try await WebForm.read(request))
                guard let tool = try await tool(form.tool) else { return try await chooseTool(authority, query: nil, error: "Select the tool the pilot is of") }
                switch form.input(authority: authority) {
                case .failure(let invalid): return details(form, tool: tool, errors: invalid.errors)
                case .success: return check(form, tool: tool)
                }
            }
        }
        router.post("/manage/pilots") { request, _ in
            try await editor { authority, person in
                let sent = try await WebForm.read(request)
                return try await create(PilotForm(sent), submission: sent.fields["submission"] ?? "", authority: authority, person: person)
            }
        }
    }

    /// Runs `body` for a signed-in editor with their authority; anyone else is sent to sign in
    /// or told that registering is for editors.
    private func editor(_ body: (_ authority: String, _ person: UUID) async throws -> Response) async throws -> Response {
        try await SignedInPage.run(returnTo: "/manage/pilots/new") { caller, person in
            guard let authority = caller.authority else {
                return pages.notForYourRole(
                    "Only editors register pilots", "Pilots are registered by the editors of the authority that leads them.")
            }
            return try await body(authority, person)
        }
    }

    private func tool(_ id: String) async throws -> Tool? {
        guard let uuid = UUID(uuidString: id) else { return nil }
        return try? await store.tools.get(uuid)
    }

    private func chooseTool(_ authority: String, query: String?, error: String?) async throws -> Response {
        let query = query?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var found: [[String: Any]] = []
        if !query.isEmpty {
            found = try await store.tools.search(String(query.prefix(200)), ToolStore.Filter(), limit: 20).enumerated().map { index, tool in
                [
                    "name": "tool", "value": tool.id, "id": index == 0 ? "tool" : "tool-\(index)", "label": tool.name,
                    "hint": [tool.providerName.map { "by \($0)" }, VocabularyLabel.label(tool.kind.rawValue)].compactMap { $0 }.joined(separator: ", "),
                ]
            }
        }
        return pages.page(
            "pilot-tool", title: "Which tool is the pilot of?",
            ["query": query, "addTool": "/manage/tools/new?" + FormEncoding.encode([("name", query)]), "searched": !query.isEmpty, "tools": found, "hasTools": !found.isEmpty, "toolError": error as Any? ?? false],
            errors: error.map { [PageRenderer.FieldError(fieldID: found.isEmpty ? "q" : "tool", message: $0)] } ?? [],
            status: error == nil ? .ok : .badRequest)
    }

    private func details(_ form: PilotForm, tool: Tool, errors: [PageRenderer.FieldError]) -> Response {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        return pages.page(
            "pilot-details", title: "About the pilot",
            [
                "tool": ["id": tool.id, "name": tool.name], "pilotTitle": form.title,
                "origins": ChoiceList.radios("origin", PilotForm.origins, chosen: form.origin),
                "sharingLevels": ChoiceList.radios("sharing_level", PilotForm.sharingLevels, chosen: form.sharing),
                "phases": ChoiceList.radios("phase", PilotForm.firstPhases, chosen: form.phase),
                "sinceDate": form.since.field("since", inError: errors.contains { $0.fieldID == "since" }),
                "titleError": error("title"), "originError": error("origin"), "sharingError": error("sharing_level"),
                "serviceAreas": ChoiceList.checkboxes("service_areas", PilotForm.serviceAreas, chosen: form.serviceAreas),
                "phaseError": error("phase"), "sinceError": error("since"), "serviceAreasError": error("service_areas"),
            ],
            errors: errors, status: errors.isEmpty ? .ok : .badRequest)
    }

    private func check(_ form: PilotForm, tool: Tool) -> Response {
        let change = "/manage/pilots/new/details?" + FormEncoding.encode(form.fields)
        let since = (try? form.since.read("").get()).map(DateText.long) ?? ""
        return pages.page(
            "pilot-check", title: "Check your answers before registering the pilot",
            [
                "rows": [
                    ["key": "Tool", "value": tool.name, "change": "/manage/pilots/new", "what": "tool"],
                    ["key": "Name", "value": form.title, "change": change + "#title", "what": "name"],
                    ["key": "Where the tool came from", "value": ChoiceList.label(form.origin, in: PilotForm.origins), "change": change + "#origin", "what": "where the tool came from"],
                    ["key": "Who may read it", "value": ChoiceList.label(form.sharing, in: PilotForm.sharingLevels), "change": change + "#sharing_level", "what": "who may read it"],
                    ["key": "Phase", "value": ChoiceList.label(form.phase, in: PilotForm.firstPhases) + ", since " + since, "change": change + "#phase", "what": "phase"],
                    ["key": "Service areas", "value": form.serviceAreas.map { ChoiceList.label($0, in: PilotForm.serviceAreas) }.joined(separator: ", ").nonEmpty ?? "None given",
                     "change": change + "#service_areas", "what": "service areas"],
                ],
                "hidden": form.fields.map { ["name": $0.0, "value": $0.1] },
                // One id per check page: a second click on "Register" is the same submission.
                "submission": UUID().uuidString.lowercased(),
            ])
    }

    /// Creates the pilot once per submission: a second post of the same form finds the first
    /// one's pilot instead of making another.
    private func create(_ form: PilotForm, submission: String, authority: String, person: UUID) async throws -> Response {
        guard let tool = try await tool(form.tool) else { return try await chooseTool(authority, query: nil, error: "Select the tool the pilot is of") }
        let input: PilotInput
        switch form.input(authority: authority) {
        case .failure(let invalid): return details(form, tool: tool, errors: invalid.errors)
        case .success(let valid): input = valid
        }
        let caller = Caller.ofThisRequest
        do {
            let pilotID = try await OnceOnly(store: store).run("pilot", submission: submission, answers: form.fields, person: person) {
                try await store.pilots.create(input, toolID: tool.idValue, context: try .signedIn(caller)).id
            }
            return PageRenderer.redirect(to: "/manage?registered=\(pilotID)")
        } catch RegistryError.invalid(let issues) {
            return details(form, tool: tool, errors: PilotForm.errors(issues))
        }
    }

}

extension Tool {
    var idValue: UUID { UUID(uuidString: id)! }
}
