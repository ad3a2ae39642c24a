/// A closed list as the Design System's radios or checkboxes: each option's code as its value and
/// its label in words, the first option's id the field's name so an error summary links to it.
enum ChoiceList {
    /// Radios for one of the closed lists, with the chosen one checked.
    static func radios(_ name: String, _ options: [(String, String)], chosen: String) -> [[String: Any]] {
        options.enumerated().map { index, option in
            ["name": name, "value": option.0, "label": option.1, "checked": option.0 == chosen,
             "id": index == 0 ? name : "\(name)-\(option.0)"]
        }
    }

    /// The label in words of a chosen code.
    static func label(_ value: String, in options: [(String, String)]) -> String {
        options.first { $0.0 == value }?.1 ?? value
    }

    /// Checkboxes for one of the closed lists, with the chosen ones checked.
    static func checkboxes(_ name: String, _ options: [(String, String)], chosen: [String]) -> [[String: Any]] {
        options.enumerated().map { index, option in
            ["name": name, "value": option.0, "label": option.1, "checked": chosen.contains(option.0),
             "id": index == 0 ? name : "\(name)-\(option.0)"]
        }
    }
}
