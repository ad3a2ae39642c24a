import Foundation
import HTTPTypes
import Testing

@testable import Registry

/// A pilot previewed as the public, its networks' members and DfE see it: each through the
/// store with that audience's rights, so what is shared less widely is left out.
@Suite struct PilotPreviewTests {
    @Test func eachAudienceSeesWhatItsSharingLevelsAllow() async throws {
        try await TestRegistry.run { registry in
            let (shared, _, _) = try await registry.makePilot(sharing: "public")
            _ = try await registry.create("/api/v1/pilots/\(shared)/resourcing", Fixtures.resourcing)
            _ = try await registry.create(
                "/api/v1/pilots/\(shared)/insights", #"{"kind": "barrier", "text": "Kept in the authority", "sharing_level": "private"}"#)
            _ = try await registry.create(
                "/api/v1/pilots/\(shared)/insights", #"{"kind": "key_learning", "text": "Told to everyone"}"#)
            let (networkOnly, _, _) = try await registry.makePilot(sharing: "network")
            let editor = try await SignInTests.invitedEditor(registry)
            var browser = TestBrowser(registry)
            _ = try await browser.signIn(as: editor.subject)
            #expect(try await browser.get("/manage/pilots/\(shared)").body.contains("/manage/pilots/\(shared)/preview"))

            let asPublic = try await browser.get("/manage/pilots/\(shared)/preview")
            #expect(asPublic.status == 200 && asPublic.body.contains("as the public see it"))
            #expect(asPublic.body.contains("Told to everyone") && !asPublic.body.contains("Kept in the authority"))
            #expect(asPublic.body.contains("£25,000.50"))
            #expect(asPublic.body.contains(#"aria-current="page">As the public"#))
            #expect(try await browser.get("/manage/pilots/\(shared)").body.contains("Kept in the authority"), "the editor sees all")

            let hidden = try await browser.get("/manage/pilots/\(networkOnly)/preview?as=public")
            #expect(hidden.body.contains("They do not see this pilot at all"))
            let toNetworks = try await browser.get("/manage/pilots/\(networkOnly)/preview?as=network")
            #expect(toNetworks.status == 200 && !toNetworks.body.contains("They do not see this pilot at all"))
            #expect(try await browser.get("/manage/pilots/\(networkOnly)/preview?as=sector").body.contains("They do not see this pilot at all"))
            #expect(try await browser.get("/manage/pilots/\(shared)/preview?as=nobody").status == 404)
            var outsider = try await SignInTests.signedInLeedsEditor(registry)
            #expect(try await outsider.get("/manage/pilots/\(shared)/preview").status == 404)
        }
    }
}
