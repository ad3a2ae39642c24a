import Foundation

/// Which build is running, for the `csc_registry_build_info` metric: the API's version from
/// openapi.yaml, and the commit from `CSC_REGISTRY_COMMIT` (set by whoever packages the build)
/// or, run from a checkout, its git HEAD.
struct BuildInformation: Sendable, Equatable {
    var version: String
    var commit: String

    static func read(_ resources: ResourceFiles, commit: String?) -> BuildInformation {
        let document = (try? String(contentsOf: resources.openAPIDocument, encoding: .utf8)) ?? ""
        return BuildInformation(
            version: apiVersion(in: document) ?? "unknown", commit: commit ?? gitHead(in: resources.root) ?? "unknown")
    }

    /// `info.version`: the first `version:` line, which openapi.yaml keeps under `info`.
    static func apiVersion(in document: String) -> String? {
        for line in document.split(separator: "\n").prefix(40) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("version:") {
                return trimmed.dropFirst("version:".count).trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "'\"")))
            }
        }
        return nil
    }

    /// The commit a checkout's HEAD names, following one symbolic reference, loose or packed.
    static func gitHead(in root: URL) -> String? {
        let git = root.appendingPathComponent(".git")
        guard let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        else { return nil }
        guard head.hasPrefix("ref: ") else { return head }
        let reference = String(head.dropFirst(5))
        if let loose = try? String(contentsOf: git.appendingPathComponent(reference), encoding: .utf8) {
            return loose.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let packed = (try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8)) ?? ""
        return packed.split(separator: "\n").first { $0.hasSuffix(" " + reference) }.map { String($0.prefix { $0 != " " }) }
    }
}
