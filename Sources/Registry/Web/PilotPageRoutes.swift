import Foundation
import Hummingbird
import RegistryAPI

/// A pilot's own page for its editors: what is recorded about it, section by section, with
/// the way to add what is missing. The home's pilot names link here.
struct PilotPageRoutes: Sendable {
    let pages: PageRenderer
    let store: RegistryStore

    /// What the banner says after each kind of record was added.
    static let added = [
        "resourcing": "Resourcing line added", "assessment": "Assessment added", "evaluation": "Evaluation added",
        "deleted-resourcing": "Resourcing line deleted", "deleted-assessments": "Assessment deleted",
        "deleted-evaluations": "Evaluation deleted", "deleted-lessons": "Lesson or barrier deleted", "changed-resourcing": "Resourcing line changed",
        "changed-assessments": "Assessment changed", "changed-evaluations": "Evaluation changed",
        "changed-lessons": "Lesson or barrier changed",
        "lesson": "Lesson or barrier added", "details": "Pilot's details changed",
    ]

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/manage/pilots/:pilot") { request, context in
            try await SignedInPage.run(returnTo: "/manage") { caller, _ in
                let id = try context.parameters.require("pilot")
                guard let pilot = try await ManagedPilot.load(id, caller: caller, store: store) else {
                    // Anyone else reads what they may of it, and changes nothing.
                    guard let uuid = UUID(uuidString: id), let readable = try? await store.pilots.get(uuid, viewer: caller) else {
                        return pages.notFound("There is no such pilot among those you may read.", back: ("/manage/pilots", "Go to the pilots"))
                    }
                    return pages.page("pilot-read", title: readable.title, try await Self.records(of: readable, as: caller, store: store))
                }
                return try await page(pilot, caller: caller, added: request.uri.queryParameters.get("added"))
            }
        }
    }

    private func page(_ pilot: Pilot, caller: Caller, added: String?) async throws -> Response {
        var values = try await Self.records(of: pilot, as: caller, store: store)
        values["leads"] = caller.edits(pilot.leadAuthority)
        values["success"] = added.flatMap { Self.added[$0] }
        return pages.page("pilot", title: pilot.title, values)
    }

    /// The pilot and the records of it that `viewer` may read, as the pilot's page and its
    /// previews show them.
    static func records(of pilot: Pilot, as viewer: Caller, store: RegistryStore) async throws -> [String: Any] {
        let id = UUID(uuidString: pilot.id)!
        let lines = try await store.resourcing.table.all(ofReadPilot: id, viewer: viewer)
        let assessments = try await store.assessments.table.all(ofReadPilot: id, viewer: viewer)
        let evaluations = try await store.evaluations.table.all(ofReadPilot: id, viewer: viewer)
        let insights = try await store.insights.table.all(ofReadPilot: id, viewer: viewer)
        let since = CalendarDate(pilot.phaseSince).map(DateText.long) ?? pilot.phaseSince
        let names = try await store.reference.authorityNames()
        return [
            "pilot": [
                "id": pilot.id, "title": pilot.title, "tool": pilot.toolName, "lead": names[pilot.leadAuthority] ?? pilot.leadAuthority,
                "participants": pilot.participants.map { names[$0] ?? $0 }.sorted().joined(separator: ", ").nonEmpty ?? "None",
                "serviceAreas": pilot.serviceAreas.map { VocabularyLabel.label($0.rawValue) }.joined(separator: ", ").nonEmpty ?? "None recorded",
                "phase": "\(VocabularyLabel.label(pilot.phase.rawValue)), since \(since)",
                "origin": ChoiceList.label(pilot.origin.rawValue, in: PilotForm.origins),
                "sharing": ChoiceList.label(pilot.sharingLevel.rawValue, in: PilotForm.sharingLevels),
            ],
            "lines": lines.map { line -> [String: Any] in
                [
                    "stage": ChoiceList.label(line.stage.rawValue, in: ResourcingForm.stages),
                    "fte": line.fte.map { String(format: "%g", $0) } ?? "None", "amount": line.amountGbp.map(Self.pounds) ?? "None",
                    "authority": line.authority, "id": line.id,
                ]
            },
            "hasLines": !lines.isEmpty,
            "assessments": assessments.map {
                ["kind": VocabularyLabel.label($0.kind.rawValue), "status": VocabularyLabel.label($0.status.rawValue), "id": $0.id]
            },
            "hasAssessments": !assessments.isEmpty,
            "evaluations": evaluations.map {
                ["evaluator": VocabularyLabel.label($0.evaluator.rawValue), "status": VocabularyLabel.label($0.status.rawValue), "id": $0.id,
                 "authority": $0.authority]
            },
            "hasEvaluations": !evaluations.isEmpty,
            "lessons": insights.map { ["kind": ChoiceList.label($0.kind.rawValue, in: InsightForm.kinds), "text": $0.text, "id": $0.id] },
            "hasLessons": !insights.isEmpty,
        ]
    }

    /// "12500.50" as "£12,500.50"; whole pounds without pence.
    static func pounds(_ amount: String) -> String {
        guard let value = Decimal(string: amount, locale: Locale(identifier: "en_GB")) else { return amount }
        let whole = value.text(places: 0)
        return "£" + (Decimal(string: whole.replacingOccurrences(of: ",", with: "")) == value ? whole : value.text(places: 2))
    }
}
