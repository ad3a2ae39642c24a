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
        let claimed = try await client.rows(
            """
            INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES (\(user), \(key), \(requestHash))
            ON CONFLICT (user_id, key) DO UPDATE
                SET request_hash = excluded.request_hash, response_status = NULL, response_body = NULL,
                    response_etag = NULL, created_at = now()
                WHERE idempotency_keys.created_at < now() - \(Self.retention)::interval
            RETURNING 1 AS claimed
            """, logger: logger
        ).first { _ in true }
        if claimed != nil { return .owned }
        let earlier = try await client.rows(
            """
            SELECT request_hash, response_status, response_body, response_etag
            FROM idempotency_keys WHERE user_id = \(user) AND key = \(key)
            """, logger: logger
        ).first {
            (hash: try $0.get("request_hash", as: String.self), status: try $0.get("response_status", as: Int?.self),
             body: try $0.get("response_body", as: String?.self), tag: try $0.get("response_etag", as: String?.self))
        }
        guard let earlier, let status = earlier.status else {
            throw RegistryError.conflict("A request with this Idempotency-Key is still being processed.")
        }
        if earlier.hash != requestHash { return .mismatch }
        return .replay(StoredResponse(status: status, body: earlier.body ?? "", entityTag: earlier.tag))
    }

    /// Stores the response of the request that owns `key`, in its transaction.
    func complete(user: UUID, key: String, response: StoredResponse) async throws {
        try await client.rows(
            """
            UPDATE idempotency_keys
            SET response_status = \(response.status), response_body = \(response.body), response_etag = \(response.entityTag)
            WHERE user_id = \(user) AND key = \(key)
            """, logger: logger)
    }
}
