import Foundation
import HTTPTypes

/// The address a request came from. Behind a proxy every connection comes from the proxy, so
/// when the peer is one of `trusted`, the client is the nearest address in its forwarding
/// header (`Forwarded`, else `X-Forwarded-For`) that is not itself a trusted proxy. Headers
/// from anyone else are ignored: a client could write anything in them.
enum ClientAddress {
    static func resolve(peer: String?, headers: HTTPFields, trusted: [AddressRange]) -> String {
        guard let peer else { return "unknown" }
        guard trusted.contains(where: { $0.contains(peer) }) else { return peer }
        let chain = forwarded(headers[.forwarded]) ?? forwardedFor(headers[.xForwardedFor]) ?? []
        // Nearest first: each proxy appends the address it received the request from.
        for address in chain.reversed() where !trusted.contains(where: { $0.contains(address) }) {
            return address
        }
        return chain.first ?? peer
    }

    /// `for=` values of RFC 7239's `Forwarded`, in order; obfuscated or unknown ones are skipped.
    private static func forwarded(_ header: String?) -> [String]? {
        guard let header else { return nil }
        let addresses = header.split(separator: ",").compactMap { element -> String? in
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, parts[0].lowercased() == "for" else { continue }
                return host(String(parts[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
            }
            return nil
        }
        return addresses.isEmpty ? nil : addresses
    }

    private static func forwardedFor(_ header: String?) -> [String]? {
        guard let header else { return nil }
        let addresses = header.split(separator: ",").compactMap { host($0.trimmingCharacters(in: .whitespaces)) }
        return addresses.isEmpty ? nil : addresses
    }

    /// The address without a port: `[2001:db8::1]:4711` → `2001:db8::1`, `192.0.2.1:80` → `192.0.2.1`.
    private static func host(_ text: String) -> String? {
        var host = text
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
            host = String(host[host.index(after: host.startIndex)..<end])
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            host = String(host[..<colon])
        }
        return AddressRange.bytes(of: host) == nil ? nil : host
    }
}

extension HTTPField.Name {
    static let forwarded = Self("Forwarded")!
    static let xForwardedFor = Self("X-Forwarded-For")!
}
