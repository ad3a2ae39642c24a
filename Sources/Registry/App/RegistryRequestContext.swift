import Hummingbird
import NIOCore

/// The request context: Hummingbird's basics plus the peer's address, which throttling needs.
struct RegistryRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
