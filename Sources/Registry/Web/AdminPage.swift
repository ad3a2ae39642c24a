import Foundation
import Hummingbird

/// The administrators' pages' guard: the body runs for a signed-in administrator; anyone else
/// signed in is told administrators do this, and anyone signed out is sent to sign in.
enum AdminPage {
    static func run(
        returnTo: String, pages: PageRenderer, _ body: (_ caller: Caller) async throws -> Response
    ) async throws -> Response {
        try await SignedInPage.run(returnTo: returnTo) { caller, _ in
            guard caller.role == .admin else {
                return pages.notForYourRole(
                    "Only administrators manage the registry", "People, networks and tokens are managed by the registry's administrators.")
            }
            return try await body(caller)
        }
    }
}
