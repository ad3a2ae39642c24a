import Foundation
import Testing

@Suite struct PaginationTests {
    @Test func pagesNeitherRepeatNorSkipWhileRecordsAreInserted() async throws {
        try await TestRegistry.run { registry in
            var expected: [String] = []
            for index in 0..<7 {
                expected.append(try await registry.create("/api/v1/providers", #"{"name": "Provider \#(index)"}"#))
            }
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = cursor.map { "limit=3&cursor=\($0)" } ?? "limit=3"
                let page = try await registry.get("/api/v1/providers?\(query)")
                #expect(page.status == 200)
                seen += try page.items.compactMap { $0["id"] as? String }
                cursor = try page.json["next_cursor"] as? String
                pages += 1
                // Someone else registers a provider between every page the reader fetches.
                expected.append(try await registry.create("/api/v1/providers", #"{"name": "Late \#(pages)"}"#))
            } while cursor != nil && pages < 20
            #expect(Set(seen).count == seen.count, "no record appears twice")
            #expect(Array(expected.prefix(7)) == Array(seen.prefix(7)), "the first records come first, in order")
            #expect(seen == Array(expected.prefix(seen.count)), "records inserted meanwhile join at the end")
        }
    }

    @Test func lastPageHasNoCursor() async throws {
        try await TestRegistry.run { registry in
            for index in 0..<2 { _ = try await registry.create("/api/v1/providers", #"{"name": "P\#(index)"}"#) }
            let first = try await registry.get("/api/v1/providers?limit=2")
            #expect(try first.items.count == 2)
            #expect(try first.json["next_cursor"] == nil)
            let single = try await registry.get("/api/v1/providers?limit=1")
            let cursor = try #require(try single.json["next_cursor"] as? String)
            let second = try await registry.get("/api/v1/providers?limit=1&cursor=\(cursor)")
            #expect(try second.items.count == 1)
            #expect(try second.json["next_cursor"] == nil)
        }
    }
}
