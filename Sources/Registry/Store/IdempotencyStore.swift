import Foundation
import Logging
import PostgresNIO

/// Idempotency keys, kept in the same transaction as the create they guard: the record, its
/// audit event and the key's stored response commit together or not at all.
struct IdempotencyStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// How long a key is remembered; an older one may be used again.
    static let retention = "24 hours"

    struct StoredResponse: Sendable, Equatable {
        var status: Int
        var body: String
        var entityTag: String?
    }

    enum Claim: Sendable, Equatable {
        /// This request is the first: run it, then `complete` the key in the same transaction.
        case owned
        /// An earlier request with the same key and body finished with this response.
        case replay(StoredResponse)
        /// The key was used with a different request.
        case mismatch
    }

    /// Claims `key` for the current `AmbientTransaction`. A concurrent request with the same key
    /// waits on the unique index until the first commits (then replays its response) or rolls
    /// back (then runs itself), as PostgreSQL does for any `INSERT ... ON CONFLICT`.
    func claim(user: UUID, key: String, requestHash: String) async throws -> Claim {
        let claimed = try await client.executeJoiningAmbient(
            prepared: ClaimKey(user: user, key: key, requestHash: requestHash), logger: logger
        ).first
        if claimed != nil { return .owned }
        let earlier = try await client.executeJoiningAmbient(prepared: EarlierUse(user: user, key: key), logger: logger).first
        guard let earlier, let status = earlier.status else {
            throw RegistryError.conflict("A request with this Idempotency-Key is still being processed.")
        }
        if earlier.requestHash != requestHash { return .mismatch }
        return .replay(StoredResponse(status: status, body: earlier.body ?? "", entityTag: earlier.entityTag))
    }

    /// Stores the response of the request that owns `key`, in its transaction.
    func complete(user: UUID, key: String, response: StoredResponse) async throws {
        _ = try await client.executeJoiningAmbient(prepared: AnswerKey(user: user, key: key, response: response), logger: logger)
    }

    // Every create with a key runs these, so they are prepared once per connection and never
    // parsed or planned again.

    /// Inserts the key, or takes over one older than the retention period; a row back means owned.
    struct ClaimKey: PostgresPreparedStatement {
        static let sql = """
            INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
            ON CONFLICT (user_id, key) DO UPDATE
                SET request_hash = excluded.request_hash, response_status = NULL, response_body = NULL,
                    response_etag = NULL, created_at = now()
                WHERE idempotency_keys.created_at < now() - interval '\(retention)'
            RETURNING true
            """

        var user: UUID
        var key: String
        var requestHash: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(user)
            bindings.append(key)
            bindings.append(requestHash)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Bool { try row.decode(Bool.self) }
    }

    /// The request a key was first used for, and its response once that committed.
    struct EarlierUse: PostgresPreparedStatement {
        static let sql = """
            SELECT request_hash, response_status, response_body, response_etag
            FROM idempotency_keys WHERE user_id = $1 AND key = $2
            """

        struct Row: Sendable {
            var requestHash: String
            var status: Int?
            var body: String?
            var entityTag: String?
        }

        var user: UUID
        var key: String

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(user)
            bindings.append(key)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row {
            let (requestHash, status, body, entityTag) = try row.decode((String, Int?, String?, String?).self)
            return Row(requestHash: requestHash, status: status, body: body, entityTag: entityTag)
        }
    }

    struct AnswerKey: PostgresPreparedStatement {
        static let sql = """
            UPDATE idempotency_keys SET response_status = $3, response_body = $4, response_etag = $5
            WHERE user_id = $1 AND key = $2
            """

        var user: UUID
        var key: String
        var response: StoredResponse

        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(user)
            bindings.append(key)
            bindings.append(Int32(response.status))
            bindings.append(response.body)
            bindings.append(response.entityTag)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws {}
    }
}
