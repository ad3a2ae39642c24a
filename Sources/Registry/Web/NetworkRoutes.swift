import Foundation
import Hummingbird
import RegistryAPI

/// Administrators keep the networks (demonstrator and regional networks and their member
/// authorities) from the browser, through the store the API uses: added once however often
/// "Save" is pressed, changed never over a colleague's unseen save, deleted after a question.
struct NetworkRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    static let saved = ["added": "Network added", "changed": "Network changed", "deleted": "Network deleted"]

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/networks") { request, _ in
            try await admin { _ in
                let networks = try await Page.all { try await store.networks.list(authority: nil, updatedSince: nil, page: $0) }
                var values: [String: Any] = [
                    "networks": networks.sorted { $0.name < $1.name }.map {
                        ["id": $0.id, "name": $0.name, "kind": ChoiceList.label($0.kind.rawValue, in: NetworkForm.kinds),
                         "members": String($0.members.count)]
                    },
                ]
                values["success"] = request.uri.queryParameters.get("saved").flatMap { Self.saved[$0] }
                return pages.page("networks", title: "Networks", values)
            }
        }
        router.get("/manage/networks/new") { _, _ in
            try await admin { _ in try await form(NetworkForm(WebForm(pairs: [])), network: nil, errors: []) }
        }
        router.post("/manage/networks") { request, _ in
            try await admin { caller in
                let sent = try await WebForm.read(request)
                let form = NetworkForm(sent)
                let names = try await store.reference.authorityNames()
                return try await RecordSubmission<NetworkInput>(kind: "network", store: store).save(
                    sent, answers: form.answers, checked: form.input(), person: caller.userID!, storeErrors: NetworkForm.errors,
                    then: "/manage/networks?saved=added", form: { render(form, network: nil, names: names, errors: $0) }
                ) { input in
                    do {
                        return try await store.networks.create(input, context: try .signedIn(caller)).id
                    } catch RegistryError.conflict {
                        throw RegistryError.invalid([.init(field: "slug", message: "is used by another network")])
                    }
                }
            }
        }
        router.get("/manage/networks/:network") { _, context in
            try await admin { _ in
                guard let network = try await network(context) else { return notFound() }
                return try await form(NetworkForm(network), network: network, errors: [])
            }
        }
        router.post("/manage/networks/:network") { request, context in
            try await admin { caller in
                guard let network = try await network(context) else { return notFound() }
                let sent = try await WebForm.read(request)
                let form = NetworkForm(sent)
                let version = sent["version"].flatMap { Int($0) }
                var write = try WriteContext.signedIn(caller)
                write.expectedVersion = version ?? network.version
                do {
                    _ = try await store.networks.update(network.id, try form.input().get(), context: write)
                    return PageRenderer.redirect(to: "/manage/networks?saved=changed")
                } catch let invalid as PilotForm.Invalid {
                    return try await self.form(form, network: network, version: version, errors: invalid.errors)
                } catch RegistryError.invalid(let issues) {
                    return try await self.form(form, network: network, version: version, errors: NetworkForm.errors(issues))
                } catch RegistryError.conflict {
                    return try await self.form(
                        form, network: network, version: version, errors: [.init(fieldID: "slug", message: "The short name is used by another network")])
                } catch RegistryError.stale {
                    let now = try await store.networks.get(network.id)
                    let names = try await store.reference.authorityNames()
                    let conflict = VersionConflict(
                        record: "this network", caption: now.name, saved: NetworkForm(now).comparison(authorityNames: names),
                        yours: form.comparison(authorityNames: names), answers: form.answers, version: now.version,
                        action: "/manage/networks/\(now.id)", back: "/manage/networks")
                    return conflict.savedIsYours ? PageRenderer.redirect(to: "/manage/networks?saved=changed") : conflict.page(pages)
                }
            }
        }
        router.get("/manage/networks/:network/delete") { _, context in
            try await admin { _ in
                guard let network = try await network(context) else { return notFound() }
                return try await confirmation(network, changedMeanwhile: false)
            }
        }
        router.post("/manage/networks/:network/delete") { request, context in
            try await admin { caller in
                guard let network = try await network(context) else { return notFound() }
                var write = try WriteContext.signedIn(caller)
                write.expectedVersion = Int(try await WebForm.read(request).fields["version"] ?? "") ?? -1
                do {
                    try await store.networks.delete(network.id, context: write)
                    return PageRenderer.redirect(to: "/manage/networks?saved=deleted")
                } catch RegistryError.stale {
                    return try await confirmation(try await store.networks.get(network.id), changedMeanwhile: true)
                }
            }
        }
    }

    private func admin(_ body: (Caller) async throws -> Response) async throws -> Response {
        try await AdminPage.run(returnTo: "/manage/networks", pages: pages, body)
    }

    private func network(_ context: some RequestContext) async throws -> Network? {
        try? await store.networks.get(try context.parameters.require("network"))
    }

    private func notFound() -> Response {
        pages.notFound("There is no such network.", back: ("/manage/networks", "Go to the networks"))
    }

    private func confirmation(_ network: Network, changedMeanwhile: Bool) async throws -> Response {
        DeletionQuestion(
            title: "Delete this network?", record: "network", caption: network.name, back: "/manage/networks/\(network.id)",
            consequence: "Its members read nothing more through it, and its dashboards are no longer built. The audit trail keeps what it said.",
            answers: NetworkForm(network).comparison(authorityNames: try await store.reference.authorityNames()),
            version: network.version, action: "/manage/networks/\(network.id)/delete"
        ).page(pages, changedMeanwhile: changedMeanwhile)
    }

    private func form(_ form: NetworkForm, network: Network?, version: Int? = nil, errors: [PageRenderer.FieldError]) async throws
        -> Response
    {
        render(form, network: network, version: version, names: try await store.reference.authorityNames(), errors: errors)
    }

    private func render(
        _ form: NetworkForm, network: Network?, version: Int? = nil, names: [String: String], errors: [PageRenderer.FieldError]
    ) -> Response {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        let authorities = names.sorted { $0.value < $1.value }.map { ($0.key, $0.value) }
        var values: [String: Any] = [
            "isNew": network == nil, "name": form.name, "slug": form.slug, "description": form.description,
            "kinds": ChoiceList.radios("kind", NetworkForm.kinds, chosen: form.kind),
            "members": ChoiceList.checkboxes("members", authorities, chosen: form.members),
            "nameError": error("name"), "slugError": error("slug"), "kindError": error("kind"),
            "descriptionError": error("description"), "membersError": error("members"),
            "submission": UUID().uuidString.lowercased(),
            "action": network.map { "/manage/networks/\($0.id)" } ?? "/manage/networks",
        ]
        if let network {
            values["network"] = ["id": network.id, "title": network.name]
            values["version"] = String(version ?? network.version)
        }
        return pages.page(
            "network", title: network.map { "Change \($0.name)" } ?? "Add a network", values, errors: errors,
            status: errors.isEmpty ? .ok : .badRequest)
    }
}
