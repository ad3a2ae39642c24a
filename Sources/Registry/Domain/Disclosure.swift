/// The small-number rule, after DfE practice.
///
/// Statistics are made to be passed on (EES files, shared dashboards), so a figure that rests
/// on one or two authorities' records would, passed on, tell people which authority did what.
/// Such a row is withheld (`c`) unless every record behind it is public anyway. Then, so a
/// withheld figure cannot be recovered by subtracting its siblings from their `Total`, any
/// group of siblings with exactly one withheld row loses its smallest other non-zero row too,
/// repeated until no group has a lone withheld row.
///
/// Which sibling goes second must not depend on anything but the figures: two publications of
/// the same data that withheld different cells could be laid side by side to recover both.
/// So rows and groups are visited in publication order, and levels never share a group, so a
/// level comes out the same whether or not the others were computed with it.
enum Disclosure {
    /// Fewer contributing authorities than this is a small number.
    static let minimumAuthorities = 3

    static func needsPrimarySuppression(_ row: StatisticsRow) -> Bool {
        row.contributors > 0 && row.contributors < minimumAuthorities && !row.allPublic
    }

    /// The rows in publication order, withheld where the rule says.
    static func apply(to rows: [StatisticsRow], filterCount: Int) -> [StatisticsRow] {
        var rows = rows.sorted(by: StatisticsRow.publicationOrder)
        for index in rows.indices where needsPrimarySuppression(rows[index]) {
            rows[index].suppress()
        }
        let groups = siblingGroups(rows, filterCount: filterCount)
        var changed = true
        while changed {
            changed = false
            for group in groups {
                let withheld = group.filter { rows[$0].isSuppressed }
                guard withheld.count == 1 else { continue }
                let candidates = group.filter { !rows[$0].isSuppressed && rows[$0].contributors > 0 }
                guard let smallest = candidates.min(by: { order(rows[$0], rows[$1]) }) else { continue }
                rows[smallest].suppress()
                changed = true
            }
        }
        return rows
    }

    /// Rows that add up to one `Total` row: the values of one filter with everything else equal,
    /// the regions of a country, the authorities of a region.
    static func siblingGroups(_ rows: [StatisticsRow], filterCount: Int) -> [[Int]] {
        var groups: [String: [Int]] = [:]
        for (index, row) in rows.enumerated() {
            let place = [row.timePeriod, row.timeIdentifier, row.level.rawValue, row.countryCode,
                         row.regionCode ?? "", row.authorityCode ?? ""]
            for filter in 0..<filterCount where row.filters[filter] != "Total" {
                var others = row.filters
                others[filter] = "*"
                groups["f\(filter)|" + (place + others).joined(separator: "|"), default: []].append(index)
            }
            let time = [row.timePeriod, row.timeIdentifier] + row.filters
            switch row.level {
            case .national: break
            case .regional:
                groups["regions|" + (time + [row.countryCode]).joined(separator: "|"), default: []].append(index)
            case .localAuthority:
                groups["authorities|" + (time + [row.regionCode ?? row.countryCode]).joined(separator: "|"), default: []].append(index)
            }
        }
        return groups.sorted { $0.key < $1.key }.map(\.value).filter { $0.count > 1 }
    }

    /// Smallest first by the leading indicator, then in publication order.
    private static func order(_ a: StatisticsRow, _ b: StatisticsRow) -> Bool {
        let (x, y) = (a.values.first?.magnitude ?? 0, b.values.first?.magnitude ?? 0)
        if x != y { return x < y }
        return StatisticsRow.publicationOrder(a, b)
    }
}
