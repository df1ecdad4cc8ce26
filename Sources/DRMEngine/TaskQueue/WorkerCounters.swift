import DRMCore
import DRMStore
import FluentKit
import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization

/// A worker's running totals.
final class WorkerCounters: Sendable {
    struct Values: Sendable {
        var active = 0
        var processed = 0
        var failed = 0
        var running: Set<Int> = []
    }

    private let state = Mutex(Values())

    var values: Values { state.withLock { $0 } }
    var active: Int { state.withLock { $0.active } }

    /// The tasks this worker runs now.
    var running: Set<Int> { state.withLock { $0.running } }

    func started(_ id: Int) {
        state.withLock {
            $0.active += 1
            $0.running.insert(id)
        }
    }

    func ended(_ id: Int, failed: Bool) {
        state.withLock {
            $0.active -= 1
            $0.running.remove(id)
            $0.processed += 1
            if failed { $0.failed += 1 }
        }
    }
}
