import DRMSchema
import Foundation
import Testing

/// One way a live database can drift from the declared schema, and exactly what `db check` must report.
struct DriftCase: Sendable, CustomTestStringConvertible {
    var name: String
    var postgres: [String]
    /// `nil`: SQLite can't express this drift without rebuilding the table.
    var sqlite: [String]?
    var expected: [SchemaDifference]
    /// Whether `db upgrade --repair` can bring the database back (PostgreSQL can't drop an enum value).
    var repairable = true
    /// What SQLite reports when it differs from `expected` (a view's query is written in each dialect).
    var sqliteExpected: [SchemaDifference]? = nil

    var testDescription: String { name }

    /// A difference by its line's object: `table`, `table.column`, `table(columns) name` or an enum's name.
    static func d(
        _ category: SchemaDifference.Category, _ object: String, _ expected: String? = nil, _ found: String? = nil
    ) -> SchemaDifference {
        if let open = object.firstIndex(of: "("), let close = Self.matchingParenthesis(in: object, from: open) {
            let columns = object[object.index(after: open)..<close].split(separator: ", ").map(String.init)
            let rest = object[object.index(after: close)...].trimmingCharacters(in: .whitespaces)
            return SchemaDifference(
                category, table: String(object[..<open]), columns: columns, name: rest.isEmpty ? nil : rest,
                expected: expected, found: found)
        }
        let words = object.split(separator: " ").map(String.init)
        if words.count == 2 {
            return SchemaDifference(category, table: words[0], name: words[1], expected: expected, found: found)
        }
        let parts = object.split(separator: ".").map(String.init)
        if parts.count == 2 {
            return SchemaDifference(category, table: parts[0], columns: [parts[1]], expected: expected, found: found)
        }
        return SchemaDifference(category, object, expected: expected, found: found)
    }

    /// The `)` that closes the `(` at `open`.
    static func matchingParenthesis(in text: String, from open: String.Index) -> String.Index? {
        var depth = 0
        for index in text[open...].indices {
            if text[index] == "(" { depth += 1 }
            if text[index] == ")" { depth -= 1 }
            if depth == 0 { return index }
        }
        return nil
    }
}

extension DriftCase {
    /// The drift corpus: what the original ENABLEDRM's report found, and the rest of each category (the drift only
    /// PostgreSQL can express is in ``postgresCases``, the views in ``viewCases``).
    static let corpus: [DriftCase] =
        [
            DriftCase(
                name: "extra table", postgres: ["CREATE TABLE stray (id integer)"],
                sqlite: ["CREATE TABLE stray (id integer)"],
                expected: [d(.extraTable, "stray")]),
            DriftCase(
                name: "missing table", postgres: ["DROP TABLE device_type_usage"],
                sqlite: ["DROP TABLE device_type_usage"],
                expected: [d(.missingTable, "device_type_usage")]),
            DriftCase(
                name: "extra column", postgres: ["ALTER TABLE users ADD COLUMN nickname text"],
                sqlite: ["ALTER TABLE users ADD COLUMN nickname text"],
                expected: [d(.extraColumn, "users.nickname", nil, "text")]),
            DriftCase(
                name: "missing column", postgres: ["ALTER TABLE jobs DROP COLUMN timeout"],
                sqlite: ["ALTER TABLE jobs DROP COLUMN timeout"],
                expected: [d(.missingColumn, "jobs.timeout", "integer")]),
            DriftCase(
                name: "missing index", postgres: ["DROP INDEX idx_users_role"], sqlite: ["DROP INDEX idx_users_role"],
                expected: [d(.missingIndex, "users(role) idx_users_role", "(role)")]),
            DriftCase(
                name: "missing foreign-key index", postgres: ["DROP INDEX idx_job_targets_target_id"],
                sqlite: ["DROP INDEX idx_job_targets_target_id"],
                expected: [d(.missingIndex, "job_targets(target_id) idx_job_targets_target_id", "(target_id)")]),
            DriftCase(
                name: "extra index", postgres: ["CREATE INDEX extra_users_created ON users (created_at)"],
                sqlite: ["CREATE INDEX extra_users_created ON users (created_at)"],
                expected: [d(.extraIndex, "users(created_at) extra_users_created", nil, "(created_at)")]),
            DriftCase(
                name: "ix_ instead of idx_",
                postgres: ["DROP INDEX idx_jobs_status", "CREATE INDEX ix_jobs_status ON jobs (status)"],
                sqlite: ["DROP INDEX idx_jobs_status", "CREATE INDEX ix_jobs_status ON jobs (status)"],
                expected: [d(.naming, "jobs(status) idx_jobs_status", "idx_jobs_status", "ix_jobs_status")]),
            // Names that break the naming convention: the line still says which table and columns.
            DriftCase(
                name: "index under a name without a convention",
                postgres: ["DROP INDEX idx_users_role", "CREATE INDEX users_by_role ON users (role)"],
                sqlite: ["DROP INDEX idx_users_role", "CREATE INDEX users_by_role ON users (role)"],
                expected: [d(.naming, "users(role) idx_users_role", "idx_users_role", "users_by_role")]),
            DriftCase(
                name: "extra index named x1",
                postgres: ["CREATE INDEX x1 ON job_executions (created_at, status)"],
                sqlite: ["CREATE INDEX x1 ON job_executions (created_at, status)"],
                expected: [d(.extraIndex, "job_executions(created_at, status) x1", nil, "(created_at, status)")]),
            DriftCase(
                name: "index became unique",
                postgres: ["DROP INDEX idx_users_role", "CREATE UNIQUE INDEX idx_users_role ON users (role)"],
                sqlite: ["DROP INDEX idx_users_role", "CREATE UNIQUE INDEX idx_users_role ON users (role)"],
                expected: [d(.changedIndex, "users(role) idx_users_role", "(role)", "UNIQUE (role)")]),
            DriftCase(
                name: "index columns changed",
                postgres: [
                    "DROP INDEX idx_jobs_scheduled_at",
                    "CREATE INDEX idx_jobs_scheduled_at ON jobs (scheduled_at, status)",
                ],
                sqlite: [
                    "DROP INDEX idx_jobs_scheduled_at",
                    "CREATE INDEX idx_jobs_scheduled_at ON jobs (scheduled_at, status)",
                ],
                expected: [
                    d(
                        .changedIndex, "jobs(scheduled_at) idx_jobs_scheduled_at", "(scheduled_at)",
                        "(scheduled_at, status)")
                ]),
            DriftCase(
                name: "partial index lost its predicate",
                postgres: [
                    "DROP INDEX idx_universal_targets_active_type",
                    "CREATE INDEX idx_universal_targets_active_type ON universal_targets (target_type)",
                ],
                sqlite: [
                    "DROP INDEX idx_universal_targets_active_type",
                    "CREATE INDEX idx_universal_targets_active_type ON universal_targets (target_type)",
                ],
                expected: [
                    d(
                        .changedIndex, "universal_targets(target_type) idx_universal_targets_active_type",
                        "(target_type) WHERE (is_active = true)",
                        "(target_type)")
                ]),
            // What an index's keys say beyond their columns: order, collation, expressions (SQLite has them too).
            DriftCase(
                name: "index sort order DESC",
                postgres: [
                    "DROP INDEX idx_jobs_scheduled_at",
                    "CREATE INDEX idx_jobs_scheduled_at ON jobs (scheduled_at DESC)",
                ],
                sqlite: [
                    "DROP INDEX idx_jobs_scheduled_at",
                    "CREATE INDEX idx_jobs_scheduled_at ON jobs (scheduled_at DESC)",
                ],
                expected: [
                    d(
                        .changedIndex, "jobs(scheduled_at) idx_jobs_scheduled_at", "(scheduled_at)",
                        "(scheduled_at DESC)")
                ]),
            DriftCase(
                name: "index collation",
                postgres: ["DROP INDEX idx_users_role", "CREATE INDEX idx_users_role ON users (role COLLATE \"C\")"],
                sqlite: ["DROP INDEX idx_users_role", "CREATE INDEX idx_users_role ON users (role COLLATE NOCASE)"],
                expected: [d(.changedIndex, "users(role) idx_users_role", "(role)", "(role COLLATE \"C\")")],
                sqliteExpected: [d(.changedIndex, "users(role) idx_users_role", "(role)", "(role COLLATE NOCASE)")]),
            DriftCase(
                name: "expression index instead of the column",
                postgres: ["DROP INDEX idx_users_role", "CREATE INDEX idx_users_role ON users (lower(role))"],
                sqlite: ["DROP INDEX idx_users_role", "CREATE INDEX idx_users_role ON users (lower(role))"],
                expected: [d(.changedIndex, "users(role) idx_users_role", "(role)", "(lower(role::text))")],
                sqliteExpected: [d(.changedIndex, "users(role) idx_users_role", "(role)", "(lower(role))")]),
            DriftCase(
                name: "extra expression index, descending, under a name without a convention",
                postgres: ["CREATE INDEX users_lower_email ON users (lower(email) DESC NULLS LAST)"],
                sqlite: ["CREATE INDEX users_lower_email ON users (lower(email) DESC, created_at)"],
                expected: [
                    d(
                        .extraIndex, "users(lower(email::text) DESC NULLS LAST) users_lower_email", nil,
                        "(lower(email::text) DESC NULLS LAST)")
                ],
                sqliteExpected: [
                    d(
                        .extraIndex, "users(lower(email) DESC, created_at) users_lower_email", nil,
                        "(lower(email) DESC, created_at)")
                ]),
        ] + postgresCases + viewCases
}
