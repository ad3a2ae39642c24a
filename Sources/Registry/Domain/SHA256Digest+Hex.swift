import Crypto

extension SHA256.Digest {
    /// Lower-case hexadecimal, as token hashes, migration checksums and request fingerprints are
    /// stored. Every signed-in request hashes its token, and `String(format:)` per byte cost
    /// more than the hash itself.
    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in self {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
