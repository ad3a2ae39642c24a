import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore

@testable import Registry

/// The development OpenID provider `make test` starts (oidc-provider-mock from PyPI), which the
/// sign-in tests use as a real, independent peer; `TEST_OIDC_ISSUER` says where it is.
enum TestOpenIDProvider {
    static let providerID = "dev"

    static var issuer: URL {
        get throws {
            guard let text = ProcessInfo.processInfo.environment["TEST_OIDC_ISSUER"], let url = URL(string: text) else {
                throw ConfigurationError("TEST_OIDC_ISSUER is not set; run the tests with `make test`, which starts the provider.")
            }
            return url
        }
    }

    static var provider: OpenIDProvider {
        get throws {
            var provider = OpenIDProvider(
                id: providerID, displayName: "the development provider", issuer: try issuer, clientID: "csc-registry-test",
                clientSecret: "test-secret")
            provider.isDevelopment = true
            return provider
        }
    }

    /// An HTTP client that does not follow redirects, as the tests follow each step themselves.
    static let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    /// Gives the provider a person to sign in as, with these claims (`PUT /users/{sub}`).
    static func addAccount(_ subject: String, email: String?, verified: Bool = true, name: String = "Test person") async throws {
        var claims: [String: Any] = ["name": name]
        if let email {
            claims["email"] = email
            claims["email_verified"] = verified
        }
        var request = HTTPClientRequest(url: try issuer.appendingPathComponent("users").appendingPathComponent(subject).absoluteString)
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: claims)))
        let response = try await http.execute(request, timeout: .seconds(10))
        guard response.status == .noContent else { throw ConfigurationError("The provider refused the account: \(response.status)") }
    }

    /// Signs `subject` in at the provider's authorization page, as a person would by choosing
    /// them; returns where the provider sends the browser back to.
    static func approve(_ authorizationURL: String, as subject: String) async throws -> URL {
        var request = HTTPClientRequest(url: authorizationURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode([("sub", subject)])))
        let response = try await http.execute(request, timeout: .seconds(10))
        guard (300..<400).contains(response.status.code), let location = response.headers.first(name: "Location"),
            let url = URL(string: location)
        else { throw ConfigurationError("The provider did not redirect back: \(response.status)") }
        return url
    }
}
