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

/// One row per target of an execution, for exports.
public struct ExecutionExportRow: Sendable, Hashable, Codable {
    public var target: String
    public var branch: String
    public var status: String
    public var exitCode: Int?
    public var startedAt: Date?
    public var completedAt: Date?
    public var durationSeconds: Double?
    public var output: String?
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case target, branch, status, output, error
        case exitCode = "exit_code"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case durationSeconds = "duration_seconds"
    }
}

/// Exports of an execution's per-target results.
public enum ExecutionExport {
    /// A row per target; with `results`, its output is every action's output in order, each under a
    /// `== n. name ==` line when there is more than one (a target's own output holds only the last action's).
    public static func rows(_ detail: ExecutionDetail, results: [ActionResultView] = []) -> [ExecutionExportRow] {
        let byBranch = Dictionary(grouping: results, by: \.branchID)
        return detail.branches.map {
            ExecutionExportRow(
                target: $0.targetName, branch: $0.serial, status: $0.status.rawValue, exitCode: $0.exitCode,
                startedAt: $0.startedAt, completedAt: $0.completedAt, durationSeconds: $0.durationSeconds,
                output: output(of: byBranch[$0.id] ?? []) ?? $0.output, error: $0.error)
        }
    }

    /// Every action's output of one target, or `nil` when no action recorded any.
    static func output(of actions: [ActionResultView]) -> String? {
        let outputs = actions.filter { $0.output != nil }
        guard !outputs.isEmpty else { return nil }
        guard outputs.count > 1 || actions.count > 1 else { return outputs[0].output }
        return outputs.map { "== \($0.order). \($0.name) ==\n\($0.output ?? "")" }.joined(separator: "\n")
    }

    public static func csv(_ rows: [ExecutionExportRow]) -> String {
        let iso = ISO8601DateFormatter()
        return CSV.write(
            [
                [
                    "target", "branch", "status", "exit_code", "started_at", "completed_at", "duration_seconds",
                    "output", "error",
                ]
            ]
                + rows.map { row in
                    [
                        row.target, row.branch, row.status, row.exitCode.map(String.init) ?? "",
                        row.startedAt.map(iso.string) ?? "", row.completedAt.map(iso.string) ?? "",
                        row.durationSeconds.map { String(format: "%.3f", $0) } ?? "", row.output ?? "", row.error ?? "",
                    ]
                })
    }
}
