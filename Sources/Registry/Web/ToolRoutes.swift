import Foundation
import Hummingbird
import RegistryAPI

/// Adding a tool to the shared catalogue when the search for it found none: who provides it
/// (searched among the registry's providers first, so no provider is added twice), then the
/// tool. An editor goes on to register their pilot of it; the provider and tool are written
/// together, once, however often "Save" is pressed.
struct ToolRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/tools/new") { request, _ in
            try await catalogueEditor { _ in
                let fields = WebForm.query(request).fields
                return try await chooseProvider(ToolForm(fields), search: fields["pq"], error: nil)
            }
        }
        router.get("/manage/tools/new/details") { request, _ in
            try await catalogueEditor { _ in
                let fields = WebForm.query(request).fields
                let form = ToolForm(fields)
                guard let provider = try await chosenProvider(form) else {
                    return try await chooseProvider(form, search: fields["pq"], error: "Select who provides the tool")
                }
                return details(form, provider: provider, errors: [])
            }
        }
        router.post("/manage/tools") { request, _ in
            try await catalogueEditor { caller in
                let sent = try await WebForm.read(request)
                let form = ToolForm(sent.fields)
                guard let provider = try await chosenProvider(form) else {
                    return try await chooseProvider(form, search: nil, error: "Select who provides the tool")
                }
                let person = caller.userID!
                return try await RecordSubmission(kind: "tool", store: store).save(
                    sent, answers: form.answers, checked: form.input(), person: person, storeErrors: ToolForm.toolErrors,
                    then: { id in caller.role == .authorityEditor ? "/manage/pilots/new/details?tool=\(id)" : "/manage" },
                    form: { details(form, provider: provider, errors: $0) }
                ) { checked in
                    let context = try WriteContext.signedIn(caller)
                    var tool = checked.tool
                    if let provider = checked.provider {
                        tool.providerId = try await store.providers.create(provider, context: context).id
                    }
                    let providerID = tool.providerId.flatMap(UUID.init(uuidString:))
                    return try await store.tools.create(tool, providerID: providerID, context: context).id
                }
            }
        }
    }

    /// Runs `body` for an editor or administrator; readers are told who adds tools.
    private func catalogueEditor(_ body: (Caller) async throws -> Response) async throws -> Response {
        try await SignedInPage.run(returnTo: "/manage/tools/new") { caller, _ in
            guard caller.role == .authorityEditor || caller.role == .admin else {
                return pages.notForYourRole(
                    "Only editors add tools",
                    "Tools are added to the shared catalogue by authorities' editors and the registry's administrators.")
            }
            return try await body(caller)
        }
    }

    /// What the provider question was answered with: a provider in the registry, or the words
    /// for a new one or none; nil when unanswered or naming no provider.
    private func chosenProvider(_ form: ToolForm) async throws -> ChosenProvider? {
        if form.addsProvider { return .new }
        if form.provider == ToolForm.noProvider { return .builtByAnAuthority }
        guard let id = form.providerID, let provider = try? await store.providers.get(id) else { return nil }
        return .existing(provider)
    }

    private enum ChosenProvider {
        case existing(Provider), new, builtByAnAuthority
    }

    private func chooseProvider(_ form: ToolForm, search: String?, error: String?) async throws -> Response {
        let search = (search ?? form.name).trimmingCharacters(in: .whitespacesAndNewlines)
        let found = search.isEmpty ? [] : try await store.providers.search(String(search.prefix(200)), updatedSince: nil, limit: 20)
        let options = found.map { ($0.id, $0.name) } + [
            (ToolForm.newProvider, "Another provider, not in the registry yet"),
            (ToolForm.noProvider, "Nobody: an authority built it"),
        ]
        return pages.page(
            "tool-provider", title: "Who provides the tool?",
            [
                "name": form.name, "search": search, "searched": !search.isEmpty, "found": !found.isEmpty,
                "providers": ChoiceList.radios("provider", options, chosen: form.provider),
                "providerError": error as Any? ?? false,
            ],
            errors: error.map { [PageRenderer.FieldError(fieldID: "provider", message: $0)] } ?? [],
            status: error == nil ? .ok : .badRequest)
    }

    private func details(_ form: ToolForm, provider: ChosenProvider, errors: [PageRenderer.FieldError]) -> Response {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        let providerText: String
        switch provider {
        case .existing(let existing): providerText = existing.name
        case .new: providerText = "A provider new to the registry"
        case .builtByAnAuthority: providerText = "Nobody: an authority built it"
        }
        return pages.page(
            "tool-details", title: "About the tool",
            [
                "backHref": "/manage/tools/new?" + FormEncoding.encode([("name", form.name)]),
                "provider": form.provider, "providerText": providerText, "addsProvider": form.addsProvider,
                "name": form.name, "description": form.description, "website": form.website,
                "providerName": form.providerName, "providerWebsite": form.providerWebsite, "providerNumber": form.providerNumber,
                "kinds": ChoiceList.radios("kind", ToolForm.kinds, chosen: form.kind),
                "technologies": ChoiceList.radios("technology", ToolForm.technologies, chosen: form.technology),
                "nameError": error("name"), "kindError": error("kind"), "technologyError": error("technology"),
                "descriptionError": error("description"), "websiteError": error("website"),
                "providerNameError": error("provider_name"), "providerWebsiteError": error("provider_website"),
                "providerNumberError": error("provider_number"), "submission": UUID().uuidString.lowercased(),
            ],
            errors: errors, status: errors.isEmpty ? .ok : .badRequest)
    }
}
