import Foundation

/// A record's version as an HTTP entity tag: `"3"`. Replacing or deleting a record requires
/// the tag of the version the caller last read (`If-Match`), so two editors can never
/// silently overwrite each other.
public enum EntityTag {
    public static func of(version: Int) -> String { "\"\(version)\"" }

    /// The version an `If-Match` header names; nil for `*`, which accepts whatever is current.
    public static func expectedVersion(ifMatch header: String?) throws -> Int? {
        guard let header else { throw RegistryError.preconditionRequired }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        if trimmed == "*" { return nil }
        var tag = Substring(trimmed)
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        // The quotes an entity tag should carry are forgiven: `3` names version 3 as `"3"` does.
        if tag.count >= 2, tag.first == "\"", tag.last == "\"" { tag = tag.dropFirst().dropLast() }
        guard !tag.isEmpty, tag.allSatisfy(\.isASCII), let version = Int(tag), version >= 0 else {
            throw RegistryError.malformed([.init(field: "If-Match", message: "must be an ETag this API issued, such as \"3\"")])
        }
        return version
    }
}
