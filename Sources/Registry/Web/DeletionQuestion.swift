import Hummingbird

/// "Delete this …?": the record's answers as they are now, the consequence in words, and a
/// button that deletes it only at the version shown. After a save made meanwhile the same page
/// comes back as a 409 with the record as it is now.
struct DeletionQuestion {
    var title: String
    /// What it is, after "this": "pilot", "resourcing line".
    var record: String
    var caption: String
    var back: String
    var consequence: String
    var answers: [(question: String, answer: String)]
    var version: Int
    var action: String

    func page(_ pages: PageRenderer, changedMeanwhile: Bool) -> Response {
        pages.page(
            "delete-record", title: title,
            [
                "back": back, "caption": caption, "record": record, "changedMeanwhile": changedMeanwhile, "consequence": consequence,
                "answers": answers.map { ["question": $0.question, "answer": $0.answer.isEmpty ? "None" : $0.answer] },
                "version": String(version), "action": action,
            ],
            status: changedMeanwhile ? .conflict : .ok)
    }
}
