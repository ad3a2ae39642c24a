import Foundation
import Synchronization

/// How vocabulary terms read in documents and files people open: `fully_established` is
/// "Fully established", `uk_data_residency` "UK data residency", `childrens_social_care`
/// "Children's social care". Reading a label back gives the term again.
enum VocabularyLabel {
    private static let words = [
        "ai": "AI", "dpia": "DPIA", "uk": "UK", "send": "SEND", "camhs": "CAMHS",
        "childrens": "children's", "dont": "don't",
    ]

    /// Labels already made: pages and answers label the same few hundred terms over and over.
    private static let made = Mutex<[String: String]>([:])

    static func label(_ term: String) -> String {
        if let label = made.withLock({ $0[term] }) { return label }
        let label = makeLabel(term)
        made.withLock { if $0.count < 4_096 { $0[term] = label } }
        return label
    }

    private static func makeLabel(_ term: String) -> String {
        let words = term.split(separator: "_").map { Self.words[String($0)] ?? String($0) }
        guard let first = words.first?.first else { return term }
        return (first.uppercased() + words.joined(separator: " ").dropFirst())
    }

    /// The term a label stands for, whatever its case: "Children's social care" → `childrens_social_care`.
    static func term(_ label: String) -> String {
        label.lowercased().replacingOccurrences(of: "'", with: "").replacingOccurrences(of: " ", with: "_")
    }
}
