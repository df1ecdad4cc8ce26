import DRMCore
import DRMRemote
import DRMStore
import FluentKit
import Foundation
import Synchronization

/// What every branch of one execution shares: clients, folders, the recorder, parsed keys.
struct RunContext: Sendable {
    var ssh: SSHClient
    var http: HTTPRequestClient
    var recorder: ExecutionRecorder
    var keys: KeyCache
    var filesDirectory: URL
    var downloadsDirectory: URL
    var executionSerial: String
    var logLinesPerAction: Int
    /// Whether a password may go to an SSH server whose key isn't pinned (`record_first_use` methods): only when
    /// an administrator (or the system) started the run.
    var mayTrustNewHostKeys: Bool
    var now: @Sendable () -> Date
    /// Why the execution stops early, if it does (a cancelled branch reports this, e.g. `timed_out`).
    var stopReason: @Sendable () -> ExecutionStatus?
}

/// Private keys parsed once per run (hundreds of targets often share one key).
final class KeyCache: Sendable {
    private let keys = Mutex<[String: SSHPrivateKey]>([:])

    func key(_ text: String, passphrase: String?) throws -> SSHPrivateKey {
        let cacheKey = text + "\u{0}" + (passphrase ?? "")
        if let key = keys.withLock({ $0[cacheKey] }) { return key }
        let key = try SSHPrivateKey(openSSH: text, passphrase: passphrase)
        keys.withLock { $0[cacheKey] = key }
        return key
    }
}

/// Why an execution stops early, once something decided it (cancel, time-out, failure policy).
final class StopSignal: Sendable {
    private let reason = Mutex<ExecutionStatus?>(nil)

    func withLock<T: Sendable>(_ body: (inout ExecutionStatus?) -> T) -> T {
        reason.withLock { value in
            var copy = value
            defer { value = copy }
            return body(&copy)
        }
    }
}
