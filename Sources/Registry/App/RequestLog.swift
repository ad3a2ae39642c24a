import Foundation
import Logging

/// Writes one line per answered request: at error level, with its cause, when the server
/// failed it (5xx); at info otherwise, since a refused request is the client's to mend.
struct RequestLog: Sendable {
    let logger: Logger

    func write(_ request: FinishedRequest) {
        guard request.status >= 500 || logger.logLevel <= .info else { return }
        var metadata: Logger.Metadata = [
            "request_id": "\(request.id)",
            "route": "\(request.route)",
            "method": "\(request.method)",
            "status": "\(request.status)",
            "duration_ms": "\(Self.milliseconds(request.duration))",
        ]
        if let caller = request.observed.caller {
            metadata["role"] = "\(caller.role.rawValue)"
            if let person = caller.userID { metadata["person_id"] = "\(person.uuidString.lowercased())" }
        }
        if let credential = request.observed.credential { metadata["credential"] = "\(credential)" }
        let message: Logger.Message = "\(request.method) \(request.route) \(request.status)"
        if request.status >= 500 {
            metadata["cause"] = "\(request.observed.failure ?? "none recorded")"
            logger.error(message, metadata: metadata)
        } else {
            logger.info(message, metadata: metadata)
        }
    }

    /// Milliseconds to a hundredth.
    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return (Double(seconds) * 100_000 + Double(attoseconds / 10_000_000_000_000)).rounded() / 100
    }
}
