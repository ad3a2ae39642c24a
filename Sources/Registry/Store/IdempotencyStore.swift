import Foundation
import Logging
import PostgresNIO

/// Idempotency keys: the first request with a key claims it, later ones replay its response.
struct IdempotencyStore: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// How long a key is remembered.
    static let retention = "24 hours"
    /// How long a claim may go unanswered before a retry may take it over (its request died).
    static let abandonedAfter = "60 seconds"

    struct StoredResponse: Sendable, Equatable {
        var status: Int
        var body: String
        var entityTag: String?
    }

    enum Claim: Sendable, Equatable {
        /// This request is the first: run it, then `complete` or `release` the key.
        case owned
        /// An earlier request with the same key and body finished with this response.
        case replay(StoredResponse)
        /// The key was used with a different request.
        case mismatch
        /// The first request is still running.
        case inProgress
    }

    func claim(user: UUID, key: String, requestHash: String) async throws -> Claim {
        try await client.transaction(logger: logger) { connection in
            try await connection.query(
                """
                DELETE FROM idempotency_keys
                WHERE user_id = \(user) AND key = \(key) AND created_at < now() - \(Self.retention)::interval
                """, logger: logger)
            let inserted = try await connection.query(
                """
                INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES (\(user), \(key), \(requestHash))
                ON CONFLICT DO NOTHING RETURNING 1 AS claimed
                """, logger: logger
            ).first { _ in true }
            if inserted != nil { return .owned }
            guard
                let row = try await connection.query(
                    """
                    SELECT request_hash, response_status, response_body, response_etag,
                           created_at < now() - \(Self.abandonedAfter)::interval AS abandoned
                    FROM idempotency_keys WHERE user_id = \(user) AND key = \(key) FOR UPDATE
                    """, logger: logger
                ).first({
                    (hash: try $0.get("request_hash", as: String.self), status: try $0.get("response_status", as: Int?.self),
                     body: try $0.get("response_body", as: String?.self), tag: try $0.get("response_etag", as: String?.self),
                     abandoned: try $0.get("abandoned", as: Bool.self))
                })
            else { return .inProgress }
            if row.hash != requestHash { return .mismatch }
            if let status = row.status { return .replay(StoredResponse(status: status, body: row.body ?? "", entityTag: row.tag)) }
            if row.abandoned {
                try await connection.query(
                    "UPDATE idempotency_keys SET created_at = now() WHERE user_id = \(user) AND key = \(key)", logger: logger)
                return .owned
            }
            return .inProgress
        }
    }

    func complete(user: UUID, key: String, response: StoredResponse) async throws {
        try await client.rows(
            """
            UPDATE idempotency_keys
            SET response_status = \(response.status), response_body = \(response.body), response_etag = \(response.entityTag)
            WHERE user_id = \(user) AND key = \(key)
            """, logger: logger)
    }

    /// Frees a key whose request failed, so a corrected retry may use it.
    func release(user: UUID, key: String) async throws {
        try await client.rows(
            "DELETE FROM idempotency_keys WHERE user_id = \(user) AND key = \(key) AND response_status IS NULL",
            logger: logger)
    }
}
