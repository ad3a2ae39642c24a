import RegistryAPI
import Synchronization

/// Authorities' answers as their own people read them, each kept with the records' version it
/// was worked out at: the editor's home asks for them on every visit, working them out costs
/// more than the rest of the page, and they change only when records do.
///
/// An answer is reused only while the records' version stands, so it is exact as the response
/// cache's answers are (see `DataVersion`): worked out after its version was read, it shows the
/// registry at that version or later, never earlier.
final class KeptAuthorityAnswers: Sendable {
    private let capacity: Int
    private let kept = Mutex<[String: (version: DataVersion, answers: AuthorityAnswers)]>([:])

    init(capacity: Int = 32) {
        self.capacity = capacity
    }

    /// The authority's answers for `viewer`; kept ones when the viewer reads everything the
    /// authority holds (then every such viewer reads the same answers).
    func answers(_ code: String, viewer: Caller, store: RegistryStore) async throws -> AuthorityAnswers {
        let authority = try await store.reference.authority(code: code)
        guard CallForEvidenceStore.readsAll(authority: authority.code, viewer) else {
            return try await AuthorityAnswers.load(code, viewer: viewer, store: store)
        }
        let version = try await store.recordsVersion()
        if let answers = kept.withLock({ $0[authority.code].flatMap { $0.version == version ? $0.answers : nil } }) {
            return answers
        }
        let answers = try await AuthorityAnswers.load(code, viewer: viewer, store: store)
        kept.withLock { kept in
            if kept[authority.code].map({ $0.version < version }) ?? true { kept[authority.code] = (version, answers) }
            // Past capacity, the answers worked out longest ago go first.
            while kept.count > capacity, let oldest = kept.min(by: { $0.value.version < $1.value.version })?.key {
                kept[oldest] = nil
            }
        }
        return answers
    }
}
