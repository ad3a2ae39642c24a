import Foundation

/// One scrape of `/metrics`, read as Prometheus reads the text format: each sample's name,
/// labels and value.
struct MetricsScrape {
    struct Sample {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    let samples: [Sample]

    init(_ text: String) {
        samples = text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...])
            else { return nil }
            let series = line[..<space]
            guard let open = series.firstIndex(of: "{") else { return Sample(name: String(series), labels: [:], value: value) }
            var labels: [String: String] = [:]
            for pair in series[series.index(after: open)..<series.index(before: series.endIndex)].split(separator: "\",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                labels[String(parts[0])] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            return Sample(name: String(series[..<open]), labels: labels, value: value)
        }
    }

    /// The sum of the samples of `name` whose labels include `labels` (0 when there are none).
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double {
        samples.filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }
            .reduce(0) { $0 + $1.value }
    }

    /// Every label value of every sample.
    var labelValues: [String] { samples.flatMap { $0.labels.values } }
}

extension TestRegistry {
    /// `/metrics`, as Prometheus scrapes it with the configured token.
    func scrape() async throws -> MetricsScrape {
        let reply = try await send(.get, "/metrics", headers: [.authorization: "Bearer \(Self.metricsToken)"])
        guard reply.status == 200 else { throw ScrapeRefused(status: reply.status) }
        return MetricsScrape(reply.body)
    }

    struct ScrapeRefused: Error {
        let status: Int
    }
}
