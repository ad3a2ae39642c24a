import Foundation
import Hummingbird
import RegistryAPI

/// The signed-in home at `/manage`: an editor's authority, with its pilots, what each is
/// missing, and how far its entries answer DfE's call for evidence.
struct ManageRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore
    let kept = KeptAuthorityAnswers()

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage") { request, _ in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                // Administrators look at any authority's entries by its code.
                let code = caller.role == .admin ? request.uri.queryParameters.get("authority") : caller.authority
                guard let code else { return try await readerHome(caller) }
                return try await authorityHome(
                    code, caller: caller, registered: request.uri.queryParameters.get("registered"),
                    changed: request.uri.queryParameters.get("changed"), saved: request.uri.queryParameters.get("saved"),
                    records: request.uri.queryParameters.get("records").flatMap { Int($0) },
                    page: request.uri.queryParameters.get("page").flatMap { Int($0) })
            }
        }
    }

    /// `registered`, `changed`: the pilot just registered or moved on, to confirm by its name;
    /// `saved`: the section just saved (`single-view`, `contact`) or `upload` with the `records` it added.
    private func authorityHome(
        _ code: String, caller: Caller, registered: String?, changed: String?, saved: String?, records: Int?, page: Int?
    ) async throws -> Response {
        let loaded = try await kept.answers(code, viewer: caller, store: store)
        let sections = RegistrySection.all.map { section -> [String: Any] in
            let status = section.status(loaded.answers)
            return [
                "title": section.title, "hint": "\(section.hint). Answers call-for-evidence \(section.questionList).",
                "status": status.rawValue, "completed": status == .completed, "inProgress": status == .inProgress,
                "id": section.title.lowercased().replacingOccurrences(of: " ", with: "-"),
                "href": Self.sectionPages[section.title.lowercased().replacingOccurrences(of: " ", with: "-")] ?? "#pilots",
            ]
        } + [[
            "title": "Contact", "hint": "Who DfE may contact about your answers (seen only by your authority and administrators).",
            "status": loaded.facts.respondent == nil ? RegistrySection.Status.notStarted.rawValue : RegistrySection.Status.completed.rawValue,
            "completed": loaded.facts.respondent != nil, "inProgress": false, "id": "contact", "href": "/manage/contact",
        ]]
        let all = loaded.facts.pilots.sorted { $0.title < $1.title }
        // Without a page asked for, the one holding the pilot just registered or moved on.
        let just = all.firstIndex { [registered?.lowercased(), changed?.lowercased()].contains($0.id.lowercased) }.map { $0 / Self.pageSize + 1 }
        let pageCount = max(1, (all.count + Self.pageSize - 1) / Self.pageSize), page = min(max(page ?? just ?? 1, 1), pageCount)
        let shown = all.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize)
        let pilots = shown.map { pilot -> [String: Any] in
            var missing: [String] = []
            if pilot.resourcing.isEmpty { missing.append("resourcing") }
            if pilot.assessments.isEmpty { missing.append("risk and ethics assessment") }
            if pilot.evaluations.isEmpty { missing.append("evaluation") }
            let stillToRecord = missing.joined(separator: ", ")
            return [
                "id": pilot.id.lowercased, "title": pilot.title, "tool": pilot.toolName, "phase": VocabularyLabel.label(pilot.phase),
                "phaseColour": Self.phaseColour(pilot.phase),
                "missing": missing.isEmpty ? "Nothing" : stillToRecord.prefix(1).uppercased() + stillToRecord.dropFirst(),
            ]
        }
        let complete = loaded.answers.filter(\.isComplete).count
        var values: [String: Any] = [
            "mayRegister": caller.role == .authorityEditor,
            "audiences": try await ReaderAudiences.of(caller, store: store).map { ["name": $0.name, "href": $0.href] },
        ]
        // What the page before did, when it brought the editor here.
        values["success"] = [
            loaded.facts.pilots.first { $0.id.lowercased == registered?.lowercased() }.map { "Pilot registered: \($0.title)" },
            saved == "upload" ? "Answers uploaded: \(records ?? 0) records added" : saved.flatMap { Self.saved[$0] },
            loaded.facts.pilots.first { $0.id.lowercased == changed?.lowercased() }.map {
                "Phase changed: \($0.title) is now \(VocabularyLabel.label($0.phase).lowercased())"
            },
        ].compactMap { $0 }.first
        return pages.page(
            "authority-home", title: loaded.authority.name,
            values.merging([
                "authority": ["name": loaded.authority.name, "code": loaded.authority.code],
                "pilots": pilots, "hasPilots": !pilots.isEmpty, "sections": sections,
                "pilotCount": all.count, "firstShown": (page - 1) * Self.pageSize + 1, "lastShown": (page - 1) * Self.pageSize + shown.count,
                "paged": pageCount > 1, "previous": page > 1 ? pageLink(page - 1, caller: caller, code: code) : false,
                "next": page < pageCount ? pageLink(page + 1, caller: caller, code: code) : false,
                "completedSections": sections.filter { $0["completed"] as? Bool == true }.count, "sectionCount": sections.count,
                "answered": complete, "questions": loaded.answers.count,
            ]) { first, _ in first })
    }

    /// Pilots a page of the home shows: enough to find one by name, few enough that an authority
    /// with hundreds opens its home at once.
    static let pageSize = 25

    private func pageLink(_ page: Int, caller: Caller, code: String) -> String {
        "/manage?" + (caller.role == .admin ? "authority=\(code)&" : "") + "page=\(page)#pilots"
    }

    /// What the banner says after a section's page was saved.
    static let saved = [
        "single-view": "Single view saved", "contact": "Contact saved", "pilot-deleted": "Pilot deleted",
        "single-view-deleted": "Single view deleted", "contact-deleted": "Contact deleted",
    ]

    /// Where each section of the task list is done: on a pilot's page, or a page of its own.
    static let sectionPages = ["single-view": "/manage/single-view", "contact": "/manage/contact"]

    /// Network members and analysts read; they have no entries of their own.
    private func readerHome(_ caller: Caller) async throws -> Response {
        let audiences = try await ReaderAudiences.of(caller, store: store)
        return pages.page(
            "reader-home", title: "The registry",
            [
                "audiences": audiences.map { ["name": $0.name, "href": $0.href] },
                "isAdmin": caller.role == .admin,
            ])
    }

    /// The GOV.UK tag colour for a phase: stopped in red or grey, in use in blue or green.
    static func phaseColour(_ phase: String) -> String {
        switch phase {
        case "planned": "grey"
        case "pilot": "blue"
        case "implemented", "fully_established": "green"
        case "paused": "yellow"
        case "discontinued": "red"
        default: "grey"
        }
    }
}
