import Foundation
import Hummingbird

/// The page of a record an authority keeps one of: recorded the first time, changed after. The
/// form carries the version it showed; a save a colleague made meanwhile is shown beside the
/// editor's answers (`VersionConflict`) instead of being overwritten, unless it already says
/// what the editor sent, as a second click on "Save" does.
struct AuthorityRecordRoutes<Form: AuthorityRecordForm>: Sendable {
    let pages: PageRenderer
    let store: Store
    let path: String
    let template: String
    let title: String
    /// The record in words, as in "your contact".
    let record: String
    /// The home's banner for it (`ManageRoutes.saved`).
    let saved: String
    /// The heading and explanation for people whose role does not edit it.
    let forbidden: (heading: String, why: String)

    /// What the page needs from the store, in the caller's name.
    struct Store: Sendable {
        var current: @Sendable (_ authority: String, _ caller: Caller) async throws -> Form.Record?
        var create: @Sendable (Form.Input, WriteContext) async throws -> Void
        var update: @Sendable (UUID, Form.Input, WriteContext) async throws -> Void
        var get: @Sendable (UUID, Caller) async throws -> Form.Record
        var delete: @Sendable (UUID, WriteContext) async throws -> Void
    }

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get(RouterPath(path)) { _, _ in
            try await editor { authority, caller in
                let saved = try await store.current(authority, caller)
                return form(saved.map(Form.init) ?? .empty, version: saved?.version, errors: [])
            }
        }
        router.post(RouterPath(path)) { request, _ in
            try await editor { authority, caller in
                let sent = try await WebForm.read(request)
                let answers = Form(sent)
                let version = Int(sent.fields["version"] ?? "")
                let input: Form.Input
                switch answers.input(authority: authority) {
                case .failure(let invalid): return form(answers, version: version, errors: invalid.errors)
                case .success(let checked): input = checked
                }
                do {
                    if let conflict = try await save(input, answers, version: version, authority: authority, caller: caller) {
                        return conflict.page(pages)
                    }
                } catch RegistryError.invalid(let issues) {
                    return form(answers, version: version, errors: Form.errors(issues))
                }
                return PageRenderer.redirect(to: "/manage?saved=\(saved)")
            }
        }
        router.get(RouterPath("\(path)/delete")) { _, _ in
            try await editor { authority, caller in
                guard let saved = try await store.current(authority, caller) else { return PageRenderer.redirect(to: path) }
                return deletion(saved, changedMeanwhile: false)
            }
        }
        router.post(RouterPath("\(path)/delete")) { request, _ in
            try await editor { authority, caller in
                guard let saved = try await store.current(authority, caller) else { return PageRenderer.redirect(to: "/manage") }
                var context = try WriteContext.signedIn(caller)
                context.expectedVersion = Int(try await WebForm.read(request).fields["version"] ?? "") ?? -1
                do {
                    try await store.delete(UUID(uuidString: saved.id)!, context)
                    return PageRenderer.redirect(to: "/manage?saved=\(self.saved)-deleted")
                } catch RegistryError.stale {
                    return deletion(try await store.get(UUID(uuidString: saved.id)!, caller), changedMeanwhile: true)
                }
            }
        }
    }

    /// The record as it is now, and the question whether to delete it, at the version shown.
    private func deletion(_ saved: Form.Record, changedMeanwhile: Bool) -> Response {
        DeletionQuestion(
            title: "Delete \(record)?", record: record.replacingOccurrences(of: "your ", with: ""), caption: title, back: path,
            consequence: "It stops counting in your answers at once. The audit trail keeps what it said.",
            answers: Form(saved).comparison, version: saved.version, action: "\(path)/delete"
        ).page(pages, changedMeanwhile: changedMeanwhile)
    }

    /// Nil once saved; else the conflict to show.
    private func save(
        _ input: Form.Input, _ answers: Form, version: Int?, authority: String, caller: Caller
    ) async throws -> VersionConflict? {
        var context = try WriteContext.signedIn(caller)
        guard let current = try await store.current(authority, caller) else {
            try await store.create(input, context)
            return nil
        }
        func conflict(_ now: Form.Record) -> VersionConflict? {
            let conflict = VersionConflict(
                record: record, caption: title, saved: Form(now).comparison, yours: answers.comparison, answers: answers.answers,
                version: now.version, action: path, back: "/manage")
            return conflict.savedIsYours ? nil : conflict
        }
        let id = UUID(uuidString: current.id)!
        // An empty form sent after a colleague made the record: theirs has not been seen.
        guard let version else { return conflict(current) }
        context.expectedVersion = version
        do {
            try await store.update(id, input, context)
            return nil
        } catch RegistryError.stale {
            return conflict(try await store.get(id, caller))
        }
    }

    private func editor(_ body: (_ authority: String, _ caller: Caller) async throws -> Response) async throws -> Response {
        try await SignedInPage.run(returnTo: path) { caller, _ in
            guard let authority = caller.authority else { return pages.notForYourRole(forbidden.heading, forbidden.why) }
            return try await body(authority, caller)
        }
    }

    private func form(_ answers: Form, version: Int?, errors: [PageRenderer.FieldError]) -> Response {
        var values = answers.values(errors: errors)
        if let version {
            values["version"] = String(version)
            values["deleteHref"] = "\(path)/delete"
        }
        return pages.page(template, title: title, values, errors: errors, status: errors.isEmpty ? .ok : .badRequest)
    }
}
