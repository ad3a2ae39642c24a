/// The registry's data version (`registry_version`, migration 0013): raised once by every
/// transaction that changes what a read can show, in commit order.
///
/// An answer worked out by a request that read version `v` reflects everything committed up to
/// `v`, and perhaps more. It is therefore exact for any request that read `v` or an earlier
/// version — it shows the registry as it stood at some moment during that request — and for
/// no request that read a later one.
struct DataVersion: Sendable, Comparable, CustomStringConvertible {
    let value: Int64

    static func < (lhs: DataVersion, rhs: DataVersion) -> Bool { lhs.value < rhs.value }

    var description: String { String(value) }

    /// The version the current request's authentication read, when it read one.
    @TaskLocal static var atRequestStart: DataVersion?
}
