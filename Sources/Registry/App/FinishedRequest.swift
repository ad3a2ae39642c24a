import Foundation
import HTTPTypes

/// One answered request, as operators see it: never its path with ids, its query or its body.
struct FinishedRequest: Sendable {
    let id: String
    /// The route template that answered (`/api/v1/pilots/{pilot_id}`), or what kind of address
    /// it was when no route did.
    let route: String
    let method: String
    let status: Int
    let duration: Duration
    let observed: RequestObservation.Facts

    /// The method as a label: one of HTTP's own, so a client cannot invent label values.
    static func method(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .patch, .delete, .options: method.rawValue
        default: "other"
        }
    }

    /// Hummingbird's name for what answered, as a label. Files under /dashboards/ are one route.
    static func route(_ endpoint: String?) -> String {
        switch endpoint {
        case nil, "NotFound"?: "unmatched"
        case "FileMiddleware"?: "/dashboards/{file}"
        case let template?: template
        }
    }
}
