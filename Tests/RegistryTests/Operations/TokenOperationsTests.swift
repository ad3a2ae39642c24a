import Foundation
import Testing

@testable import Registry

/// `csc-registry token create`, as the README shows it.
@Suite struct TokenOperationsTests {
    @Test func anAnalystTokenMadeAsTheReadmeShowsExpiresInAYear() async throws {
        try await ExportOperationsTests.withDatabase { database, _ in
            let logger = TestDatabases.shared.logger
            _ = try await RegistryOperations.createToken(
                database: database, name: "DfE analysis", role: "national_analyst", authority: nil, networks: [], label: nil,
                expiresInDays: nil, logger: logger)
            let listed = try await RegistryOperations.listTokens(database: database, logger: logger)
            let stamp = try #require(listed.split(separator: " ").last.map(String.init))
            let expiry = try #require(ISO8601DateFormatter().date(from: stamp), "\(listed)")
            #expect(abs(expiry.timeIntervalSinceNow - 365 * 86_400) < 3_600)

            await #expect(throws: ConfigurationError.self) {
                try await RegistryOperations.createToken(
                    database: database, name: "Forever", role: "admin", authority: nil, networks: [], label: nil,
                    expiresInDays: 5_000, logger: logger)
            }
        }
    }
}
