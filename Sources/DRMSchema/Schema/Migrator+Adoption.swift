import Foundation
import Logging
import SQLKit

extension Migrator {
    /// Adopts a database of the original ENABLEDRM (an Alembic revision in `alembic_version`): one transaction
    /// turns it into the baseline schema without losing a row, then records the baseline revision.
    ///
    /// - JSON becomes JSONB, 0/1 integers booleans, naive timestamps `timestamptz` read as UTC, and varchar
    ///   enums real enum types (the old severity words `info`/`warning` become `low`/`medium`); a stored value
    ///   outside an enum refuses the whole adoption, listing the values; schedule words `once`/`recurring` become
    ///   `one_time`/`interval`.
    /// - Missing tables, columns, indexes and constraints are created; `ix_` duplicates and misnamed objects give
    ///   way to the declared names; foreign keys get their ON DELETE rules back.
    /// - Extra columns and tables that hold data are kept (and `db check` keeps listing them); empty ones go.
    /// - Rows are filled and converted as ``AdoptionConversion`` says: derived values for NOT NULL columns, the
    ///   metric-threshold `alert_rules` copied into `analytics_alert_rules`; a row that can't be converted refuses
    ///   the whole adoption, listing it, before anything changes.
    /// - Views that read the tables are dropped for the change. The original's `analytics_summary` and
    ///   `target_performance_summary` come back as declared with the migration that declares them; any other view
    ///   is re-created afterwards where its definition still holds.
    func adopt(from revision: String, on db: any SQLDatabase) async throws {
        guard let baseline = chain.migrations.first else { return }
        let live = try await db.introspectSchema()
        let target = try chain.schema(at: baseline.revision)
        let dialect = db.schemaDialect
        var plan = SchemaPlanner(dialect).plan(from: live, to: target)
        let losses = try await Self.dataLoss(of: plan.operations, in: live, on: db)
        plan.operations.removeAll { operation in
            switch operation {
            case .dropColumn(let table, let column):
                !AdoptionConversion.isMoved(table, column, live: live)
                    && losses.contains { $0.hasPrefix("dropping \(table).\(column) ") }
            case .dropTable(let table): losses.contains { $0.hasPrefix("dropping table \(table) ") }
            default: false
            }
        }
        if dialect == .postgres {
            var populated = Set<String>()
            for table in live.tables {
                let sql = "SELECT count(*) AS n FROM (SELECT 1 FROM \"\(table.name)\" LIMIT 1) AS r"
                if try await Self.rowCount(sql, on: db) > 0 { populated.insert(table.name) }
            }
            AdoptionConversion.apply(to: &plan, live: live, target: target, populated: populated)
        }
        let mappings = Self.vocabularyMappings(live: live, target: target)
        let reasons = try await Self.violations(of: plan.preconditions, on: db, after: mappings)
        guard reasons.isEmpty else { throw PlanRefusal(reasons: reasons) }

        // The plan drops every view (the baseline has none): the chain creates the declared ones.
        var (statements, _) = try Self.render(plan.operations, from: live, dialect: dialect)
        statements = mappings + statements
        let renderer = SQLRenderer(dialect)
        let ownViews = live.views.filter { declared.view($0.name) == nil }

        try await db.execute("BEGIN")
        var current = ""
        do {
            for statement in statements {
                current = statement
                try await db.execute(statement)
            }
            for (position, view) in ownViews.enumerated() {
                // A view whose columns changed beyond what its definition can follow is left out.
                try await db.execute("SAVEPOINT view_\(position)")
                do {
                    try await db.execute(renderer.createView(view))
                } catch {
                    try await db.execute("ROLLBACK TO SAVEPOINT view_\(position)")
                    db.logger.warning("view not re-created after adoption", metadata: ["view": "\(view.name)"])
                }
            }
            try await db.execute("DELETE FROM alembic_version")
            try await db.execute("INSERT INTO alembic_version (version_num) VALUES ('\(baseline.revision)')")
            try await db.execute("COMMIT")
        } catch {
            try? await db.execute("ROLLBACK")
            throw MigrationStatementError(
                revision: "adoption of \(revision)", statement: current, underlying: SQLErrorText.describe(error))
        }
    }

    /// Words of the original that its enums spell differently: severities `info`/`warning` are `low`/`medium`,
    /// schedules `once`/`recurring` are `one_time`/`interval`.
    static let vocabulary: [(column: String, enumType: String, renames: KeyValuePairs<String, String>)] = [
        ("severity", "alert_severity", ["info": "low", "warning": "medium"]),
        ("schedule_type", "schedule_type", ["once": "one_time", "recurring": "interval"]),
    ]

    /// `UPDATE`s that rename the original's words in text columns that are about to become enums.
    static func vocabularyMappings(live: DatabaseSchema, target: DatabaseSchema) -> [String] {
        live.tables.flatMap { table in
            vocabulary.compactMap { entry -> String? in
                guard let column = table.column(entry.column),
                    target.table(table.name)?.column(entry.column)?.type == .enumeration(entry.enumType),
                    column.type != .enumeration(entry.enumType)
                else { return nil }
                let cases = entry.renames.map { "WHEN '\($0.key)' THEN '\($0.value)'" }.joined(separator: " ")
                let old = entry.renames.map { "'\($0.key)'" }.joined(separator: ", ")
                return
                    "UPDATE \"\(table.name)\" SET \(entry.column) = CASE \(entry.column) \(cases) ELSE \(entry.column) END "
                    + "WHERE \(entry.column) IN (\(old))"
            }
        }
    }

    /// Preconditions checked as they will hold after `mappings` run (inside a transaction rolled back after).
    static func violations(
        of preconditions: [SchemaPlanner.Precondition], on db: any SQLDatabase, after mappings: [String]
    ) async throws -> [String] {
        guard !mappings.isEmpty else { return try await violations(of: preconditions, on: db) }
        try await db.execute("BEGIN")
        do {
            for mapping in mappings { try await db.execute(mapping) }
            let reasons = try await violations(of: preconditions, on: db)
            try await db.execute("ROLLBACK")
            return reasons
        } catch {
            try? await db.execute("ROLLBACK")
            throw error
        }
    }
}
