/// Rows that add up to one `Total` row, with that row where it is in the table: the values of
/// one filter with everything else equal, the regions of a country, the authorities of a region.
///
/// Groups come in the order their first rows do, so the same rows always give the same groups.
/// Rows are matched on small integers standing for their places and filter values, since a
/// national table has hundreds of thousands of rows.
struct SiblingGroups {
    struct Group: Equatable {
        var members: [Int]
        var total: Int?
    }

    let groups: [Group]
    /// The groups each row is a member or the total of, in group order: row `r`'s are
    /// `touchingGroups[touchingStart[r]..<touchingStart[r + 1]]`, one array for the whole table.
    private let touchingStart: [Int]
    private let touchingGroups: [Int]

    /// The groups `row` is a member or the total of, in group order.
    func touching(_ row: Int) -> ArraySlice<Int> {
        touchingGroups[touchingStart[row]..<touchingStart[row + 1]]
    }

    init(_ rows: [StatisticsRow], filterCount: Int) {
        precondition(filterCount <= Cell.maximumFilters, "a dataset has at most \(Cell.maximumFilters) filters")
        var names = Names()
        let cells = rows.map { Cell($0, names: &names) }
        var position: [Cell: Int] = [:]
        position.reserveCapacity(cells.count)
        for (index, cell) in cells.enumerated() { position[cell] = index }

        var found: [GroupKey: Int] = [:]
        found.reserveCapacity(cells.count)
        var groups: [Group] = []
        func join(_ member: Int, _ key: GroupKey, total: Int?) {
            if let group = found[key] {
                groups[group].members.append(member)
            } else {
                found[key] = groups.count
                groups.append(Group(members: [member], total: total))
            }
        }
        for (index, cell) in cells.enumerated() {
            for filter in 0..<filterCount where cell.filters[filter] != Names.total {
                var sum = cell
                sum.filters[filter] = Names.total
                join(index, GroupKey(kind: filter, sum: sum), total: position[sum])
            }
            switch rows[index].level {
            case .national: break
            case .regional:
                let country = cell.summed(at: .national)
                join(index, GroupKey(kind: -1, sum: country), total: position[country])
            case .localAuthority:
                let country = cell.summed(at: .national)
                let region = cell.region == Names.none ? country : cell.summed(at: .regional)
                join(index, GroupKey(kind: -2, sum: region), total: position[region] ?? position[country])
            }
        }
        self.groups = groups.filter { $0.members.count > 1 || $0.total != nil }

        var counts = [Int](repeating: 0, count: rows.count + 1)
        for group in self.groups {
            for member in group.members { counts[member + 1] += 1 }
            if let total = group.total { counts[total + 1] += 1 }
        }
        for row in rows.indices { counts[row + 1] += counts[row] }
        var next = counts
        var touching = [Int](repeating: 0, count: counts[rows.count])
        for (index, group) in self.groups.enumerated() {
            for member in group.members {
                touching[next[member]] = index
                next[member] += 1
            }
            if let total = group.total {
                touching[next[total]] = index
                next[total] += 1
            }
        }
        touchingStart = counts
        touchingGroups = touching
    }

    /// Strings as small integers, each distinct string once.
    private struct Names {
        static let none: Int32 = -1
        static let total: Int32 = 0
        private var numbers: [String: Int32] = ["Total": Names.total]

        mutating func number(_ name: String?) -> Int32 {
            guard let name else { return Names.none }
            if let number = numbers[name] { return number }
            let number = Int32(numbers.count)
            numbers[name] = number
            return number
        }
    }

    /// A row's place, time and filter values, held inline: no allocation for each of a
    /// national table's hundreds of thousands of rows.
    private struct Cell: Hashable {
        static let maximumFilters = 4
        var period: Int32
        var identifier: Int32
        var level: Int32
        var country: Int32
        var region: Int32
        var authority: Int32
        /// The dataset's filter values in order; `Total` past its last filter.
        var filters = SIMD4<Int32>(repeating: Names.total)

        init(_ row: StatisticsRow, names: inout Names) {
            period = names.number(row.timePeriod)
            identifier = names.number(row.timeIdentifier)
            level = Int32(GeographicLevel.allCases.firstIndex(of: row.level)!)
            country = names.number(row.countryCode)
            region = names.number(row.regionCode)
            authority = names.number(row.authorityCode)
            for (index, value) in row.filters.enumerated() { filters[index] = names.number(value) }
        }

        /// The row for the same time and filters at a wider level.
        func summed(at wider: GeographicLevel) -> Cell {
            var sum = self
            sum.level = Int32(GeographicLevel.allCases.firstIndex(of: wider)!)
            sum.authority = Names.none
            if wider == .national { sum.region = Names.none }
            return sum
        }
    }

    /// A group is named by what it sums to and how: a filter's position, or -1 for the regions
    /// of a country and -2 for the authorities of a region.
    private struct GroupKey: Hashable {
        var kind: Int
        var sum: Cell
    }
}
