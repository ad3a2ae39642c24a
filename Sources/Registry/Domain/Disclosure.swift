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
        var rows = StatisticsRow.inPublicationOrder(rows)
        for index in rows.indices where needsPrimarySuppression(rows[index]) {
            rows[index].suppress()
        }
        let siblings = SiblingGroups(rows, filterCount: filterCount)
        // Groups are visited in order, round after round, until a round withholds nothing. What
        // a group does depends only on which of its rows are withheld, so after its first visit
        // a group is visited again only once one of its rows has been withheld since.
        var due = [Bool](repeating: true, count: siblings.groups.count)
        var dueNextRound = [Bool](repeating: false, count: siblings.groups.count)
        var anotherRound = true
        while anotherRound {
            anotherRound = false
            for group in siblings.groups.indices where due[group] {
                due[group] = false
                guard let second = secondToWithhold(in: siblings.groups[group], of: rows) else { continue }
                rows[second].suppress()
                for touched in siblings.touching(second) {
                    if touched > group {
                        due[touched] = true
                    } else {
                        dueNextRound[touched] = true
                        anotherRound = true
                    }
                }
            }
            swap(&due, &dueNextRound)
        }
        return rows
    }

    /// In a group with exactly one withheld row beside a shown `Total`: its smallest sibling
    /// resting on records not all public, or else the `Total` itself unless that is all public.
    private static func secondToWithhold(in group: SiblingGroups.Group, of rows: [StatisticsRow]) -> Int? {
        guard group.members.count(where: { rows[$0].isSuppressed }) == 1,
              group.total.map({ !rows[$0].isSuppressed }) ?? true else { return nil }
        // Rows are in publication order, so a tie goes to the row that comes first.
        let smallest = group.members
            .filter { !rows[$0].isSuppressed && rows[$0].contributors > 0 && !rows[$0].allPublic }
            .min { (rows[$0].values.first?.magnitude ?? 0, $0) < (rows[$1].values.first?.magnitude ?? 0, $1) }
        if let smallest { return smallest }
        if let total = group.total, !rows[total].allPublic { return total }
        return nil
    }
}
