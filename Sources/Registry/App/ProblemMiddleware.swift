import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import PostgresNIO
import RegistryAPI

/// The one place where failures become RFC 9457 `application/problem+json` responses.
///
/// Handlers, the generated request decoding, the store and the router all throw; this
/// middleware decides what the caller is told. SQL and stack details never leave the server:
/// an unexpected failure is a bare 500 naming the request id, and its cause goes to the
/// request's one log line (`RequestReportingMiddleware`).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let problem = ProblemMapping.problem(for: error, requestID: context.id)
            if problem.status >= 500 { context.observation.failed(because: Self.loggable(error)) }
            return problem.response(instance: request.uri.path, requestID: context.id)
        }
    }
}

extension ProblemMiddleware {
    /// What the log may hold of a failure: the generated layer's errors describe the whole
    /// request, bearer token included, so only their operation and cause are kept; a database
    /// error's full description holds the statement's values, which come from request bodies,
    /// so only its code, SQLSTATE and PostgreSQL's message are kept.
    static func loggable(_ error: any Error) -> String {
        switch error {
        case let error as ServerError:
            return "\(error.operationID): \(loggable(error.underlyingError))"
        case let error as PSQLError:
            let state = error.serverInfo?[.sqlState].map { " SQLSTATE \($0)" } ?? ""
            let message = error.serverInfo?[.message].map { ": \($0)" } ?? ""
            return "PSQLError \(error.code)\(state)\(message)"
        default:
            return String(reflecting: error)
        }
    }
}
