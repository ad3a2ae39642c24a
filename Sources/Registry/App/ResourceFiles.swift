import Foundation

/// Where the files the server reads at run time live: the migrations, the OpenAPI document and
/// the dashboard templates.
///
/// Found from the executable's own location, never the working directory: in a checkout the
/// binary sits under `.build/`, so an ancestor holds `Migrations/`; an installed copy keeps them
/// in `share/csc-registry/` beside `bin/`. `CSC_REGISTRY_HOME` overrides both.
public struct ResourceFiles: Sendable {
    public let root: URL

    public var migrations: URL { root.appendingPathComponent("Migrations") }
    public var openAPIDocument: URL {
        let installed = root.appendingPathComponent("openapi.yaml")
        return FileManager.default.fileExists(atPath: installed.path)
            ? installed : root.appendingPathComponent("Sources/RegistryAPI/openapi.yaml")
    }
    public var dashboards: URL { root.appendingPathComponent("Dashboards") }
    /// The signed-in pages' templates and styles.
    public var webPages: URL {
        let installed = root.appendingPathComponent("Web")
        return FileManager.default.fileExists(atPath: installed.path) ? installed : root.appendingPathComponent("Sources/Registry/Web")
    }

    public init(root: URL) {
        self.root = root
    }

    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ResourceFiles {
        if let home = environment["CSC_REGISTRY_HOME"], !home.isEmpty {
            return ResourceFiles(root: URL(fileURLWithPath: home))
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        while directory.path != "/" {
            for candidate in [directory, directory.appendingPathComponent("share/csc-registry")] {
                var isDirectory: ObjCBool = false
                let migrations = candidate.appendingPathComponent("Migrations").path
                if FileManager.default.fileExists(atPath: migrations, isDirectory: &isDirectory), isDirectory.boolValue {
                    return ResourceFiles(root: candidate)
                }
            }
            directory = directory.deletingLastPathComponent()
        }
        throw ConfigurationError(
            "Cannot find the Migrations folder near \(executable.path). Set CSC_REGISTRY_HOME to the folder that holds it.")
    }
}
