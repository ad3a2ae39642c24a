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
/// an unexpected failure is a bare 500 naming the request id that the log line carries too.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let problem = ProblemMapping.problem(for: error, requestID: context.id)
            if problem.status >= 500 {
                context.logger.error(
                    "Request failed", metadata: ["error": "\(Self.loggable(error))", "path": "\(request.uri.path)"])
            }
            return problem.response(instance: request.uri.path)
        }
    }
}

extension ProblemMiddleware {
    /// What the log may hold of a failure: the generated layer's errors describe the whole
    /// request, bearer token included, so only their operation and cause are kept.
    static func loggable(_ error: any Error) -> String {
        if let error = error as? ServerError {
            return "\(error.operationID): \(String(reflecting: error.underlyingError))"
        }
        return String(reflecting: error)
    }
}
