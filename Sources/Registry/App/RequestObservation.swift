import Foundation
import Synchronization

/// What inner layers learn about a request that the outer ones report: who asked, and why it
/// failed. Held by reference, because the request context is copied on its way in.
final class RequestObservation: Sendable {
    struct Facts: Sendable {
        var caller: Caller?
        /// How the caller signed the request: "token", "session", or nil for nobody.
        var credential: String?
        /// A 5xx's cause, as the log may hold it.
        var failure: String?
    }

    private let facts = Mutex(Facts())

    var current: Facts { facts.withLock { $0 } }

    func signed(by caller: Caller, with credential: String?) {
        facts.withLock {
            $0.caller = caller
            $0.credential = credential
        }
    }

    func failed(because cause: String) {
        facts.withLock { $0.failure = cause }
    }
}
