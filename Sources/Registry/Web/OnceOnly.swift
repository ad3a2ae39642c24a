import Crypto
import Foundation

/// A form that creates something runs once per page it came from: the page carries a random
/// submission id, kept as an idempotency key beside the record it made, so a second click (or
/// a resent form) finds the first one's record instead of making another.
struct OnceOnly: Sendable {
    let store: RegistryStore

    /// Runs `create` in one transaction with the key, or returns what the first run made.
    func run(
        _ kind: String, submission: String, answers: [(String, String)], person: UUID,
        create: @Sendable @escaping () async throws -> String
    ) async throws -> String {
        guard UUID(uuidString: submission) != nil else {
            throw RegistryError.invalid([.init(field: "submission", message: "is missing; open the form again")])
        }
        let key = "web-\(kind)-\(submission.lowercased())"
        let fingerprint = SHA256.hash(data: Data(FormEncoding.encode(answers).utf8)).hex
        return try await store.inOneTransaction {
            switch try await store.idempotencyKeys.claim(user: person, key: key, requestHash: fingerprint) {
            case .replay(let earlier): return earlier.body
            case .mismatch: throw RegistryError.conflict("This form was sent before with other answers.")
            case .owned:
                let made = try await create()
                try await store.idempotencyKeys.complete(user: person, key: key, response: .init(status: 201, body: made))
                return made
            }
        }
    }
}
