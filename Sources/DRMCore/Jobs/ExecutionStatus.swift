/// The values of the `execution_status` enum type, in the database's order, shared by executions, their branches
/// (one per target) and action results. The original's five values come first; migration 0005 added the rest.
public enum ExecutionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Created, waiting for its time (an execution planned for later).
    case scheduled
    case running
    case completed
    case failed
    case cancelled
    /// Waiting in the task queue for a worker (an execution) or for a free slot (a branch).
    case queued
    /// Stopped because a time-out passed.
    case timedOut = "timed_out"
    /// An execution where some branches completed and others did not.
    case partiallyFailed = "partially_failed"
    /// Not run: an earlier action of the branch failed, or the failure policy stopped the execution.
    case skipped

    /// Whether nothing more happens in this state.
    public var isTerminal: Bool {
        switch self {
        case .scheduled, .running, .queued: false
        case .completed, .failed, .cancelled, .timedOut, .partiallyFailed, .skipped: true
        }
    }

    /// Whether this ended well (only `completed`).
    public var isSuccess: Bool { self == .completed }

    /// The states that may follow this one. A running execution goes back to `queued` only when its worker was lost
    /// and its remaining branches are run again.
    public var successors: Set<ExecutionStatus> {
        switch self {
        case .scheduled: [.queued, .running, .cancelled, .skipped]
        case .queued: [.running, .cancelled, .skipped, .failed, .timedOut]
        case .running: [.completed, .failed, .partiallyFailed, .cancelled, .timedOut, .queued]
        case .completed, .failed, .cancelled, .timedOut, .partiallyFailed, .skipped: []
        }
    }

    /// Whether going from this state to `next` is allowed.
    public func canBecome(_ next: ExecutionStatus) -> Bool { successors.contains(next) }

    /// An execution's status from its branches' final statuses: completed when every branch completed, failed when
    /// none did, partially failed in between; cancelled or timed out when that is what stopped it (`stop`).
    public static func outcome(of branches: [ExecutionStatus], stoppedBy stop: ExecutionStatus? = nil)
        -> ExecutionStatus
    {
        if let stop { return stop }
        let succeeded = branches.filter(\.isSuccess).count
        if succeeded == branches.count { return .completed }
        return succeeded == 0 ? .failed : .partiallyFailed
    }
}
