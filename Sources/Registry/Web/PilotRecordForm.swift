import RegistryAPI

/// The form of one of a pilot's records that editors change (a resourcing line, an
/// assessment): read from a sent page or a saved record, checked by the API's rules.
protocol PilotRecordForm: Sendable {
    associatedtype Record: VersionedRecord
    associatedtype Input: Sendable

    init(_ form: WebForm)
    init(_ record: Record)
    /// Every field, to send again from a conflict page.
    var answers: [(String, String)] { get }
    /// Each question and its answer in words, to set one version beside another.
    var comparison: [(question: String, answer: String)] { get }
    /// The record as the API would take it, kept where it belongs (its authority), or every problem.
    func input(replacing record: Record) -> Result<Input, PilotForm.Invalid>
    /// The API's and the store's field names at these answers' fields.
    func errors(_ issues: [FieldIssue]) -> [PageRenderer.FieldError]
}

extension ResourcingLine: VersionedRecord {}
extension Assessment: VersionedRecord {}
extension Evaluation: VersionedRecord {}
extension Insight: VersionedRecord {}
