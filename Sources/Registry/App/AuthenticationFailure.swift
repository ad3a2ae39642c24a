import Foundation
import HTTPTypes
import Hummingbird

/// Why a request's credentials were refused; mapped to 401 or 429 by `ProblemMapping`.
enum AuthenticationFailure: Error, Equatable {
    case malformed
    case invalidToken
    case throttled(retryAfter: Int)
}
