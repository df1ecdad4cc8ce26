import Foundation
public import SQLKit

/// `db report`: the health of a live database's schema: inventory, keys, indexes and their use, and problems.
public struct SchemaReport: Sendable, Codable {
    public struct TableEntry: Sendable, Codable {
        public var name: String
        public var rows: Int
        /// Bytes on disk, table and indexes (`nil` where the database can't tell).
        public var bytes: Int?
    }

    public struct IndexEntry: Sendable, Codable {
        public var table: String
        public var name: String
        public var columns: [String]
        public var isUnique: Bool
        /// Scans since statistics were reset (PostgreSQL only).
        public var scans: Int?
    }

    public struct ForeignKeyEntry: Sendable, Codable {
        public var table: String
        public var name: String
        public var columns: [String]
        public var references: String
        public var onDelete: String
        public var isIndexed: Bool
        /// Rows whose referenced row is gone.
        public var orphanedRows: Int
        /// PostgreSQL: added `NOT VALID` and never validated.
        public var isValidated: Bool
        /// Declared but missing from the database: nothing enforces it there.
        public var isMissing: Bool
    }

    public var check: SchemaCheck.Report
    public var tables: [TableEntry]
    public var foreignKeys: [ForeignKeyEntry]
    public var indexes: [IndexEntry]
    /// The views, by name, in the order they were made.
    public var views: [String]
    /// `idx_a` duplicates or is made redundant by `idx_b` (same leading columns).
    public var redundantIndexes: [String]
    public var namingViolations: [String]

    public var unindexedForeignKeys: [ForeignKeyEntry] { foreignKeys.filter { !$0.isIndexed && !$0.isMissing } }
    public var orphans: [ForeignKeyEntry] { foreignKeys.filter { $0.orphanedRows > 0 } }

    /// Reads the report from a live database.
    public static func collect(from database: any SQLDatabase) async throws -> SchemaReport {
        let check = try await SchemaCheck(database: database).run()
        let live = try await database.introspectSchema()
        let dialect = database.schemaDialect
        let quote = SQLRenderer(dialect).quote
        var tables: [TableEntry] = []
        for table in live.tables {
            let rows =
                try await database.rows("SELECT count(*) AS n FROM \(quote(table.name))").first?.decode(
                    column: "n", as: Int.self) ?? 0
            let bytes: Int? =
                dialect == .postgres
                ? try await database.rows("SELECT pg_total_relation_size('\(quote(table.name))')::bigint AS n").first?
                    .decode(column: "n", as: Int.self)
                : nil
            tables.append(TableEntry(name: table.name, rows: rows, bytes: bytes))
        }
        var scans: [String: Int] = [:]
        var unvalidated = Set<String>()
        if dialect == .postgres {
            for row in try await database.rows(
                "SELECT indexrelname::text AS name, idx_scan::bigint AS scans FROM pg_stat_user_indexes")
            {
                scans[try row.decode(column: "name", as: String.self)] = try row.decode(column: "scans", as: Int.self)
            }
            for row in try await database.rows(
                "SELECT conname::text AS name FROM pg_constraint WHERE contype = 'f' AND NOT convalidated")
            {
                unvalidated.insert(try row.decode(column: "name", as: String.self))
            }
        }
        var foreignKeys: [ForeignKeyEntry] = []
        var indexes: [IndexEntry] = []
        for table in live.tables {
            let leading =
                table.indexes.map(\.columns) + table.uniques.map(\.columns) + [table.primaryKey?.columns ?? []]
            // Declared keys the database lacks still say which rows are orphans.
            let missing = (DatabaseSchema.declared.table(table.name)?.foreignKeys ?? []).filter { key in
                !table.foreignKeys.contains { $0.columns == key.columns }
                    && key.columns.allSatisfy { table.column($0) != nil }
                    && live.table(key.referencedTable) != nil
            }
            for key in table.foreignKeys + missing {
                let match = zip(key.columns, key.referencedColumns).map { "p.\(quote($1)) = c.\(quote($0))" }.joined(
                    separator: " AND ")
                let present = key.columns.map { "c.\(quote($0)) IS NOT NULL" }.joined(separator: " AND ")
                let orphans =
                    try await database.rows(
                        "SELECT count(*) AS n FROM \(quote(table.name)) c WHERE \(present) AND NOT EXISTS "
                            + "(SELECT 1 FROM \(quote(key.referencedTable)) p WHERE \(match))"
                    ).first?.decode(column: "n", as: Int.self) ?? 0
                foreignKeys.append(
                    ForeignKeyEntry(
                        table: table.name, name: key.name, columns: key.columns,
                        references: "\(key.referencedTable)(\(key.referencedColumns.joined(separator: ", ")))",
                        onDelete: key.onDelete.rawValue,
                        isIndexed: leading.contains { Array($0.prefix(key.columns.count)) == key.columns },
                        orphanedRows: orphans, isValidated: !unvalidated.contains(key.name),
                        isMissing: missing.contains(key)
                    ))
            }
            indexes += table.indexes.map {
                IndexEntry(
                    table: table.name, name: $0.name, columns: $0.columns, isUnique: $0.isUnique, scans: scans[$0.name])
            }
        }
        return SchemaReport(
            check: check, tables: tables, foreignKeys: foreignKeys, indexes: indexes, views: live.views.map(\.name),
            redundantIndexes: redundant(in: live), namingViolations: namingViolations(in: live)
        )
    }

    /// Plain indexes whose columns lead another index (or a key) with the same predicate.
    static func redundant(in schema: DatabaseSchema) -> [String] {
        schema.tables.flatMap { table in
            let keys =
                table.uniques.map { ($0.name, $0.columns) }
                + [table.primaryKey.map { ($0.name, $0.columns) }].compactMap { $0 }
            return table.indexes.filter { !$0.isUnique }.compactMap { index -> String? in
                let covering =
                    table.indexes.filter { $0.name != index.name && $0.predicate == index.predicate }.map {
                        ($0.name, $0.columns)
                    }
                    + (index.predicate == nil ? keys : [])
                guard
                    let other = covering.first(where: {
                        $0.1.count >= index.columns.count && Array($0.1.prefix(index.columns.count)) == index.columns
                    })
                else { return nil }
                let kind = other.1 == index.columns ? "duplicates" : "is made redundant by"
                return "\(index.name) \(kind) \(other.0) on \(table.name)"
            }
        }
    }

    /// Objects not named the way the schema names them.
    static func namingViolations(in schema: DatabaseSchema) -> [String] {
        schema.tables.flatMap { table in
            var problems: [String] = []
            let t = table.name
            if let key = table.primaryKey, key.name != "\(t)_pkey",
                !(t == "alembic_version" && key.name == "alembic_version_pkc")
            {
                problems.append("primary key \(key.name) on \(t) should be \(t)_pkey")
            }
            for unique in table.uniques where unique.name != "\(t)_\(unique.columns.joined(separator: "_"))_key" {
                problems.append("unique \(unique.name) should be \(t)_\(unique.columns.joined(separator: "_"))_key")
            }
            for key in table.foreignKeys where key.name != "\(t)_\(key.columns.joined(separator: "_"))_fkey" {
                problems.append("foreign key \(key.name) should be \(t)_\(key.columns.joined(separator: "_"))_fkey")
            }
            for index in table.indexes where !index.name.hasPrefix("idx_") {
                problems.append("index \(index.name) on \(t) should start with idx_")
            }
            for check in table.checks where !check.name.hasPrefix("ck_\(t)_") {
                problems.append("check \(check.name) should start with ck_\(t)_")
            }
            return problems
        }
    }
}
