import DRMCore
public import Foundation

/// Exports of an execution's per-target results.
public enum ExecutionExport {
    public static func rows(_ detail: ExecutionDetail) -> [ExecutionExportRow] {
        detail.branches.map {
            ExecutionExportRow(
                target: $0.targetName, branch: $0.serial, status: $0.status.rawValue, exitCode: $0.exitCode,
                startedAt: $0.startedAt, completedAt: $0.completedAt, durationSeconds: $0.durationSeconds,
                output: $0.output, error: $0.error)
        }
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
