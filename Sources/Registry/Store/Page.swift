import Foundation

/// Keyset pagination over a table's `seq` column: a page is "the next `limit` rows after this
/// seq", so rows inserted meanwhile land after the caller's position and never shift a page.
struct PageRequest: Sendable, Equatable {
    static let defaultLimit = 50
    static let maximumLimit = 200

    var afterSeq: Int64
    var limit: Int

    init(afterSeq: Int64 = 0, limit: Int = PageRequest.defaultLimit) {
        self.afterSeq = afterSeq
        self.limit = limit
    }

    /// Reads the `cursor` and `limit` query parameters, refusing what no page of ours could hold.
    init(cursor: String?, limit: Int?) throws {
        var issues: [FieldIssue] = []
        let limit = limit ?? Self.defaultLimit
        if !(1...Self.maximumLimit).contains(limit) {
            issues.append(.init(field: "limit", message: "must be between 1 and \(Self.maximumLimit)"))
        }
        var after: Int64 = 0
        if let cursor {
            if let seq = Self.decode(cursor) {
                after = seq
            } else {
                issues.append(.init(field: "cursor", message: "is not a cursor this API issued"))
            }
        }
        if !issues.isEmpty { throw RegistryError.malformed(issues) }
        self.init(afterSeq: after, limit: limit)
    }

    /// The position after which the next page starts, as digits, so that any value the
    /// contract's pattern allows is a cursor that works.
    static func encode(_ seq: Int64) -> String {
        String(seq)
    }

    /// Digits; or the base64 form of `s<digits>` that earlier releases issued, so a client
    /// paging across an upgrade carries on.
    static func decode(_ cursor: String) -> Int64? {
        if cursor.allSatisfy(\.isASCII), cursor.allSatisfy(\.isNumber), let seq = Int64(cursor), seq >= 0 { return seq }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            text.first == "s", let seq = Int64(text.dropFirst()), seq > 0
        else { return nil }
        return seq
    }
}

/// One page of records and the cursor for the next, if there is one.
struct Page<Item: Sendable>: Sendable {
    var items: [Item]
    var nextCursor: String?

    /// Builds a page from up to `limit + 1` fetched rows: the extra row only proves there is more.
    init(rows: [(seq: Int64, item: Item)], limit: Int) {
        let shown = rows.prefix(limit)
        items = shown.map(\.item)
        nextCursor = rows.count > limit ? shown.last.map { PageRequest.encode($0.seq) } : nil
    }
}

extension Page {
    /// Every item, fetching page after page: for exports that need the whole list.
    static func all(_ fetch: (PageRequest) async throws -> Page<Item>) async throws -> [Item] {
        var items: [Item] = []
        var request = PageRequest(limit: PageRequest.maximumLimit)
        while true {
            let page = try await fetch(request)
            items += page.items
            guard let cursor = page.nextCursor, let seq = PageRequest.decode(cursor) else { return items }
            request = PageRequest(afterSeq: seq, limit: PageRequest.maximumLimit)
        }
    }
}
