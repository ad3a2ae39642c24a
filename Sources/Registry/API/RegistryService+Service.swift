import Foundation
import RegistryAPI

extension RegistryService {
    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        // Thrown, so the problem names the request like every other (`ProblemMiddleware`).
        guard await store.ping(within: Self.healthDeadline) else { throw DatabaseUnavailable() }
        return .ok(.init(body: .json(.init(status: .ok, database: .ok))))
    }

    /// A load balancer's probe gives up after a second or two: it is answered before that.
    static let healthDeadline = Duration.milliseconds(700)

    func getReadiness(_ input: Operations.GetReadiness.Input) async throws -> Operations.GetReadiness.Output {
        let report = await readiness.check()
        let body = Self.readiness(report, now: Date())
        guard report.isReady else {
            return .serviceUnavailable(.init(headers: .init(retryAfter: DatabaseUnavailable.retryAfterSeconds), body: .json(body)))
        }
        return .ok(.init(body: .json(body)))
    }

    static func readiness(_ report: Readiness.Report, now: Date) -> Components.Schemas.Readiness {
        let lastBuild: Components.Schemas.Readiness.DashboardsPayload.LastBuildPayload =
            switch report.lastBuild?.succeeded {
            case true?: .succeeded
            case false?: .failed
            case nil: .noneYet
            }
        return .init(
            status: report.isReady ? .ready : .notReady,
            database: report.databaseAnswers ? .ok : .unavailable,
            migrations: .init(
                current: report.migrationsCurrent, known: report.known,
                applied: report.applied, pending: report.pending, problem: report.problem),
            dashboards: .init(
                lastBuild: lastBuild, lastBuildAt: report.lastBuild?.at, builtAt: report.builtAt,
                ageSeconds: report.builtAt.map { max(0, Int(now.timeIntervalSince($0))) }))
    }
}
