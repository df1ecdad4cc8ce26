import DRMCore
public import Foundation

/// Follows an execution from the database, whichever process runs it: hands over each new log line, oldest first,
/// until the execution has ended and every line is read.
public struct ExecutionFollower: Sendable {
    public let query: ExecutionQuery
    public let executionID: Int
    public var after: Int
    public var interval: Duration = .milliseconds(250)

    public init(query: ExecutionQuery, executionID: Int, after: Int = 0) {
        self.query = query
        self.executionID = executionID
        self.after = after
    }

    /// Calls `line` for each line and returns the execution's final summary.
    @discardableResult
    public func run(_ line: (ExecutionLogLine) async throws -> Void) async throws -> ExecutionSummary {
        try await run(summary: { _ in }, line)
    }

    /// Calls `summary` with the execution's summary first and whenever its status, start or counts change, and
    /// `line` for each line; returns the final summary.
    @discardableResult
    public func run(
        summary: (ExecutionSummary) async throws -> Void, _ line: (ExecutionLogLine) async throws -> Void
    ) async throws -> ExecutionSummary {
        var after = after
        var last: ExecutionSummary?
        while true {
            let ended = try await query.summary(executionID)
            if last.map({ ($0.status, $0.startedAt, $0.targets) != (ended.status, ended.startedAt, ended.targets) })
                ?? true
            {
                try await summary(ended)
                last = ended
            }
            while true {
                let lines = try await query.logs(executionID: executionID, after: after, limit: 1000)
                for next in lines { try await line(next) }
                after = lines.last?.id ?? after
                if lines.count < 1000 { break }
            }
            // The status was read before the last lines: once it is final, every line was written before it.
            if ended.status.isTerminal { return ended }
            try await Task.sleep(for: interval)
        }
    }
}
