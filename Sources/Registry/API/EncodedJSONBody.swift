import NIOCore
import Synchronization

/// An answer a handler already holds as JSON text, sent in place of the generated type's
/// encoding of the same value by `EncodedJSONMiddleware`, which binds one per request. The
/// generated handlers return typed values only, and for a page of pilots encoding them cost
/// more than everything else the request did.
final class EncodedJSONBody: Sendable {
    @TaskLocal static var current: EncodedJSONBody?

    private let json = Mutex<ByteBuffer?>(nil)

    /// Sets the answer's body; the handler still returns the typed value this text stands for.
    func set(_ text: ByteBuffer) {
        json.withLock { $0 = text }
    }

    var text: ByteBuffer? { json.withLock { $0 } }
}
