import Foundation
import Testing

@testable import Registry

/// Whom a provider may sign in, and which addresses an invitation may be matched by.
@Suite struct ProviderLimitTests {
    static func claims(email: String?, verified: Bool?, tenant: String? = nil) throws -> IDTokenClaims {
        var json: [String: Any] = ["iss": "https://login.example", "sub": "s", "aud": "c", "exp": 2_000_000_000, "iat": 1_900_000_000]
        json["email"] = email
        json["email_verified"] = verified
        json["tid"] = tenant
        return try JSONDecoder().decode(IDTokenClaims.self, from: JSONSerialization.data(withJSONObject: json))
    }

    static var provider: OpenIDProvider {
        OpenIDProvider(id: "entra", displayName: "Entra", issuer: URL(string: "https://login.example")!, clientID: "c", clientSecret: "s")
    }

    @Test func onlyAVerifiedAddressMatchesAnInvitation() throws {
        #expect(try SignInService.allowedEmail(Self.claims(email: "Jo@Council.example", verified: true), provider: Self.provider) == "jo@council.example")
        #expect(try SignInService.allowedEmail(Self.claims(email: "jo@council.example", verified: false), provider: Self.provider) == nil)
        #expect(try SignInService.allowedEmail(Self.claims(email: "jo@council.example", verified: nil), provider: Self.provider) == nil)
        var trusting = Self.provider
        trusting.trustsEmail = true
        #expect(try SignInService.allowedEmail(Self.claims(email: "jo@council.example", verified: nil), provider: trusting) == "jo@council.example")
        #expect(try SignInService.allowedEmail(Self.claims(email: "jo@council.example", verified: false), provider: trusting) == nil)
    }

    @Test func aProviderLimitedToTenantsOrDomainsRefusesEveryoneElse() throws {
        var provider = Self.provider
        provider.tenants = ["9188040d-6c67-4c5b-b112-36a304b66dad"]
        provider.trustsEmail = true
        let ours = try Self.claims(email: "jo@hartlepool.example", verified: nil, tenant: "9188040D-6C67-4C5B-B112-36A304B66DAD")
        #expect(try SignInService.allowedEmail(ours, provider: provider) == "jo@hartlepool.example")
        #expect(throws: SignInFailure.self) {
            try SignInService.allowedEmail(Self.claims(email: "jo@hartlepool.example", verified: nil, tenant: "another"), provider: provider)
        }
        #expect(throws: SignInFailure.self) {
            try SignInService.allowedEmail(Self.claims(email: "jo@hartlepool.example", verified: nil), provider: provider)
        }
        var domains = Self.provider
        domains.emailDomains = ["hartlepool.example"]
        #expect(try SignInService.allowedEmail(Self.claims(email: "jo@hartlepool.example", verified: true), provider: domains) != nil)
        #expect(throws: SignInFailure.self) {
            try SignInService.allowedEmail(Self.claims(email: "jo@hartlepool.example.attacker.example", verified: true), provider: domains)
        }
        #expect(throws: SignInFailure.self) {
            try SignInService.allowedEmail(Self.claims(email: "jo@hartlepool.example", verified: false), provider: domains)
        }
    }

    @Test func providersComeFromTheEnvironmentWithClearErrors() throws {
        let environment = [
            "OIDC_PROVIDERS": "entra, dfe-sign-in", "OIDC_ENTRA_ISSUER": "https://login.microsoftonline.com/organizations/v2.0",
            "OIDC_ENTRA_CLIENT_ID": "id", "OIDC_ENTRA_CLIENT_SECRET": "secret", "OIDC_ENTRA_TENANTS": "T1, t2",
            "OIDC_ENTRA_TRUSTS_EMAIL": "true", "OIDC_DFE_SIGN_IN_ISSUER": "https://signin.example", "OIDC_DFE_SIGN_IN_CLIENT_ID": "x",
            "OIDC_DFE_SIGN_IN_CLIENT_SECRET": "y", "OIDC_DFE_SIGN_IN_NAME": "DfE Sign-in",
        ]
        let providers = try OpenIDProvider.fromEnvironment(environment)
        #expect(providers.map(\.id) == ["entra", "dfe-sign-in"])
        #expect(providers[0].tenants == ["t1", "t2"] && providers[0].trustsEmail && providers[1].displayName == "DfE Sign-in")
        #expect(
            providers[0].redirectURI(publicURL: URL(string: "https://registry.example.gov.uk")!).absoluteString
                == "https://registry.example.gov.uk/sign-in/entra/callback")
        var missing = environment
        missing["OIDC_ENTRA_CLIENT_SECRET"] = nil
        #expect(throws: ConfigurationError.self) { try OpenIDProvider.fromEnvironment(missing) }
        var plain = environment
        plain["OIDC_ENTRA_ISSUER"] = "http://login.example"
        #expect(throws: ConfigurationError.self) { try OpenIDProvider.fromEnvironment(plain) }
    }
}
