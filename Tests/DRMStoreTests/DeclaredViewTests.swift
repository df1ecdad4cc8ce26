import DRMSchema
import DRMStore
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// The original's two views, declared: they answer alike on both dialects, and adoption keeps their answers.
@Suite struct DeclaredViewTests {
    /// One target with one run of one job: a completed branch that took 30 seconds, created now.
    static func oneRun(on sql: any SQLDatabase, dialect: SchemaDialect) async throws {
        let now = dialect == .postgres ? "now()" : "(julianday('now') - 2440587.5) * 86400.0"
        let ago = dialect == .postgres ? "now() - interval '30 seconds'" : "\(now) - 30"
        for statement in [
            "INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@example.com', 'h')",
            "INSERT INTO universal_targets (target_serial, name, os_type) VALUES ('TGT-1', 'web-1', 'linux')",
            "INSERT INTO universal_targets (target_serial, name, os_type, is_active) VALUES ('TGT-2', 'off', 'linux', false)",
            "INSERT INTO jobs (job_serial, name, created_by) VALUES ('JOB-1', 'deploy', 1)",
            """
            INSERT INTO job_executions (job_id, execution_serial, execution_number, status, started_at, completed_at)
            VALUES (1, 'EXEC-1', 1, 'completed', \(ago), \(now))
            """,
            """
            INSERT INTO job_execution_branches (job_execution_id, target_id, branch_serial, branch_id, status,
              started_at, completed_at)
            VALUES (1, 1, 'BRANCH-1', '001', 'completed', \(ago), \(now))
            """,
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    @Test(arguments: SchemaDialect.allCases)
    func theViewsAnswerAlikeOnBothDialects(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            try await Self.oneRun(on: database.sql, dialect: dialect)

            let day = try #require(
                try await database.sql.raw(
                    """
                    SELECT total_executions, successful_executions, failed_executions, success_rate,
                      avg_duration_seconds FROM analytics_summary
                    """
                ).all().first)
            let targets = try await database.sql.raw(
                """
                SELECT target_id, target_name, total_executions, successful_executions, success_rate,
                  avg_response_time_seconds FROM target_performance_summary
                """
            ).all()

            #expect(try day.decode(column: "total_executions", as: Int.self) == 1)
            #expect(try day.decode(column: "successful_executions", as: Int.self) == 1)
            #expect(try day.decode(column: "failed_executions", as: Int.self) == 0)
            #expect(try day.decode(column: "success_rate", as: Double.self) == 100)
            #expect(abs(try day.decode(column: "avg_duration_seconds", as: Double.self) - 30) < 0.01)
            #expect(targets.count == 1, "the inactive target is left out")
            let target = try #require(targets.first)
            #expect(try target.decode(column: "target_name", as: String.self) == "web-1")
            #expect(try target.decode(column: "total_executions", as: Int.self) == 1)
            #expect(try target.decode(column: "success_rate", as: Double.self) == 100)
            #expect(abs(try target.decode(column: "avg_response_time_seconds", as: Double.self) - 30) < 0.01)
        }
    }

    @Test func adoptionKeepsWhatTheOriginalsViewsAnswer() async throws {
        try await TestDatabase.with(.postgres, migrated: false) { database in
            let sql = database.sql
            try await OriginalInitDatabase.create(on: sql)
            // A run of today, so that both views have something to count.
            try await sql.raw(
                """
                INSERT INTO job_executions (job_id, execution_number, status, started_at, completed_at)
                VALUES (1, 99, 'completed', now() - interval '1 minute', now())
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO job_execution_branches (job_execution_id, target_id, branch_id, status, started_at,
                  completed_at, created_at)
                SELECT max(id), 1, '099', 'completed', now() - interval '1 minute', now(), now() FROM job_executions
                """
            ).run()
            let before = try await Self.answers(on: sql)
            // A target whose is_active is NULL (neither active nor not) becomes active, as documented.
            let unknown = try await sql.raw("SELECT id FROM universal_targets WHERE is_active IS NULL").all().map {
                try $0.decode(column: "id", as: Int.self)
            }

            try await Migrator(database: sql).upgrade()

            var after = try await Self.answers(on: sql)
            let madeActive = after["target_performance_summary"]?.filter { row in
                unknown.contains { row.contains("\"target_id\": \($0),") }
            }
            after["target_performance_summary"]?.removeAll { madeActive?.contains($0) == true }
            #expect(after == before, "\(after)\n\(before)")
            #expect(madeActive?.count == unknown.count && !unknown.isEmpty, "\(unknown)")
            #expect(before["analytics_summary"]?.isEmpty == false)
            let live = try await sql.introspectSchema()
            #expect(live.views.map(\.name) == DatabaseView.declared.map(\.name))
        }
    }

    /// Every row of both views as JSON text, in order.
    static func answers(on sql: any SQLDatabase) async throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for view in DatabaseView.declared {
            result[view.name] = try await sql.raw(
                SQLQueryString("SELECT to_jsonb(v)::text AS row FROM \(unsafeRaw: view.name) v")
            ).all().map { try $0.decode(column: "row", as: String.self) }
        }
        return result
    }
}
