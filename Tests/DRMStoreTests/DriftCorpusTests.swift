import DRMSchema
import DRMStore
import DRMTestSupport
import SQLKit
import Testing

/// Each drift of the corpus, applied to a freshly migrated database, is reported exactly; and the planner repairs it.
@Suite struct DriftCorpusTests {
    @Test func theCorpusCoversEveryCategory() {
        #expect(DriftCase.corpus.count >= 30)
        let covered = Set(DriftCase.corpus.flatMap(\.expected).map(\.category))
        #expect(
            covered == Set(SchemaDifference.Category.allCases),
            "uncovered: \(Set(SchemaDifference.Category.allCases).subtracting(covered))")
    }

    @Test("PostgreSQL reports the drift exactly, and repair removes it", arguments: DriftCase.corpus)
    func postgres(drift: DriftCase) async throws {
        try await check(drift, statements: drift.postgres, dialect: .postgres)
    }

    @Test(
        "SQLite reports the drift exactly, and repair removes it",
        arguments: DriftCase.corpus.filter { $0.sqlite != nil })
    func sqlite(drift: DriftCase) async throws {
        try await check(drift, statements: drift.sqlite ?? [], dialect: .sqlite)
    }

    func check(_ drift: DriftCase, statements: [String], dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            for statement in statements { try await database.sql.raw(SQLQueryString(statement)).run() }

            let report = try await SchemaCheck(database: database.sql).run()
            #expect(
                report.differences == (dialect == .sqlite ? drift.sqliteExpected ?? drift.expected : drift.expected))
            #expect(!report.isAligned)

            guard drift.repairable else { return }
            try await Migrator(database: database.sql).repair()
            let repaired = try await SchemaCheck(database: database.sql).run()
            #expect(repaired.differences == [], "after repair: \(repaired.differences)")
            #expect(repaired.isAligned)
        }
    }
}
