import NIOCore
import Synchronization

/// The connections whose clients have stopped sending: closed, or closed for writing, which is
/// how a client that gives up ends. The server allows half-closed connections, so such a
/// channel stays active until the server writes; this is how a request learns it was abandoned.
final class ClientConnections: Sendable {
    private let hungUp = Mutex<Set<ObjectIdentifier>>([])

    func isHungUp(_ channel: any Channel) -> Bool {
        hungUp.withLock { $0.contains(ObjectIdentifier(channel)) }
    }

    /// A handler for each new connection's pipeline, after the HTTP decoder.
    func watcher() -> any RemovableChannelHandler { Watcher(connections: self) }

    private final class Watcher: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = NIOAny
        let connections: ClientConnections

        init(connections: ClientConnections) {
            self.connections = connections
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if let event = event as? ChannelEvent, event == .inputClosed {
                let id = ObjectIdentifier(context.channel)
                connections.hungUp.withLock { _ = $0.insert(id) }
            }
            context.fireUserInboundEventTriggered(event)
        }

        func channelInactive(context: ChannelHandlerContext) {
            let id = ObjectIdentifier(context.channel)
            connections.hungUp.withLock { _ = $0.remove(id) }
            context.fireChannelInactive()
        }
    }
}
