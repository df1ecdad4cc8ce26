import DRMCore
import DRMRemote
import DRMStore
import FluentKit
import Foundation
import Synchronization

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
