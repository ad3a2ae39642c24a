import Foundation

/// A file chosen in a form's file input, as the browser sent it.
struct UploadedFile: Sendable {
    /// The name it had on the person's computer; empty when no file was chosen.
    var filename: String
    var bytes: Data

    /// No file was chosen: browsers still send the part, with no name and no content.
    var isEmpty: Bool { filename.isEmpty && bytes.isEmpty }
}
