import Foundation
import Hummingbird

/// Which methods each path of openapi.yaml takes, so a method a path does not have is told
/// 405 with `Allow` before anything else is judged (the router knows only whether a route matched).
struct AllowedMethods: Sendable {
    private var routes: [(segments: [Substring], methods: [String])] = []

    /// Reads the document's `paths`: each `  /path/{param}:` line and the methods under it.
    init(document: String, prefix: String = "/api/v1") {
        var current: Int?
        for line in document.split(separator: "\n") {
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                let path = prefix + line.dropFirst(2).dropLast()
                routes.append((path.split(separator: "/"), []))
                current = routes.count - 1
            } else if let index = current, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"),
                case let method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased(),
                ["GET", "PUT", "POST", "DELETE", "PATCH"].contains(method)
            {
                routes[index].methods.append(method)
            } else if !line.hasPrefix(" ") {
                current = nil
            }
        }
    }

    /// The methods of the path that `path` names, nil when no path matches it.
    func methods(for path: String) -> [String]? {
        let segments = path.split(separator: "/")
        let matches = routes.filter { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { template, segment in
                    template.hasPrefix("{") || template == segment
                }
        }
        guard !matches.isEmpty else { return nil }
        // A literal segment beats a parameter: /stats/ees/{dataset} over /stats/{topic}/...
        let best = matches.max { a, b in
            a.segments.filter { !$0.hasPrefix("{") }.count < b.segments.filter { !$0.hasPrefix("{") }.count
        }!
        return best.methods.contains("GET") ? best.methods + ["HEAD"] : best.methods
    }
}

/// A method the path does not take; mapped to 405 with `Allow`.
struct MethodNotAllowed: Error, Sendable {
    let allowed: [String]
}

/// Refuses a method the addressed path of openapi.yaml does not take.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowedMethods: AllowedMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        if let methods = allowedMethods.methods(for: request.uri.path), !methods.contains(request.method.rawValue) {
            throw MethodNotAllowed(allowed: methods)
        }
        return try await next(request, context)
    }
}
