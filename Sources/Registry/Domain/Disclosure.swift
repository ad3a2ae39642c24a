/// The small-number rule, after DfE practice.
///
/// Statistics are made to be passed on (EES files, shared dashboards), so a figure that rests
/// on one or two authorities' records would, passed on, tell people which authority did what.
/// Such a row is withheld (`c`) unless every record behind it is public anyway. Then, so a
/// withheld figure cannot be recovered by subtracting its siblings from their `Total`, any
/// group of siblings with exactly one withheld row loses a second: its smallest sibling that
/// rests on records not all public, or else the group's `Total` itself. Repeated until no
/// group has a lone withheld row.
///
/// A figure whose records are all public is never withheld, first or second: anyone may read
/// those records, so every audience sees such a figure, and a signed-in reader never sees less
/// of the same data than an anonymous one. Which row goes second depends on nothing but the
/// rows, visited in publication order, and the rule runs over every geographic level at once
/// (a region's `Total` is its country's row), so a level comes out the same whether it was
/// asked for alone or with the others.
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
                let withheld = group.members.filter { rows[$0].isSuppressed }
                guard withheld.count == 1, group.total.map({ !rows[$0].isSuppressed }) ?? true else { continue }
                let candidates = group.members.filter { !rows[$0].isSuppressed && rows[$0].contributors > 0 && !rows[$0].allPublic }
                if let smallest = candidates.min(by: { order(rows[$0], rows[$1]) }) {
                    rows[smallest].suppress()
                } else if let total = group.total, !rows[total].allPublic {
                    rows[total].suppress()
                } else {
                    continue
                }
                changed = true
            }
        }
        return rows
    }

    /// Rows that add up to one `Total` row, with that row where it is in the table: the values
    /// of one filter with everything else equal, the regions of a country, the authorities of a region.
    static func siblingGroups(_ rows: [StatisticsRow], filterCount: Int) -> [(members: [Int], total: Int?)] {
        func place(_ row: StatisticsRow) -> [String] {
            [row.timePeriod, row.timeIdentifier, row.level.rawValue, row.countryCode, row.regionCode ?? "", row.authorityCode ?? ""]
        }
        var index: [[String]: Int] = [:]
        for (position, row) in rows.enumerated() { index[place(row) + row.filters] = position }
        var groups: [String: (members: [Int], total: Int?)] = [:]
        for (position, row) in rows.enumerated() {
            for filter in 0..<filterCount where row.filters[filter] != "Total" {
                var others = row.filters
                others[filter] = "Total"
                let key = "f\(filter)|" + (place(row) + others).joined(separator: "|")
                groups[key, default: ([], index[place(row) + others])].members.append(position)
            }
            let time = [row.timePeriod, row.timeIdentifier]
            switch row.level {
            case .national: break
            case .regional:
                let total = index[time + [GeographicLevel.national.rawValue, row.countryCode, "", ""] + row.filters]
                groups["regions|" + (time + [row.countryCode] + row.filters).joined(separator: "|"), default: ([], total)].members.append(position)
            case .localAuthority:
                let total = row.regionCode.flatMap {
                    index[time + [GeographicLevel.regional.rawValue, row.countryCode, $0, ""] + row.filters]
                } ?? index[time + [GeographicLevel.national.rawValue, row.countryCode, "", ""] + row.filters]
                let key = "authorities|" + (time + [row.regionCode ?? row.countryCode] + row.filters).joined(separator: "|")
                groups[key, default: ([], total)].members.append(position)
            }
        }
        return groups.sorted { $0.key < $1.key }.map(\.value).filter { $0.members.count > 1 || $0.total != nil }
    }
    /// Smallest first by the leading indicator, then in publication order.
    private static func order(_ a: StatisticsRow, _ b: StatisticsRow) -> Bool {
        let (x, y) = (a.values.first?.magnitude ?? 0, b.values.first?.magnitude ?? 0)
        if x != y { return x < y }
        return StatisticsRow.publicationOrder(a, b)
    }
}
