import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

@testable import DRMEngine

/// A measurement, not a check (opt in with ENABLEDRM_MEASURE_LATENESS=N): N once-schedules due at the same instant
/// on the real clock, fired by the scheduler's passes; lateness is an occurrence's start (its execution queued, in
/// the same transaction) minus its scheduled time. Prints p50/p99/max.
@Suite struct ScheduleLatenessMeasurement {
    static let count = Int(ProcessInfo.processInfo.environment["ENABLEDRM_MEASURE_LATENESS"] ?? "") ?? 0
    /// One dialect only (`sqlite`, `postgres`), so the two don't share the machine while measured.
    static let dialects = SchemaDialect.allCases.filter { dialect in
        ProcessInfo.processInfo.environment["ENABLEDRM_MEASURE_DIALECT"].map { $0 == "\(dialect)" } ?? true
    }

    @Test(.enabled(if: count > 0), arguments: dialects)
    func lateness(dialect: SchemaDialect) async throws {
        try await ScheduleWorld.with(dialect, at: Date()) { world in
            let sql = world.db as! any SQLDatabase
            // Due once every schedule is in (about a second per thousand on a busy machine).
            let lead = 5 + Double(Self.count) / 1000
            let due = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + lead).rounded(.up))
            for start in stride(from: 0, to: Self.count, by: 500) {
                var insert = sql.insert(into: "job_schedules").columns(
                    "schedule_uuid", "schedule_serial", "job_id", "name", "schedule_type", "start_date", "timezone",
                    "status", "is_active", "current_runs", "next_run_at", "created_by", "overlap_policy",
                    "missed_run_policy", "catchup_window_seconds", "missed_run_cap", "origin")
                for index in start..<min(start + 500, Self.count) {
                    insert = insert.values(
                        SQLBind(UUID()), SQLBind("JSCHED-B\(index)"), SQLBind(world.jobID), SQLBind("s\(index)"),
                        SQLLiteral.string("one_time"), SQLBind(due), SQLBind("UTC"), SQLLiteral.string("active"),
                        SQLBind(true), SQLBind(0), SQLBind(due), SQLBind(world.userID), SQLBind("allow_all"),
                        SQLBind("run_once"), SQLBind(3600), SQLBind(10), SQLBind("user"))
                }
                try await insert.run()
            }
            let firing = ScheduleFiring(engine: world.engine, now: { Date() })
            while Date() < due {
                try await Task.sleep(for: .milliseconds(Int((due.timeIntervalSinceNow * 1000).rounded(.up)) + 1))
            }
            var report = try await firing.tick()
            while report.moreDue { report = try await firing.tick(firingOnly: true) }
            let rows = try await ScheduleExecution.query(on: world.db).all()
            let lateness = rows.compactMap { row in row.startedAt.map { $0.timeIntervalSince(row.scheduledAt) } }
                .sorted()
            #expect(
                lateness.count == Self.count,
                "\(rows.count) rows: \(Set(rows.map { "\($0.status) \($0.errorMessage ?? "")" }))")
            guard !lateness.isEmpty else { return }
            func percentile(_ p: Double) -> Double {
                lateness[min(lateness.count - 1, Int(Double(lateness.count) * p))]
            }
            print(
                String(
                    format: "lateness %@ n=%d: p50 %.2f s, p99 %.2f s, max %.2f s", "\(dialect)", lateness.count,
                    percentile(0.5), percentile(0.99), lateness.last ?? 0))
        }
    }
}
