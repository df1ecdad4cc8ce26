import Foundation

/// Renders schema operations to SQL statements, one statement per string.
public struct SQLRenderer: Sendable {
    public let dialect: SchemaDialect

    public init(_ dialect: SchemaDialect) {
        self.dialect = dialect
    }

    /// The statements that apply `operation` to a database whose schema is `schema`.
    public func statements(for operation: SchemaOperation, in schema: DatabaseSchema) throws -> [String] {
        var after = schema
        try after.apply(operation)
        switch dialect {
        case .postgres: return try postgresStatements(for: operation, before: schema, after: after)
        case .sqlite: return try sqliteStatements(for: operation, before: schema, after: after)
        }
    }

    /// The `CREATE TABLE` statement of `table`, followed by its `CREATE INDEX` statements.
    public func createTable(_ table: Table, in schema: DatabaseSchema, as name: String? = nil) -> [String] {
        let tableName = name ?? table.name
        var parts = table.columns.map { columnDefinition($0, in: table, schema: schema) }
        if let key = table.primaryKey, !(dialect == .sqlite && isRowIDKey(key, in: table)) {
            parts.append("CONSTRAINT \(quote(key.name)) PRIMARY KEY (\(quoteList(key.columns)))")
        }
        parts += table.uniques.map { "CONSTRAINT \(quote($0.name)) UNIQUE (\(quoteList($0.columns)))" }
        parts += table.foreignKeys.map { "CONSTRAINT \(quote($0.name)) \(foreignKeyClause($0))" }
        parts += table.checks.map { "CONSTRAINT \(quote($0.name)) CHECK (\(checkExpression($0)))" }
        let create = "CREATE TABLE \(quote(tableName)) (\n    \(parts.joined(separator: ",\n    "))\n)"
        return [create] + table.indexes.map { createIndex($0, on: table.name) }
    }

    /// `CREATE VIEW … AS query`, the query without a trailing `;`.
    public func createView(_ view: DatabaseView) -> String {
        var query = (dialect == .postgres ? view.postgresSource ?? view.postgres : view.sqlite)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        while query.hasSuffix(";") { query.removeLast() }
        return "CREATE VIEW \(quote(view.name)) AS \(query)"
    }

    /// `CREATE [UNIQUE] INDEX …`.
    public func createIndex(_ index: Index, on table: String) -> String {
        var sql = "CREATE \(index.isUnique ? "UNIQUE " : "")INDEX \(quote(index.name)) ON \(quote(table)) "
        if dialect == .postgres, index.method != "btree" { sql += "USING \(index.method) " }
        // A key that isn't a bare column name (`lower(name)`, `created_at DESC`, `name varchar_pattern_ops`) is SQL.
        let keys = index.columns.map { key in
            key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? quote(key) : key
        }
        sql += "(\(keys.joined(separator: ", ")))"
        if let predicate = index.predicate(in: dialect) { sql += " WHERE \(predicate)" }
        return sql
    }

    /// The column's default as this dialect writes it, or `nil` when it has none here.
    public func defaultExpression(_ value: ColumnDefault, column: Column, table: String) -> String? {
        switch (dialect, value) {
        case (_, .int(let number)): return String(number)
        case (_, .expression(let sql)): return sql
        case (.postgres, .sequence): return "nextval('\(table)_\(column.name)_seq'::regclass)"
        case (.postgres, .currentTimestamp): return "CURRENT_TIMESTAMP"
        case (.postgres, .now): return "now()"
        case (.postgres, .randomUUID): return "gen_random_uuid()"
        case (.postgres, .bool(let flag)): return flag ? "true" : "false"
        // PostgreSQL prints the cast without the length: 'user'::character varying.
        case (.postgres, .literal(let text)):
            return "\(literal(text))::\(column.type.postgresName.split(separator: "(")[0])"
        case (.postgres, .serialNumber(let prefix, let width)):
            return
                "(\(literal(prefix))::text || lpad((nextval('\(table)_id_seq'::regclass))::text, \(width), '0'::text))"
        case (.sqlite, .sequence), (.sqlite, .serialNumber): return nil
        case (.sqlite, .currentTimestamp), (.sqlite, .now): return SQLiteExpression.now
        case (.sqlite, .randomUUID): return SQLiteExpression.randomUUID
        case (.sqlite, .bool(let flag)): return flag ? "1" : "0"
        case (.sqlite, .literal(let text)): return literal(text)
        }
    }

    /// The type name this dialect declares for `type`.
    public func typeName(_ type: ColumnType) -> String {
        switch (dialect, type) {
        case (.postgres, .serial): "serial"
        case (.sqlite, .serial): "integer"
        // TEXT affinity, so that a JSON scalar like `60` stays text.
        case (.sqlite, .jsonb): "jsonb_text"
        case (.sqlite, .json): "json_text"
        default: type.postgresName
        }
    }

    /// `"name"` with embedded quotes doubled.
    public func quote(_ identifier: String) -> String {
        "\"\(identifier.replacingOccurrences(of: "\"", with: "\"\""))\""
    }

    /// `'text'` with embedded quotes doubled.
    public func literal(_ text: String) -> String {
        "'\(text.replacingOccurrences(of: "'", with: "''"))'"
    }

    func quoteList(_ names: [String]) -> String { names.map(quote).joined(separator: ", ") }

    func checkExpression(_ check: CheckConstraint) -> String {
        dialect == .postgres ? check.postgresSource ?? check.postgres : check.sqlite
    }

    func foreignKeyClause(_ key: ForeignKey) -> String {
        var sql = "FOREIGN KEY (\(quoteList(key.columns))) REFERENCES \(quote(key.referencedTable)) "
        sql += "(\(quoteList(key.referencedColumns)))"
        if key.onDelete != .noAction { sql += " ON DELETE \(key.onDelete.rawValue)" }
        if key.onUpdate != .noAction { sql += " ON UPDATE \(key.onUpdate.rawValue)" }
        return sql
    }

    /// On SQLite a single `serial` primary key becomes the rowid (`integer PRIMARY KEY AUTOINCREMENT`).
    func isRowIDKey(_ key: PrimaryKey, in table: Table) -> Bool {
        key.columns.count == 1 && table.column(key.columns[0])?.type == .serial
    }

    func columnDefinition(_ column: Column, in table: Table, schema: DatabaseSchema) -> String {
        var sql = "\(quote(column.name)) \(typeName(column.type))"
        if !column.isNullable || column.type == .serial { sql += " NOT NULL" }
        if dialect == .sqlite, let key = table.primaryKey, isRowIDKey(key, in: table), key.columns == [column.name] {
            sql += " CONSTRAINT \(quote(key.name)) PRIMARY KEY AUTOINCREMENT"
        }
        if let value = column.defaultValue, column.type != .serial || dialect == .sqlite,
            let expression = defaultExpression(value, column: column, table: table.name)
        {
            sql += " DEFAULT \(expression)"
        }
        if dialect == .sqlite, let check = SQLiteExpression.typeCheck(for: column, in: schema, quote: quote) {
            sql += " CHECK (\(check))"
        }
        return sql
    }
}
