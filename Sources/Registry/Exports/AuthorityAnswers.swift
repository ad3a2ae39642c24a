import Foundation
import RegistryAPI

/// One authority's call-for-evidence answers as a reader sees them, with the facts they come
/// from: what the API's answers, the Markdown document and the editors' home page all show.
struct AuthorityAnswers: Sendable {
    var authority: Authority
    /// What the reader may read of the authority's records.
    var facts: CallForEvidenceStore.AuthorityFacts
    var answers: [CallForEvidenceAnswer]

    static func load(_ code: String, viewer: Caller, store: RegistryStore) async throws -> AuthorityAnswers {
        let authority = try await store.reference.authority(code: code)
        let (seen, held) = try await store.callForEvidence.factsSeenAndHeld(authority: authority.code, viewer: viewer)
        let holding = held[authority.code] ?? .init()
        let reading = seen.map { $0[authority.code] ?? .init() }
        return AuthorityAnswers(
            authority: authority, facts: reading ?? holding, answers: CallForEvidence.answers(readBy: reading, holding: holding))
    }
}
