import Foundation

/// A part of an authority's entries, as the editors' task list shows it, with the
/// call-for-evidence questions it answers: a section is complete when the registry can answer
/// all of them (with what was done, or that nothing was).
struct RegistrySection: Sendable {
    enum Status: String, Sendable {
        case completed = "Completed"
        case inProgress = "In progress"
        case notStarted = "Not started"
    }

    var title: String
    var hint: String
    var questions: [Int]

    static let all: [RegistrySection] = [
        .init(title: "Tools and pilots", hint: "Every tool you use or tried, bought or built, and how far each got", questions: [1, 2, 4, 6, 7]),
        .init(title: "Resourcing", hint: "Staff time and money to develop, implement and maintain each tool", questions: [8]),
        .init(title: "Risk and ethics work", hint: "Assessments done before adoption, the principles considered and the safeguards in place", questions: [12, 13, 14]),
        .init(title: "Evaluations", hint: "Who evaluated each tool and what they found", questions: [3, 9, 19, 20]),
        .init(title: "Lessons and barriers", hint: "Why tools stopped, what you learnt, what helped and what you need", questions: [5, 10, 11, 15, 16, 17, 18]),
        .init(title: "Single view", hint: "Your children's single view and the data it brings together", questions: [21, 22, 23]),
    ]

    func status(_ answers: [CallForEvidenceAnswer]) -> Status {
        let mine = answers.filter { questions.contains($0.number) }
        let done = mine.filter { $0.status != .notRecorded }.count
        return done == mine.count ? .completed : done == 0 ? .notStarted : .inProgress
    }

    /// "questions 1, 2, 4, 6 and 7"
    var questionList: String {
        let numbers = questions.map(String.init)
        guard numbers.count > 1 else { return "question \(numbers.joined())" }
        return "questions " + numbers.dropLast().joined(separator: ", ") + " and " + numbers.last!
    }
}
