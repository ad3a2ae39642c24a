/// What PostgreSQL's `pg_current_snapshot()` says about committed work: `xmin:xmax:xip,...`.
///
/// `xmax` is one past the newest finished transaction and `xip` lists those still running below
/// it. Comparing two snapshots therefore tells whether any transaction finished in between —
/// the whole cluster, every table, every client, not only this server's writes. That is what
/// lets a response computed at one snapshot be reused at a later one exactly when nothing
/// could have changed it.
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

    /// Whether no transaction has finished between `earlier` and this snapshot, so everything
    /// `earlier` could see is still exactly what there is to see.
    ///
    /// A transaction finishing above `earlier.xmax` moves `xmax`; one finishing below it leaves
    /// `earlier`'s running list. Aborted transactions count too, which costs a recomputation and
    /// never a wrong answer.
    func nothingFinished(since earlier: DatabaseSnapshot) -> Bool {
        guard xmax == earlier.xmax else { return false }
        var index = running.startIndex
        for id in earlier.running {
            while index < running.endIndex, running[index] < id { index += 1 }
            guard index < running.endIndex, running[index] == id else { return false }
        }
        return true
    }

    /// The snapshot the current request's authentication read, when it read one.
    @TaskLocal static var atRequestStart: DatabaseSnapshot?
}
