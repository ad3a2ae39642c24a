import Testing

@testable import Registry

@Suite struct DatabaseURLTests {
    @Test func readsEveryPartOfAManagedDatabaseAddress() throws {
        let url = try DatabaseURL("postgresql://app%40prod:s3cr%3At@db.example.com:6432/registry?sslmode=require")
        #expect(url.username == "app@prod")
        #expect(url.password == "s3cr:t")
        #expect(url.host == "db.example.com")
        #expect(url.port == 6432)
        #expect(url.database == "registry")
        #expect(url.sslMode == .require)
        #expect(!url.isLocal)
        #expect(!url.description.contains("s3cr"))
    }

    @Test func defaultsPortAndDatabase() throws {
        let url = try DatabaseURL("postgres://registry@127.0.0.1")
        #expect(url.port == 5432)
        #expect(url.database == "registry")
        #expect(url.isLocal)
    }

    @Test(arguments: ["mysql://x@y/z", "not a url", "postgres://user@host/db?sslmode=sometimes", ""])
    func refusesWhatIsNotAPostgresAddress(_ text: String) {
        #expect(throws: ConfigurationError.self) { try DatabaseURL(text) }
    }
}
