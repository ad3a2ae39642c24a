/// A prepared statement's rows, handed from the task that ran it to the caller that reads them;
/// only ever read by one task at a time.
struct Handed<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
