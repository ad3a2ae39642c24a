import Foundation
import Hummingbird

/// The signed-in pages' guard: the body runs for the person whose session came with the
/// request; anyone else is sent to sign in, and back to `returnTo` after.
enum SignedInPage {
    static func run(returnTo: String, _ body: (_ caller: Caller, _ person: UUID) async throws -> Response) async throws -> Response {
        guard BrowserSession.ofThisRequest != nil, let person = Caller.ofThisRequest.userID else {
            return PageRenderer.redirect(to: "/sign-in?return_to=\(returnTo)")
        }
        return try await body(Caller.ofThisRequest, person)
    }
}
