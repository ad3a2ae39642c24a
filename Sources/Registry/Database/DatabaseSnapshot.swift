/// What PostgreSQL's `pg_current_snapshot()` says about committed work: `xmin:xmax:xip,...`.
///
/// `xmax` is one past the newest finished transaction and `xip` lists those still running below
/// it. Comparing two snapshots therefore tells whether any transaction finished in between —
/// the whole cluster, every table, every client, not only this server's writes. That is what
/// lets a response worked out after one snapshot be reused for a request at another exactly
/// when nothing could have changed it.
struct DatabaseSnapshot: Sendable, Equatable, CustomStringConvertible {
    let xmin: UInt64
    let xmax: UInt64
    /// Transactions below `xmax` still in progress, ascending.
    let running: [UInt64]

    init(xmin: UInt64, xmax: UInt64, running: [UInt64]) {
        self.xmin = xmin
        self.xmax = xmax
        self.running = running.sorted()
    }

    /// Parses the text form of `pg_snapshot`; nil for anything else.
    init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let xmin = UInt64(parts[0]), let xmax = UInt64(parts[1]), xmin <= xmax else { return nil }
        var running: [UInt64] = []
        for id in parts[2].split(separator: ",") {
            guard let id = UInt64(id), id >= xmin, id < xmax else { return nil }
            running.append(id)
        }
        self.init(xmin: xmin, xmax: xmax, running: running)
    }

    var description: String { "\(xmin):\(xmax):" + running.map(String.init).joined(separator: ",") }

    /// Whether every transaction finished as of `other` had also finished as of this snapshot:
    /// this one is the same moment or later, as far as committed work goes. An answer worked out
    /// after this snapshot is then a correct answer for a request that started at `other`.
    ///
    /// `xmax` is one past the newest finished transaction, so a lower one misses it; and a
    /// transaction still running here but finished in `other` is missed too. Aborted
    /// transactions count as finished, which costs a recomputation and never a wrong answer.
    func covers(_ other: DatabaseSnapshot) -> Bool {
        guard xmax >= other.xmax else { return false }
        var index = other.running.startIndex
        for id in running where id < other.xmax {
            while index < other.running.endIndex, other.running[index] < id { index += 1 }
            guard index < other.running.endIndex, other.running[index] == id else { return false }
        }
        return true
    }

    /// The snapshot the current request's authentication read, when it read one.
    @TaskLocal static var atRequestStart: DatabaseSnapshot?
}
