import Hummingbird

/// What an editor meets when someone saved a record after they opened it: each question with
/// the answer saved now beside theirs, the differences marked, and their answers ready to be
/// saved over the new version, or left. Nothing is overwritten that the editor has not seen.
struct VersionConflict {
    /// The record in words, as in "this resourcing line".
    var record: String
    var caption: String
    var saved: [(question: String, answer: String)]
    var yours: [(question: String, answer: String)]
    /// The editor's answers, sent again with the version saved now.
    var answers: [(String, String)]
    var version: Int
    var action: String
    var back: String

    /// Whether the saved record already says what the editor sent: a second click on "Save".
    var savedIsYours: Bool { saved.map(\.answer) == yours.map(\.answer) }

    func page(_ pages: PageRenderer) -> Response {
        let rows = zip(saved, yours).map { saved, yours -> [String: Any] in
            ["question": saved.question, "saved": saved.answer.isEmpty ? "None" : saved.answer,
             "yours": yours.answer.isEmpty ? "None" : yours.answer, "changed": saved.answer != yours.answer]
        }
        return pages.page(
            "version-conflict", title: "Someone else changed \(record)",
            [
                "record": record, "caption": caption, "rows": rows, "action": action, "back": back,
                "answers": answers.map { ["name": $0.0, "value": $0.1] }, "version": String(version),
            ],
            status: .conflict)
    }
}
