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
        var after = after
        while true {
            let ended = try await query.summary(executionID)
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
