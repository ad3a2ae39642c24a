import Foundation
import Logging

/// Whether this server should be sent traffic: its database answers and has every migration
/// this build knows. How the last build of the public dashboards went is reported beside it.
struct Readiness: Sendable {
    let store: RegistryStore
    let migrations: [Migration]
    let dashboards: DashboardPublisher

    struct Report: Sendable {
        var databaseAnswers: Bool
        /// Migrations this build has.
        var known = 0
        /// Migrations applied and pending; nil while the database does not answer.
        var applied: Int?
        var pending: Int?
        /// Why the applied migrations cannot be trusted, if they cannot.
        var problem: String?
        var lastBuild: (succeeded: Bool, at: Date)?
        var builtAt: Date?

        var migrationsCurrent: Bool { pending == 0 && problem == nil }
        var isReady: Bool { databaseAnswers && migrationsCurrent }
    }

    /// A probe gives up after a second or two: the database's answers are waited for no longer.
    static let deadline = Duration.milliseconds(700)

    func check() async -> Report {
        var report = Report(databaseAnswers: await store.ping(within: Self.deadline), known: migrations.count)
        if report.databaseAnswers {
            let runner = MigrationRunner(client: store.client, migrations: migrations, logger: store.logger)
            let outcome = await Deadline.answer(within: Self.deadline) { () -> Result<Int, any Error> in
                do { return .success(try await runner.pending().count) } catch { return .failure(error) }
            }
            switch outcome {
            case .success(let pending)?:
                report.pending = pending
                report.applied = migrations.count - pending
            case .failure(let error as MigrationRunner.Failure)?:
                report.problem = error.description
            case .failure, nil:
                report.databaseAnswers = false
            }
        }
        report.lastBuild = await dashboards.lastOutcome
        report.builtAt = await dashboards.latest?.builtAt
        return report
    }
}
