import Foundation
import Hummingbird
import RegistryAPI

/// Administrators manage people from the browser as they do with the API and `csc-registry
/// person`: invite, change a role and its scope, suspend, restore, end every session. The
/// same store and rules serve all three, and the store audits each change.
struct PeopleRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    /// What the banner says after each change.
    static let saved = [
        "invited": "Person invited", "changed": "Person changed", "suspended": "Person suspended: their sessions and tokens have stopped",
        "restored": "Person restored", "sessions-ended": "Every session of theirs has ended",
    ]

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/people") { request, _ in
            try await admin { _ in try await list(saved: request.uri.queryParameters.get("saved")) }
        }
        router.get("/manage/people/new") { _, _ in
            try await admin { _ in try await page(PersonForm(WebForm(pairs: [])), of: nil, errors: []) }
        }
        router.post("/manage/people") { request, _ in
            try await admin { caller in
                let sent = try await WebForm.read(request)
                let form = PersonForm(sent)
                let choices = try await Choices.load(store)
                return try await RecordSubmission<PersonDetails>(kind: "person", store: store).save(
                    sent, answers: form.answers, checked: form.details(), person: caller.userID!, storeErrors: PersonForm.errors,
                    then: { "/manage/people/\($0)?saved=invited" }, form: { render(form, of: nil, choices: choices, errors: $0) }
                ) { details in try await store.people.add(details, context: try .signedIn(caller)).id.lowercased }
            }
        }
        router.get("/manage/people/:person") { request, context in
            try await admin { _ in
                guard let person = try await person(context) else { return notFound() }
                return try await page(PersonForm(person), of: person, errors: [], saved: request.uri.queryParameters.get("saved"))
            }
        }
        router.post("/manage/people/:person") { request, context in
            try await admin { caller in
                guard let person = try await person(context) else { return notFound() }
                let form = PersonForm(try await WebForm.read(request))
                do {
                    let details = try form.details().get()
                    try Permissions.requireMayChange(person: person.id, toRole: details.role, caller)
                    _ = try await store.people.change(person.id, to: details, context: try .signedIn(caller))
                    return PageRenderer.redirect(to: "/manage/people/\(person.id.lowercased)?saved=changed")
                } catch let invalid as PilotForm.Invalid {
                    return try await page(form, of: person, errors: invalid.errors)
                } catch RegistryError.invalid(let issues) {
                    return try await page(form, of: person, errors: PersonForm.errors(issues))
                } catch RegistryError.forbidden(let reason) {
                    return try await page(form, of: person, errors: [.init(fieldID: "role", message: reason)])
                }
            }
        }
        for (action, state) in [("suspend", Person.State.suspended), ("restore", .active)] {
            router.post("/manage/people/:person/\(action)") { _, context in
                try await admin { caller in
                    guard let person = try await person(context) else { return notFound() }
                    if state == .suspended {
                        do {
                            try Permissions.requireMaySuspend(person: person.id, caller)
                        } catch RegistryError.forbidden(let reason) {
                            return pages.notForYourRole("You cannot suspend yourself", reason)
                        }
                    }
                    _ = try await store.people.setState(person.id, to: state, context: try .signedIn(caller))
                    return PageRenderer.redirect(to: "/manage/people/\(person.id.lowercased)?saved=\(action == "suspend" ? "suspended" : "restored")")
                }
            }
        }
        router.post("/manage/people/:person/end-sessions") { _, context in
            try await admin { caller in
                guard let person = try await person(context) else { return notFound() }
                _ = try await store.sessions.endAll(of: person.id, context: try .signedIn(caller))
                return PageRenderer.redirect(to: "/manage/people/\(person.id.lowercased)?saved=sessions-ended")
            }
        }
    }

    private func admin(_ body: (Caller) async throws -> Response) async throws -> Response {
        try await AdminPage.run(returnTo: "/manage/people", pages: pages, body)
    }

    private func person(_ context: some RequestContext) async throws -> Person? {
        guard let id = UUID(uuidString: try context.parameters.require("person")) else { return nil }
        return try? await store.people.person(id)
    }

    private func notFound() -> Response {
        pages.notFound("There is no such person in the registry.", back: ("/manage/people", "Go to the people"))
    }

    private func list(saved: String?) async throws -> Response {
        let people = try await store.people.people().sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
        var values: [String: Any] = [
            "people": people.map { person -> [String: Any] in
                [
                    "id": person.id.lowercased, "name": person.name, "email": person.email ?? "none recorded",
                    "role": person.roleDescription.prefix(1).uppercased() + person.roleDescription.dropFirst(),
                    "state": Self.states[person.state]!.text, "stateColour": Self.states[person.state]!.colour,
                    "lastSignedIn": person.lastSignedInAt.map(DateText.long) ?? "never",
                ]
            },
        ]
        values["success"] = saved.flatMap { Self.saved[$0] }
        return pages.page("people", title: "People", values)
    }

    static let states: [Person.State: (text: String, colour: String)] = [
        .invited: ("Invited", "blue"), .active: ("Active", "green"), .suspended: ("Suspended", "red"),
    ]

    /// The closed lists the form offers: authorities and networks, by name.
    struct Choices {
        var authorities: [(String, String)]
        var networks: [(String, String)]

        static func load(_ store: RegistryStore) async throws -> Choices {
            let authorities = try await store.reference.authorities(inRegion: nil).sorted { $0.name < $1.name }
            let networks = try await Page.all { try await store.networks.list(authority: nil, updatedSince: nil, page: $0) }
            return Choices(authorities: authorities.map { ($0.code, $0.name) }, networks: networks.map { ($0.slug, $0.name) })
        }
    }

    private func page(_ form: PersonForm, of person: Person?, errors: [PageRenderer.FieldError], saved: String? = nil) async throws
        -> Response
    {
        render(form, of: person, choices: try await Choices.load(store), errors: errors, saved: saved.flatMap { Self.saved[$0] })
    }

    private func render(
        _ form: PersonForm, of person: Person?, choices: Choices, errors: [PageRenderer.FieldError], saved: String? = nil
    ) -> Response {
        func error(_ id: String) -> Any { errors.first { $0.fieldID == id }?.message ?? false }
        var values: [String: Any] = [
            "isNew": person == nil, "name": form.name, "email": form.email,
            "roles": ChoiceList.radios("role", PersonForm.roles, chosen: form.role),
            "authorities": choices.authorities.map { ["code": $0.0, "name": $0.1, "selected": $0.0 == form.authority] },
            "networks": ChoiceList.checkboxes("networks", choices.networks, chosen: form.networks),
            "nameError": error("name"), "emailError": error("email"), "roleError": error("role"),
            "authorityError": error("authority"), "networksError": error("networks"),
            "submission": UUID().uuidString.lowercased(),
            "action": person.map { "/manage/people/\($0.id.lowercased)" } ?? "/manage/people",
        ]
        if let person {
            values["person"] = [
                "id": person.id.lowercased, "state": Self.states[person.state]!.text, "stateColour": Self.states[person.state]!.colour,
                "suspended": person.state == .suspended,
                "lastSignedIn": person.lastSignedInAt.map(DateText.long) ?? "never",
                "accounts": person.providers.isEmpty ? "none yet: bound at their first sign-in" : person.providers.joined(separator: ", "),
            ]
        }
        values["success"] = saved
        return pages.page(
            "person", title: person?.name ?? "Invite a person", values, errors: errors, status: errors.isEmpty ? .ok : .badRequest)
    }
}
