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
    /// For each row, the groups it is a member or the total of, in group order.
    let touching: [[Int]]

    init(_ rows: [StatisticsRow], filterCount: Int) {
        var names = Names()
        let cells = rows.map { Cell($0, names: &names) }
        var position: [Cell: Int] = [:]
        position.reserveCapacity(cells.count)
        for (index, cell) in cells.enumerated() { position[cell] = index }

        var found: [GroupKey: Int] = [:]
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
        var touching = [[Int]](repeating: [], count: rows.count)
        for (index, group) in self.groups.enumerated() {
            for member in group.members { touching[member].append(index) }
            if let total = group.total { touching[total].append(index) }
        }
        self.touching = touching
    }

    /// Strings as small integers, each distinct string once.
    private struct Names {
        static let none = -1
        static let total = 0
        private var numbers: [String: Int] = ["Total": Names.total]

        mutating func number(_ name: String?) -> Int {
            guard let name else { return Names.none }
            if let number = numbers[name] { return number }
            numbers[name] = numbers.count
            return numbers.count - 1
        }
    }

    /// A row's place, time and filter values.
    private struct Cell: Hashable {
        var period: Int
        var identifier: Int
        var level: Int
        var country: Int
        var region: Int
        var authority: Int
        var filters: [Int]

        init(_ row: StatisticsRow, names: inout Names) {
            period = names.number(row.timePeriod)
            identifier = names.number(row.timeIdentifier)
            level = GeographicLevel.allCases.firstIndex(of: row.level)!
            country = names.number(row.countryCode)
            region = names.number(row.regionCode)
            authority = names.number(row.authorityCode)
            filters = row.filters.map { names.number($0) }
        }

        /// The row for the same time and filters at a wider level.
        func summed(at wider: GeographicLevel) -> Cell {
            var sum = self
            sum.level = GeographicLevel.allCases.firstIndex(of: wider)!
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
