import Hummingbird
import NIOCore

/// The request context: Hummingbird's basics plus the peer's address, which throttling needs,
/// and its connection, which says whether the client still waits.
struct RegistryRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    let channel: any Channel

    init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
    }
}
