import Foundation
import SQLKit

/// Reads the schema of a live SQLite database from `sqlite_schema` and the `pragma` table functions, in four
/// queries whatever the number of tables. Constraint names, which no pragma reports, come from each table's
/// `CREATE TABLE` text.
struct SQLiteIntrospector {
    let database: any SQLDatabase

    enum Query {
        /// Tables and views, in the order they were made.
        static let tables = """
            SELECT type, name, sql FROM sqlite_schema
            WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY rowid
            """
        static let columns = """
            SELECT m.name AS table_name, p.name, p.type, p."notnull" AS not_null, p.dflt_value, p.pk
            FROM sqlite_schema m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid
            """
        static let foreignKeys = """
            SELECT m.name AS table_name, p.id, p."table" AS referenced, p."from" AS source, p."to" AS target, p.on_update, p.on_delete
            FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.id, p.seq
            """
        /// Each index's keys: a column (with its collation and order) or, with no name, an expression.
        static let indexes = """
            SELECT m.tbl_name AS table_name, m.name AS index_name, m.sql, p.seqno, p.name AS column_name,
                   p."desc" AS descending, p.coll AS collation
            FROM sqlite_schema m JOIN pragma_index_xinfo(m.name) p
            WHERE m.type = 'index' AND m.sql IS NOT NULL AND p.key = 1 ORDER BY m.tbl_name, m.name, p.seqno
            """
    }

    func schema() async throws -> DatabaseSchema {
        var definitions: [String: CreateTableText] = [:]
        var tables: [String: Table] = [:]
        var views: [DatabaseView] = []
        for row in try await database.rows(Query.tables) {
            let name = try row.decode(column: "name", as: String.self)
            let sql = try row.decode(column: "sql", as: String.self)
            guard try row.decode(column: "type", as: String.self) == "table" else {
                views.append(DatabaseView(name, postgres: Self.query(ofView: sql)))
                continue
            }
            let definition = CreateTableText(sql)
            definitions[name] = definition
            tables[name] = Table(
                name, columns: [], primaryKey: nil, uniques: definition.uniques, checks: definition.checks)
        }
        var enums: [String: [String]] = [:]
        var keyColumns: [String: [(position: Int, name: String)]] = [:]
        for row in try await database.rows(Query.columns) {
            let tableName = try row.decode(column: "table_name", as: String.self)
            guard let definition = definitions[tableName] else { continue }
            let name = try row.decode(column: "name", as: String.self)
            var type = ColumnType(parsing: try row.decode(column: "type", as: String.self))
            let position = try row.decode(column: "pk", as: Int.self)
            if position > 0 { keyColumns[tableName, default: []].append((position, name)) }
            if type == .integer, position > 0, definition.isAutoincrement(name) { type = .serial }
            if case .enumeration(let enumName) = type, let values = definition.allowedValues(of: name) {
                enums[enumName] = values
            }
            let defaultSQL = try row.decode(column: "dflt_value", as: String?.self)
            tables[tableName]?.columns.append(
                Column(
                    name, type, null: try row.decode(column: "not_null", as: Int.self) == 0,
                    default: defaultSQL.map { ColumnDefault(sqlite: $0, type: type) }
                ))
        }
        for (tableName, columns) in keyColumns {
            let names = columns.sorted { $0.position < $1.position }.map(\.name)
            tables[tableName]?.primaryKey = PrimaryKey(
                definitions[tableName]?.constraintName(.primaryKey, names) ?? "", names)
        }
        var keys: [String: [Int: ForeignKey]] = [:]
        for row in try await database.rows(Query.foreignKeys) {
            let tableName = try row.decode(column: "table_name", as: String.self)
            let id = try row.decode(column: "id", as: Int.self)
            if keys[tableName, default: [:]][id] == nil {
                func action(_ column: String) throws -> ReferentialAction {
                    ReferentialAction(rawValue: try row.decode(column: column, as: String.self)) ?? .noAction
                }
                keys[tableName, default: [:]][id] = ForeignKey(
                    "", [], references: try row.decode(column: "referenced", as: String.self), [],
                    onDelete: try action("on_delete"), onUpdate: try action("on_update")
                )
            }
            keys[tableName]?[id]?.columns.append(try row.decode(column: "source", as: String.self))
            keys[tableName]?[id]?.referencedColumns.append(try row.decode(column: "target", as: String?.self) ?? "id")
        }
        for (tableName, byID) in keys {
            tables[tableName]?.foreignKeys = byID.keys.sorted().compactMap { id in
                guard var key = byID[id] else { return nil }
                key.name = definitions[tableName]?.constraintName(.foreignKey, key.columns) ?? ""
                return key
            }
        }
        for row in try await database.rows(Query.indexes) {
            let tableName = try row.decode(column: "table_name", as: String.self)
            let name = try row.decode(column: "index_name", as: String.self)
            let sql = try row.decode(column: "sql", as: String.self)
            let key = try Self.key(row, sql: sql)
            if let last = tables[tableName]?.indexes.indices.last, tables[tableName]?.indexes[last].name == name {
                tables[tableName]?.indexes[last].columns.append(key)
            } else {
                let predicate = sql.range(of: " WHERE ").map { String(sql[$0.upperBound...]) }
                tables[tableName]?.indexes.append(
                    Index(name, [key], unique: sql.hasPrefix("CREATE UNIQUE"), where: predicate))
            }
        }
        return DatabaseSchema(
            enums: enums.map { EnumType($0.key, $0.value) }.sorted { $0.name < $1.name },
            tables: tables.values.sorted { $0.name < $1.name },
            views: views
        )
    }

    /// One key of an index as PostgreSQL's introspection writes it: the column, ` COLLATE name` when not the
    /// default, ` DESC` when descending; an expression (no column name) as its `CREATE INDEX` text has it.
    static func key(_ row: any SQLRow, sql: String) throws -> String {
        let position = try row.decode(column: "seqno", as: Int.self)
        guard let column = try row.decode(column: "column_name", as: String?.self) else {
            let keys = keyTexts(ofIndex: sql)
            guard keys.indices.contains(position) else { return sql }
            var text = keys[position]
            if text.uppercased().hasSuffix(" ASC") { text = String(text.dropLast(4)) }
            return text
        }
        var key = column
        if let collation = try row.decode(column: "collation", as: String?.self), collation != "BINARY" {
            key += " COLLATE \(collation)"
        }
        if try row.decode(column: "descending", as: Int.self) == 1 { key += " DESC" }
        return key
    }

    /// The keys of a `CREATE INDEX name ON table (key, …)` statement as written, split at top-level commas.
    static func keyTexts(ofIndex sql: String) -> [String] {
        guard let on = sql.range(of: " ON ", options: .caseInsensitive),
            let open = sql[on.upperBound...].firstIndex(of: "(")
        else { return [] }
        var keys: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in sql[sql.index(after: open)...] {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                if depth == 0 { break }
                depth -= 1
            } else if character == ",", depth == 0 {
                keys.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            }
            current.append(character)
        }
        keys.append(current.trimmingCharacters(in: .whitespaces))
        return keys
    }

    /// The query of a `CREATE VIEW name AS query` statement, as SQLite keeps it.
    static func query(ofView sql: String) -> String {
        let head =
            /^\s*CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|[^\s(]+)\s*(?:\([^)]*\)\s*)?AS\s+/
            .ignoresCase()
        guard let match = sql.prefixMatch(of: head) else { return sql }
        return String(sql[match.range.upperBound...])
    }
}

extension ColumnDefault {
    /// Parses a default as SQLite keeps it (the text of the `DEFAULT` clause).
    init(sqlite sql: String, type: ColumnType) {
        if type == .boolean, sql == "1" || sql == "0" {
            self = .bool(sql == "1")
        } else if let number = Int(sql) {
            self = .int(number)
        } else if sql.hasPrefix("'"), sql.hasSuffix("'"), sql.count >= 2 {
            self = .literal(String(sql.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
        } else {
            // SQLite reports `DEFAULT (expr)` without its parentheses, which a `CREATE TABLE` needs.
            self = .expression("(\(sql))")
        }
    }
}
