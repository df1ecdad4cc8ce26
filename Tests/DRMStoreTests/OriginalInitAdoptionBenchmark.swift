import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// Adoption of the original with 100,000 rows in its largest tables: time, and the database's size. Run with
/// `ENABLEDRM_BENCH=1 swift test --filter OriginalInitAdoptionBenchmark`; it stays out of the CI path.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["ENABLEDRM_BENCH"] == "1"))
struct OriginalInitAdoptionBenchmark {
    @Test func adoptionOfALargeOriginal() async throws {
        try await TestDatabase.with(.postgres, migrated: false) { database in
            let sql = database.sql
            try await OriginalInitDatabase.create(on: sql)
            for statement in [
                """
                insert into job_executions (job_id, execution_number, status, started_at, completed_at)
                select 1, n + 10, 'completed', timestamp '2025-01-01' + n * interval '1 minute',
                  timestamp '2025-01-01' + n * interval '1 minute' + interval '30 seconds'
                from generate_series(1, 100000) n
                """,
                """
                insert into job_execution_branches (job_execution_id, target_id, branch_id, status, result_output,
                  exit_code)
                select id, 1, '001', 'completed', 'output of ' || id, 0 from job_executions where id > 2
                """,
                """
                insert into job_execution_logs (job_execution_id, log_phase, log_level, log_category, log_message,
                  log_details)
                select id, 'completion', 'info', 'system', 'done ✓', jsonb_build_object('n', id)
                from job_executions where id > 2
                """,
                """
                insert into celery_task_history (task_id, task_name, status, args)
                select 'task-' || n, 'run_job', 'success', jsonb_build_array(n) from generate_series(1, 100000) n
                """,
                """
                insert into alert_rules (name, metric_type, condition, threshold_value, is_active, severity)
                select 'rule ' || n, 'error_rate', 'gt', n, n % 2, 'warning' from generate_series(1, 100000) n
                """,
            ] {
                try await sql.raw(SQLQueryString(statement)).run()
            }

            let clock = ContinuousClock()
            let started = clock.now
            try await Migrator(database: sql).upgrade()
            let elapsed = clock.now - started
            let check = clock.now
            let report = try await SchemaCheck(database: sql).run()
            let checked = clock.now - check
            var usage = rusage()
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            print(
                "adoption of 500,000 rows: \(elapsed); db check after: \(checked); test process peak RSS \(usage.ru_maxrss / 1024) MB"
            )
            #expect(report.isAligned, "\(report.differences)")
        }
    }

    @Test(arguments: [SchemaDialect.postgres, .sqlite])
    func dbCheckAtHead(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let clock = ContinuousClock()
            var times: [Duration] = []
            for _ in 0..<25 {
                let started = clock.now
                _ = try await SchemaCheck(database: database.sql).run()
                times.append(clock.now - started)
            }
            times.sort()
            print("db check on \(dialect): p50 \(times[times.count / 2]), max \(times.last!)")
        }
    }
}
