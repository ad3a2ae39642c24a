import Hummingbird
import NIOCore

/// Tells the work below whether the client still waits (`RequestPresence`): queued work whose
/// client hung up is passed over instead of run for nobody.
struct ClientPresenceMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext
    let connections: ClientConnections

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let channel = context.channel
        let presence = RequestPresence { [connections] in !connections.isHungUp(channel) }
        return try await RequestPresence.$current.withValue(presence) {
            try await next(request, context)
        }
    }
}
