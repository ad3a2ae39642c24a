import Hummingbird
import NIOCore

/// The request context: Hummingbird's basics plus the peer's address, which throttling needs,
/// its connection, which says whether the client still waits, and what inner layers learnt of
/// it for the log.
struct RegistryRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    let channel: any Channel
    let observation = RequestObservation()

    init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        channel = source.channel
    }
}
