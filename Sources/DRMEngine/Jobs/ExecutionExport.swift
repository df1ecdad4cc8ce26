import DRMCore
public import Foundation

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
