import DRMSchema
import DRMStore
import DRMTestSupport
import SQLKit
import Testing

@Suite struct SchemaReportTests {
    @Test func aFreshDatabaseReportsItsInventoryAndNoProblems() async throws {
        try await TestDatabase.with(.postgres) { database in
            let report = try await SchemaReport.collect(from: database.sql)

            #expect(report.tables.count == 41)
            #expect(report.tables.first { $0.name == "alembic_version" }?.rows == 1)
            #expect(report.tables.allSatisfy { ($0.bytes ?? 0) > 0 })
            #expect(report.unindexedForeignKeys.isEmpty)
            #expect(report.orphans.isEmpty)
            #expect(report.namingViolations.isEmpty)
            #expect(report.indexes.allSatisfy { $0.scans != nil })
            #expect(report.check.isAligned)
            #expect(report.html.hasPrefix("<!doctype html>"))
        }
    }

    @Test func theOriginalDatabaseShowsEveryKindOfProblem() async throws {
        try await TestDatabase.with(.postgres, migrated: false) { database in
            try await OriginalDatabase.create(on: database.sql)
            // Sessions of a user who is gone: the original never had this foreign key.
            try await database.sql.raw(
                "INSERT INTO user_sessions (user_id, session_token, expires_at) VALUES (999, 't', now())"
            ).run()
            // A key added NOT VALID over rows that break it.
            try await database.sql.raw("ALTER TABLE job_actions DROP CONSTRAINT job_actions_job_id_fkey").run()
            try await database.sql.raw(
                "INSERT INTO job_actions (job_id, action_order, action_type, action_name) VALUES (77, 9, 'command', 'x')"
            ).run()
            try await database.sql.raw(
                "ALTER TABLE job_actions ADD CONSTRAINT job_actions_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs(id) NOT VALID"
            ).run()

            let report = try await SchemaReport.collect(from: database.sql)

            #expect(
                report.orphans.map { "\($0.table).\($0.name)=\($0.orphanedRows)" }.sorted()
                    == ["job_actions.job_actions_job_id_fkey=1", "user_sessions.user_sessions_user_id_fkey=1"])
            #expect(report.foreignKeys.first { $0.name == "job_actions_job_id_fkey" }?.isValidated == false)
            #expect(
                report.unindexedForeignKeys.map(\.name).sorted() == [
                    "job_action_results_action_id_fkey", "job_targets_target_id_fkey", "jobs_deleted_by_fkey",
                ])
            #expect(report.redundantIndexes.contains("ix_jobs_status duplicates idx_jobs_status on jobs"))
            #expect(report.redundantIndexes.contains("ix_users_id duplicates users_pkey on users"))
            #expect(report.namingViolations.contains("index ix_jobs_status on jobs should start with idx_"))
            #expect(report.check.status == .original)
            #expect(report.text.contains("user_sessions: 1 rows point nowhere through user_sessions_user_id_fkey"))
        }
    }

    @Test func sqliteAndPostgresReportTheSameSchemaAtHead() async throws {
        var reports: [SchemaDialect: SchemaReport] = [:]
        for dialect in SchemaDialect.allCases {
            try await TestDatabase.with(dialect) { database in
                reports[dialect] = try await SchemaReport.collect(from: database.sql)
            }
        }
        let postgres = try #require(reports[.postgres])
        let sqlite = try #require(reports[.sqlite])

        #expect(sqlite.tables.map(\.name).sorted() == postgres.tables.map(\.name).sorted())
        #expect(sqlite.tables.map(\.rows) == postgres.tables.map(\.rows))
        let keys = { (report: SchemaReport) in
            report.foreignKeys.map { "\($0.table) \($0.name) \($0.columns) → \($0.references) \($0.onDelete)" }.sorted()
        }
        #expect(keys(sqlite) == keys(postgres))
        let indexes = { (report: SchemaReport) in
            report.indexes.map { "\($0.table) \($0.name) \($0.columns) \($0.isUnique)" }.sorted()
        }
        #expect(indexes(sqlite) == indexes(postgres))
        #expect(sqlite.views == ["analytics_summary", "target_performance_summary"])
        #expect(postgres.views == sqlite.views)
        #expect(sqlite.redundantIndexes == postgres.redundantIndexes)
        for report in [sqlite, postgres] {
            #expect(report.check.isAligned, "\(report.check.differences)")
            #expect(report.unindexedForeignKeys.isEmpty && report.orphans.isEmpty)
            #expect(report.namingViolations.isEmpty)
            #expect(report.text.contains("Views (2):\n  analytics_summary\n  target_performance_summary\n"))
        }
    }

    @Test func sqliteWithForeignKeysOffShowsOrphans() async throws {
        try await TestDatabase.with(.sqlite) { database in
            try await database.sql.withSession { session in
                try await session.raw("PRAGMA foreign_keys = OFF").run()
                try await session.raw("INSERT INTO job_targets (job_id, target_id) VALUES (5, 6)").run()
                try await session.raw("PRAGMA foreign_keys = ON").run()
            }

            let report = try await SchemaReport.collect(from: database.sql)

            #expect(report.orphans.map(\.name).sorted() == ["job_targets_job_id_fkey", "job_targets_target_id_fkey"])
            #expect(report.tables.first { $0.name == "job_targets" }?.rows == 1)
        }
    }
}
