import Foundation
import Hummingbird
import RegistryAPI

/// The pilot a signed-in page works on: one the caller may change, as its lead authority's
/// editor or one taking part (or an administrator). Any other is as good as missing.
enum ManagedPilot {
    static func load(_ id: String, caller: Caller, store: RegistryStore, leadOnly: Bool = false) async throws -> Pilot? {
        guard let uuid = UUID(uuidString: id), let pilot = try? await store.pilots.get(uuid, viewer: caller) else { return nil }
        let takesPart = !leadOnly && pilot.participants.contains { caller.edits($0) }
        return caller.edits(pilot.leadAuthority) || takesPart ? pilot : nil
    }

    static func notFound(_ pages: PageRenderer) -> Response {
        pages.notFound("There is no such pilot among those you may change.", back: ("/manage", "Go to your home"))
    }
}
