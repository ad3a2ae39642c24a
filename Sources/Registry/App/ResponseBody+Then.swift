import Hummingbird

extension ResponseBody {
    /// This body, then `written` once it has been written to the client, or its writing failed.
    func then(_ written: @escaping @Sendable () -> Void) -> ResponseBody {
        let body = self
        return ResponseBody(contentLength: contentLength) { writer in
            defer { written() }
            try await body.write(writer)
        }
    }
}
