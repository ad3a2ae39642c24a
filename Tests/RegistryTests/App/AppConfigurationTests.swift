import Foundation
import Testing

@testable import Registry

@Suite struct AppConfigurationTests {
    static func environment(_ extra: [String: String]) -> [String: String] {
        ["DATABASE_URL": "postgres://registry@127.0.0.1:5432/registry", "CSC_REGISTRY_HOME": "/srv/csc-registry"]
            .merging(extra) { $1 }
    }

    @Test func databaseConnectionsComeFromTheEnvironmentOrThreePerProcessor() throws {
        let standard = try AppConfiguration.fromEnvironment(Self.environment([:]))
        #expect(standard.maximumDatabaseConnections == max(4, 3 * ProcessInfo.processInfo.activeProcessorCount))
        let chosen = try AppConfiguration.fromEnvironment(Self.environment(["DATABASE_CONNECTIONS": "12"]))
        #expect(chosen.maximumDatabaseConnections == 12)
    }

    @Test(arguments: ["0", "-3", "many", "501", ""])
    func refusesConnectionCountsThatCannotWork(_ text: String) {
        #expect {
            try AppConfiguration.fromEnvironment(Self.environment(["DATABASE_CONNECTIONS": text]))
        } throws: { error in
            "\(error)".contains("DATABASE_CONNECTIONS must be a number from 1 to 500")
        }
    }
}
