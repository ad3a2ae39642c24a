import Synchronization

/// Instruments of one name told apart by label values, each made on first use and kept, so a
/// hot path looks one up rather than registering it again. Label values must come from a
/// bounded set (a route template, never a path with ids in it).
final class LabelledMetrics<Metric: Sendable>: Sendable {
    private let names: [String]
    private let make: @Sendable ([(String, String)]) -> Metric
    private let made = Mutex<[[String]: Metric]>([:])

    init(_ names: String..., make: @escaping @Sendable ([(String, String)]) -> Metric) {
        self.names = names
        self.make = make
    }

    subscript(_ values: String...) -> Metric {
        made.withLock { made in
            if let found = made[values] { return found }
            let metric = make(Array(zip(names, values)))
            made[values] = metric
            return metric
        }
    }
}
