/// Whether anyone still waits for the work the current task does. The server sets it per
/// request (is the client's connection still open?); work started elsewhere is always wanted.
enum RequestPresence {
    @TaskLocal static var isWanted: @Sendable () -> Bool = { true }
}
