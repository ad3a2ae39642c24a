import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing

@testable import Registry

/// A request learns that its client hung up, over a real socket: the server keeps half-closed
/// connections open, so only the watcher in the pipeline can tell.
@Suite struct ClientConnectionsTests {
    @Test(arguments: [true, false])
    func aRequestLearnsWhetherItsClientStillWaits(_ hangUp: Bool) async throws {
        let connections = ClientConnections()
        let (events, event) = AsyncStream.makeStream(of: String.self)
        let router = Router(context: RegistryRequestContext.self)
        router.middlewares.add(ClientPresenceMiddleware(connections: connections))
        router.get("/wait") { _, _ -> String in
            event.yield("started")
            // Long enough for a hang-up to arrive; short enough that a waiting client gets its answer.
            for _ in 0..<100 {
                if !RequestPresence.isWanted {
                    event.yield("abandoned")
                    return "nobody reads this"
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            event.yield("still wanted")
            return "answered"
        }
        let app = Application(
            router: router, server: .http1(configuration: .init(additionalChannelHandlers: [connections.watcher()])),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let socket = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: try #require(client.port)).get()
            try await socket.writeAndFlush(ByteBuffer(string: "GET /wait HTTP/1.1\r\nHost: localhost\r\n\r\n"))
            var seen = events.makeAsyncIterator()
            #expect(await seen.next() == "started")
            if hangUp { try await socket.close() }
            #expect(await seen.next() == (hangUp ? "abandoned" : "still wanted"))
            if !hangUp { try await socket.close() }
        }
    }
}
