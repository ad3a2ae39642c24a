/// How much of a request the server reads, whichever layer reads it.
enum RequestLimits {
    /// Bodies larger than this are refused with 413 before they are parsed.
    static let bodyBytes = 1024 * 1024
}
