import DRMStore
public import FluentKit
import Foundation

/// Thrown by a task that can't run yet (a limit is reached): it goes back to the queue, due after `delay`, without
/// counting a retry.
public struct TaskDeferral: Error, Sendable {
    public var delay: Duration

    public init(after delay: Duration) { self.delay = delay }
}
