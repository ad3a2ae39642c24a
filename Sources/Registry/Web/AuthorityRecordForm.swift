import RegistryAPI

/// The form of a record an authority keeps one of (its single view, its contact): read from a
/// sent page or a saved record, shown again with its answers, checked by the API's rules.
protocol AuthorityRecordForm: Sendable {
    associatedtype Record: VersionedRecord
    associatedtype Input: Sendable

    init(_ form: WebForm)
    init(_ record: Record)
    static var empty: Self { get }
    /// Every field, to send again from a conflict page.
    var answers: [(String, String)] { get }
    /// Each question and its answer in words, to set one version beside another.
    var comparison: [(question: String, answer: String)] { get }
    func input(authority: String) -> Result<Input, PilotForm.Invalid>
    /// The API's and the store's field names at the form's fields.
    static func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError]
    /// The page template's values for these answers and their problems.
    func values(errors: [PageRenderer.FieldError]) -> [String: Any]
}

/// A record whose changes carry the version the writer read.
protocol VersionedRecord: Sendable {
    var id: String { get }
    var version: Int { get }
}

extension SingleView: VersionedRecord {}
extension Contact: VersionedRecord {}
