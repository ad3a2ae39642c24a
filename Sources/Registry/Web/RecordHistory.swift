import Foundation
import OpenAPIRuntime
import RegistryAPI

/// A record's audit trail as people read it: when, who and what they did, and each question
/// whose answer changed, from what to what. Only the questions the record's page asks are
/// shown; ids, versions and timestamps are the registry's own.
struct RecordHistory: Sendable {
    /// The record's fields in the audit documents, with the question each answers.
    let questions: [(field: String, question: String)]
    /// A field's value in words.
    let answer: @Sendable (_ field: String, _ value: String) -> String

    func entries(_ events: [Components.Schemas.AuditEvent]) -> [[String: Any]] {
        events.reversed().map { event in
            let before = event.before?.additionalProperties.value ?? [:]
            let after = event.after?.additionalProperties.value ?? [:]
            let changes = questions.compactMap { field, question -> [String: Any]? in
                let was = Self.text(before[field] ?? nil), now = Self.text(after[field] ?? nil)
                guard was != now else { return nil }
                return ["question": question, "was": was.map { answer(field, $0) } ?? "None",
                        "now": now.map { answer(field, $0) } ?? "None"]
            }
            return [
                "when": DateText.longWithTime(event.occurredAt), "who": event.actorName,
                "what": Self.actions[event.action.rawValue] ?? VocabularyLabel.label(event.action.rawValue),
                "changes": changes, "hasChanges": !changes.isEmpty,
            ]
        }
    }

    private static let actions = ["create": "Added", "update": "Changed", "delete": "Deleted", "phase_change": "Phase changed"]

    /// A JSON value as text; nil for none. Lists read as their items joined.
    private static func text(_ value: (any Sendable)?) -> String? {
        switch value {
        case nil, is NSNull: nil
        case let text as String: text
        case let list as [(any Sendable)?]: list.compactMap { text($0) }.joined(separator: ", ")
        case let number as Double: String(format: "%g", number)
        case let number as Int: String(number)
        case let flag as Bool: flag ? "Yes" : "No"
        case let other?: "\(other)"
        }
    }
}
