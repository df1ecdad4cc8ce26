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
    var metrics: EngineMetrics?
}
