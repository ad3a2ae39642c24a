import Foundation

/// Which record a pilot's record form writes: a new one (sent once, by its submission id), or a
/// saved one at the version the editor read.
enum RecordFormTarget {
    case new
    case saved(id: String, version: Int)

    /// Sets the form's action, heading, button and hidden fields for a record kept under
    /// `segment` of the pilot (`resourcing`, `assessments`); returns the page's title.
    func apply(
        to values: inout [String: Any], pilot: String, segment: String, adding: (title: String, button: String), changing: String
    ) -> String {
        let title: String
        switch self {
        case .new:
            title = adding.title
            values["action"] = "/manage/pilots/\(pilot)/\(segment)/new"
            values["button"] = adding.button
            values["submission"] = UUID().uuidString.lowercased()
        case .saved(let id, let version):
            title = changing
            values["action"] = "/manage/pilots/\(pilot)/\(segment)/\(id)/edit"
            values["button"] = "Save changes"
            values["version"] = String(version)
        }
        values["heading"] = title
        return title
    }
}
