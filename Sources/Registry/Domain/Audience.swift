/// Who an offline export or a published site is for, as the command line names it:
/// `public`, `sector`, `network:<slug>`, `region:<code>`, `authority:<code>` or `everything`.
/// Each stands for the reader whose view it gives, so it sees exactly what that reader may.
enum Audience: Sendable, Equatable, CustomStringConvertible {
    case everything
    case publicAudience
    case sector
    case network(String)
    case region(String)
    case authority(String)

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("everything", 1): self = .everything
        case ("public", 1): self = .publicAudience
        case ("sector", 1): self = .sector
        case ("network", 2) where !parts[1].isEmpty: self = .network(parts[1])
        case ("region", 2) where !parts[1].isEmpty: self = .region(parts[1])
        case ("authority", 2) where !parts[1].isEmpty: self = .authority(parts[1])
        default: return nil
        }
    }

    var description: String {
        switch self {
        case .everything: "everything"
        case .publicAudience: "public"
        case .sector: "sector"
        case .network(let slug): "network:\(slug)"
        case .region(let code): "region:\(code)"
        case .authority(let code): "authority:\(code)"
        }
    }
}
