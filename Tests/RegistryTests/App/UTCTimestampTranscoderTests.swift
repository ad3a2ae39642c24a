import Foundation
import Testing

@testable import Registry

@Suite struct UTCTimestampTranscoderTests {
    @Test func writesWhatFoundationsFormatterWritesAcrossCenturies() throws {
        let transcoder = UTCTimestampTranscoder()
        let reference = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        // Leap days, year ends, the epoch, before it, and random instants with fractions of a second.
        var instants: [TimeInterval] = [0, -1, 951_782_400, 951_868_799.999, 1_709_164_800, 4_107_542_399, -2_208_988_800]
        for _ in 0..<2000 { instants.append(Double.random(in: -3_000_000_000...5_000_000_000, using: &generator)) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(try transcoder.encode(date) == reference.string(from: date), "\(seconds)")
        }
    }

    @Test func readsWhatItWritesAndOtherRFC3339Forms() throws {
        let transcoder = UTCTimestampTranscoder()
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(try transcoder.decode(transcoder.encode(date)) == date)
        #expect(try transcoder.decode("2026-11-23T01:30:00+01:00") == Date(timeIntervalSince1970: 1_795_393_800))
    }
}
