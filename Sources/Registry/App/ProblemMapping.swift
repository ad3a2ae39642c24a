import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import PostgresNIO
import RegistryAPI

/// Classifies every error the application can throw.
enum ProblemMapping {
    static func problem(for error: any Error, requestID: String) -> ProblemDocument {
        switch error {
        case let error as ServerError:
            // Thrown before the handler ran, and not by our own middleware or the database: the
            // request itself could not be decoded.
            if error.operationInput == nil && !isOwn(error.underlyingError) {
                return malformedRequest(error)
            }
            return problem(for: error.underlyingError, requestID: requestID)
        case is DatabaseUnavailable:
            return unavailable
        case is ConcurrencyLimit.Full:
            return busy
        case is LiveDashboards.StillBuilding:
            return ProblemDocument(
                status: 503, title: "Service Unavailable",
                detail: "These dashboards are being built from every record their audience may read. Try again in a minute.",
                headers: [.retryAfter: "60"])
        case is CancellationError:
            // The request was stopped (its client went, or the server is stopping): whatever
            // it wrote was rolled back with its transaction.
            return unavailable
        case let error as MethodNotAllowed:
            return methodNotAllowed(allowed: error.allowed)
        case let error as PSQLError where isUnavailable(error):
            return unavailable
        case let error as RegistryError:
            return registry(error)
        case let error as DecodingError:
            return decoding(error)
        case let error as AuthenticationFailure:
            return authentication(error)
        case let error as any HTTPResponseError:
            return http(error.status)
        case let error as PSQLError where error.serverInfo?[.sqlState] == "23505":
            // A unique index caught a race the store's own check could not see.
            return ProblemDocument(status: 409, title: "Conflict", detail: "A record with the same unique value already exists.")
        case let error as PSQLError where error.serverInfo?[.sqlState] == "55P03":
            // lock_timeout: another request held the records this one needed for too long.
            return ProblemDocument(
                status: 409, title: "Conflict", detail: "Another request is changing the same records. Try again shortly.")
        default:
            return ProblemDocument(
                status: 500, title: "Internal Server Error",
                detail: "Something went wrong on our side. Quote request id \(requestID) when reporting it.")
        }
    }

    /// Errors of the registry's own making, or the database's, as opposed to the runtime's
    /// failures to decode a request.
    private static func isOwn(_ error: any Error) -> Bool {
        error is RegistryError || error is DatabaseUnavailable || error is PSQLError || error is CancellationError
            || error is AuthenticationFailure
    }

    /// The connection failed or closed (no server answer at all), or the server said it cannot
    /// serve now: shutting down, starting up, out of connections, or a statement timed out.
    private static func isUnavailable(_ error: PSQLError) -> Bool {
        let lost: [PSQLError.Code] = [
            .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
            .queryCancelled,
        ]
        if lost.contains(error.code) { return true }
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300" || state == "57014"
    }

    static func methodNotAllowed(allowed: [String]) -> ProblemDocument {
        ProblemDocument(
            status: 405, title: "Method Not Allowed",
            detail: "This address takes \(allowed.joined(separator: ", ")).",
            headers: [.allow: allowed.joined(separator: ", ")])
    }

    static let unavailable = ProblemDocument(
        status: 503, title: "Service Unavailable", detail: DatabaseUnavailable.detail,
        headers: [.retryAfter: String(DatabaseUnavailable.retryAfterSeconds)])

    static let busy = ProblemDocument(
        status: 503, title: "Service Unavailable",
        detail: "Many statistics are being worked out just now. Try again in a few seconds.",
        headers: [.retryAfter: String(DatabaseUnavailable.retryAfterSeconds)])

    static func registry(_ error: RegistryError) -> ProblemDocument {
        switch error {
        case .malformed(let issues):
            return ProblemDocument(status: 400, title: "Bad Request", detail: summary(issues), errors: issues)
        case .invalid(let issues):
            return ProblemDocument(
                status: 422, title: "Unprocessable Content", detail: summary(issues), errors: issues)
        case .notFound(let resource, let id):
            return ProblemDocument(
                status: 404, title: "Not Found", detail: "No \(resource) with id \(id).",
                errors: [FieldIssue(field: "\(resource.replacingOccurrences(of: " ", with: "_"))_id", message: "no \(resource) has this id")])
        case .conflict(let detail):
            return ProblemDocument(status: 409, title: "Conflict", detail: detail)
        case .signInRequired:
            return ProblemDocument(
                status: 401, title: "Unauthorized", detail: "Changing records needs a bearer token.",
                headers: [.wwwAuthenticate: #"Bearer realm="csc-registry""#])
        case .forbidden(let detail):
            return ProblemDocument(status: 403, title: "Forbidden", detail: detail)
        case .preconditionRequired:
            return ProblemDocument(
                status: 428, title: "Precondition Required",
                detail: "Send If-Match with the record's ETag, so a change made meanwhile is not overwritten.",
                errors: [FieldIssue(field: "If-Match", message: "is required")])
        case .stale(let current):
            return ProblemDocument(
                status: 412, title: "Precondition Failed",
                detail: "The record has changed since you read it; it is now version \(current). Read it again, then retry.",
                errors: [FieldIssue(field: "If-Match", message: "names an old version; the current one is \(EntityTag.of(version: current))")],
                headers: [.eTag: EntityTag.of(version: current)])
        }
    }

    private static func authentication(_ failure: AuthenticationFailure) -> ProblemDocument {
        switch failure {
        case .malformed:
            return ProblemDocument(
                status: 401, title: "Unauthorized", detail: "The Authorization header must be `Bearer <token>`.",
                errors: [FieldIssue(field: "Authorization", message: "must use the Bearer scheme")],
                headers: [.wwwAuthenticate: #"Bearer realm="csc-registry", error="invalid_request""#])
        case .invalidToken:
            return ProblemDocument(
                status: 401, title: "Unauthorized", detail: "The token is not valid: unknown, revoked or expired.",
                errors: [FieldIssue(field: "Authorization", message: "is not a valid token")],
                headers: [.wwwAuthenticate: #"Bearer realm="csc-registry", error="invalid_token""#])
        case .throttled(let seconds):
            return ProblemDocument(
                status: 429, title: "Too Many Requests",
                detail: "Too many failed sign-ins from this address; try again in \(seconds) seconds.",
                headers: [.retryAfter: String(seconds)])
        }
    }

    /// A request the generated code could not decode. A refused path or query value is named
    /// by `ParameterRule`; a body that does not decode by its coding path. What is left is a
    /// header or content type the operation does not take.
    private static func malformedRequest(_ error: ServerError) -> ProblemDocument {
        if let issue = ParameterRule.issue(in: error) {
            return ProblemDocument(status: 400, title: "Bad Request", detail: issue.description, errors: [issue])
        }
        if let failure = error.underlyingError as? DecodingError {
            return decoding(failure)
        }
        if let contentType = error.request.headerFields[.contentType], !contentType.lowercased().contains("json") {
            let issue = FieldIssue(field: "Content-Type", message: "must be application/json")
            return ProblemDocument(status: 415, title: "Unsupported Media Type", detail: issue.description, errors: [issue])
        }
        let issue = FieldIssue(field: "request", message: "could not be read: check its headers against openapi.yaml")
        return ProblemDocument(status: 400, title: "Bad Request", detail: issue.description, errors: [issue])
    }

    static func decoding(_ error: DecodingError) -> ProblemDocument {
        let issue: FieldIssue
        switch error {
        case .keyNotFound(let key, let context):
            issue = FieldIssue(field: path(context.codingPath + [key]), message: "is required")
        case .typeMismatch(let type, let context):
            issue = FieldIssue(field: path(context.codingPath), message: "must be \(describe(type))")
        case .valueNotFound(let type, let context):
            issue = FieldIssue(field: path(context.codingPath), message: "must be \(describe(type)), not null")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            issue = FieldIssue(field: "body", message: "is not valid JSON")
        case .dataCorrupted(let context):
            // Inside a well-formed body, the one value a string field refuses is a term its
            // closed list does not hold: bodies carry dates and money as strings checked later.
            issue = FieldIssue(field: path(context.codingPath), message: "is not one of the allowed values")
        @unknown default:
            issue = FieldIssue(field: "body", message: "could not be read")
        }
        return ProblemDocument(status: 400, title: "Bad Request", detail: issue.description, errors: [issue])
    }

    private static func http(_ status: HTTPResponse.Status) -> ProblemDocument {
        switch status.code {
        case 413:
            return ProblemDocument(
                status: 413, title: "Content Too Large", detail: "Request bodies are limited to 1 MiB.",
                errors: [FieldIssue(field: "body", message: "must be at most 1 MiB")])
        case 404:
            return ProblemDocument(status: 404, title: "Not Found", detail: "No such endpoint.")
        default:
            return ProblemDocument(status: Int(status.code), title: status.reasonPhrase)
        }
    }

    /// `measures[0].baseline` from a coding path; `body` when the document itself is wrong.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "body" : text
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Double.Type, is Float.Type: return "a number"
        case is [Any].Type: return "an array"
        default:
            // JSONDecoder names a keyed container it did not find `[String: Any]`.
            return "an object"
        }
    }

    private static func summary(_ issues: [FieldIssue]) -> String {
        issues.map(\.description).joined(separator: "; ")
    }
}
