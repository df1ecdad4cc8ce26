/// The values of the `execution_status_schedule` enum type, in the database's order: what became of one
/// occurrence of a schedule. A fired occurrence mirrors its execution (`running`, `completed`, `failed`, `cancelled`).
public enum ScheduleExecutionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case scheduled
    case running
    case completed
    case failed
    /// Not run: the previous run was still going and the overlap policy said skip.
    case skipped
    /// Not run: its time passed while the scheduler was down or the schedule paused, and the missed-run policy
    /// (or the catch-up window) said so.
    case missed
    /// Waiting for the previous run to finish (overlap policy `buffer_one` or `buffer_all`).
    case buffered
    /// Its execution was cancelled.
    case cancelled
}
