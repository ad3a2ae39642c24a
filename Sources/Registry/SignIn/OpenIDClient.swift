import AsyncHTTPClient
import Foundation
import JWTKit
import NIOCore
import NIOHTTP1

/// Talks to one provider: its discovery document and keys (cached; the keys fetched again when
/// a token names one not yet seen), the address that starts a sign-in, and the code exchange.
actor OpenIDClient {
    let provider: OpenIDProvider
    private let http: HTTPClient
    private var metadata: (document: OpenIDMetadata, fetchedAt: Date)?
    private var keys: [String: JWK] = [:]
    private var keysFetchedAt: Date?
    /// How many times the keys were fetched: a new `kid` costs one fetch, not one per token.
    private(set) var keyFetches = 0

    /// Discovery documents change rarely; an hour keeps a moved endpoint from lasting long.
    static let metadataLifetime: TimeInterval = 3600
    /// A token naming an unknown key fetches the keys again, at most this often, so tokens with
    /// made-up `kid`s cannot make the server hammer the provider.
    static let keyRefetchInterval: TimeInterval = 5
    static let timeout: TimeAmount = .seconds(10)
    static let largestAnswer = 1024 * 1024

    init(provider: OpenIDProvider, http: HTTPClient = .shared) {
        self.provider = provider
        self.http = http
    }

    func discover() async throws -> OpenIDMetadata {
        if let metadata, metadata.fetchedAt.timeIntervalSinceNow > -Self.metadataLifetime { return metadata.document }
        let address = provider.issuer.absoluteString.trimmingSuffix("/") + "/.well-known/openid-configuration"
        let document = try decode(OpenIDMetadata.self, from: try await fetch(HTTPClientRequest(url: address)), what: "discovery document")
        // The issuer a provider states must be the one configured (Discovery §4.3), except for
        // Microsoft's multi-tenant template, whose tenant each token fills in.
        guard document.issuer.contains("{tenantid}")
            || document.issuer.trimmingSuffix("/") == provider.issuer.absoluteString.trimmingSuffix("/")
        else {
            throw SignInFailure.providerUnavailable("its discovery document names issuer \(document.issuer)")
        }
        metadata = (document, Date())
        return document
    }

    /// Where the browser goes to sign in.
    func authorizationURL(redirectURI: URL, state: String, nonce: String, pkce: PKCE) async throws -> URL {
        var components = URLComponents(url: try await discover().authorizationEndpoint, resolvingAgainstBaseURL: false)!
        components.queryItems = (components.queryItems ?? []) + [
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "client_id", value: provider.clientID),
            URLQueryItem(name: "redirect_uri", value: redirectURI.absoluteString),
            URLQueryItem(name: "scope", value: "openid email profile"),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "nonce", value: nonce),
            URLQueryItem(name: "code_challenge", value: pkce.challenge),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        return components.url!
    }

    /// Exchanges the authorization code for tokens and returns the checked ID token's claims.
    func signIn(code: String, pkce: PKCE, nonce: String, redirectURI: URL, now: Date = Date()) async throws -> IDTokenClaims {
        let metadata = try await discover()
        var form = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI.absoluteString),
            ("code_verifier", pkce.verifier),
        ]
        var request = HTTPClientRequest(url: metadata.tokenEndpoint.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        if metadata.sendsSecretInForm {
            form += [("client_id", provider.clientID), ("client_secret", provider.clientSecret)]
        } else {
            // RFC 6749 §2.3.1: each part form-encoded before the Basic encoding.
            let credentials = "\(FormEncoding.encode(provider.clientID)):\(FormEncoding.encode(provider.clientSecret))"
            request.headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
        }
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(form)))
        struct TokenAnswer: Decodable {
            var idToken: String?
            var error: String?
            var errorDescription: String?
            enum CodingKeys: String, CodingKey {
                case idToken = "id_token", error, errorDescription = "error_description"
            }
        }
        let answer = try decode(TokenAnswer.self, from: try await fetch(request, acceptingErrors: true), what: "token answer")
        if let error = answer.error {
            throw SignInFailure.providerRefused("the code exchange: \(error)\(answer.errorDescription.map { " (\($0))" } ?? "")")
        }
        guard let idToken = answer.idToken else { throw SignInFailure.providerUnavailable("its token answer has no id_token") }
        let verifier = IDTokenVerifier(provider: provider, metadata: metadata)
        return try await verifier.verify(idToken, nonce: nonce, now: now) { kid in try await self.key(kid) }
    }

    /// The provider's key named `kid`, fetching the key set again once if it is not known yet.
    /// A token naming no key may use the provider's only key.
    func key(_ kid: String?) async throws -> JWK? {
        if keysFetchedAt == nil { try await fetchKeys() }
        if let found = lookUp(kid) { return found }
        guard let last = keysFetchedAt, last.timeIntervalSinceNow < -Self.keyRefetchInterval else { return nil }
        try await fetchKeys()
        return lookUp(kid)
    }

    private func lookUp(_ kid: String?) -> JWK? {
        guard let kid else { return keys.count == 1 ? keys.values.first : nil }
        return keys[kid]
    }

    private func fetchKeys() async throws {
        let jwks = try decode(JWKS.self, from: try await fetch(HTTPClientRequest(url: try await discover().jwksURI.absoluteString)), what: "key set")
        keyFetches += 1
        keysFetchedAt = Date()
        keys = Dictionary(jwks.keys.compactMap { key in key.keyIdentifier.map { ($0.string, key) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Forgets the fetch time, so the next unknown `kid` fetches at once (for tests).
    func allowKeyRefetch() { keysFetchedAt = keysFetchedAt.map { _ in .distantPast } }

    private func fetch(_ request: HTTPClientRequest, acceptingErrors: Bool = false) async throws -> ByteBuffer {
        do {
            let response = try await http.execute(request, timeout: Self.timeout)
            let body = try await response.body.collect(upTo: Self.largestAnswer)
            // The token endpoint reports refusals as 400 with an OAuth error body.
            guard response.status == .ok || (acceptingErrors && response.status == .badRequest) else {
                throw SignInFailure.providerUnavailable("\(request.url) answered \(response.status.code)")
            }
            return body
        } catch let failure as SignInFailure {
            throw failure
        } catch {
            throw SignInFailure.providerUnavailable("\(request.url): \(error)")
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body.readableBytesView))
        } catch {
            throw SignInFailure.providerUnavailable("its \(what) could not be read")
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
