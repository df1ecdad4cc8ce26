import Foundation
import SQLKit

/// Reads the schema of a live SQLite database from `sqlite_schema` and the `pragma` functions.
/// Constraint names, which no pragma reports, come from the table's `CREATE TABLE` text.
struct SQLiteIntrospector {
    let database: any SQLDatabase

    func schema() async throws -> DatabaseSchema {
        let tableRows = try await database.rows(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
        var tables: [Table] = []
        var enums: [String: [String]] = [:]
        for row in tableRows {
            let name = try row.decode(column: "name", as: String.self)
            let definition = CreateTableText(try row.decode(column: "sql", as: String.self))
            var table = Table(name, columns: [], primaryKey: nil)
            var keyColumns: [(position: Int, name: String)] = []
            for column in try await database.rows("SELECT * FROM pragma_table_info('\(name)')") {
                let columnName = try column.decode(column: "name", as: String.self)
                var type = ColumnType(parsing: try column.decode(column: "type", as: String.self))
                let position = try column.decode(column: "pk", as: Int.self)
                if position > 0 { keyColumns.append((position, columnName)) }
                if type == .integer, position > 0, definition.isAutoincrement(columnName) { type = .serial }
                if case .enumeration(let enumName) = type, let values = definition.allowedValues(of: columnName) {
                    enums[enumName] = values
                }
                let defaultSQL = try column.decode(column: "dflt_value", as: String?.self)
                table.columns.append(Column(
                    columnName, type,
                    null: try column.decode(column: "notnull", as: Int.self) == 0,
                    default: defaultSQL.map { ColumnDefault(sqlite: $0, type: type) }
                ))
            }
            let keyNames = keyColumns.sorted { $0.position < $1.position }.map(\.name)
            if !keyNames.isEmpty { table.primaryKey = PrimaryKey(definition.constraintName(.primaryKey, keyNames) ?? "", keyNames) }
            table.uniques = definition.uniques
            table.checks = definition.checks
            table.foreignKeys = try await foreignKeys(of: name, definition: definition)
            table.indexes = try await indexes(of: name)
            tables.append(table)
        }
        return DatabaseSchema(enums: enums.map { EnumType($0.key, $0.value) }.sorted { $0.name < $1.name }, tables: tables)
    }

    func foreignKeys(of table: String, definition: CreateTableText) async throws -> [ForeignKey] {
        var keys: [Int: ForeignKey] = [:]
        func action(_ text: String) -> ReferentialAction { ReferentialAction(rawValue: text) ?? .noAction }
        for row in try await database.rows("SELECT * FROM pragma_foreign_key_list('\(table)') ORDER BY id, seq") {
            let id = try row.decode(column: "id", as: Int.self)
            let from = try row.decode(column: "from", as: String.self)
            let to = try row.decode(column: "to", as: String?.self) ?? "id"
            if keys[id] == nil {
                keys[id] = ForeignKey(
                    "", [], references: try row.decode(column: "table", as: String.self), [],
                    onDelete: action(try row.decode(column: "on_delete", as: String.self)),
                    onUpdate: action(try row.decode(column: "on_update", as: String.self))
                )
            }
            keys[id]?.columns.append(from)
            keys[id]?.referencedColumns.append(to)
        }
        return keys.keys.sorted().compactMap { id in
            guard var key = keys[id] else { return nil }
            key.name = definition.constraintName(.foreignKey, key.columns) ?? ""
            return key
        }
    }

    func indexes(of table: String) async throws -> [Index] {
        let rows = try await database.rows(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = '\(table)' AND sql IS NOT NULL ORDER BY name"
        )
        var indexes: [Index] = []
        for row in rows {
            let name = try row.decode(column: "name", as: String.self)
            let sql = try row.decode(column: "sql", as: String.self)
            let columns = try await database.rows("SELECT name FROM pragma_index_info('\(name)') ORDER BY seqno")
                .map { try $0.decode(column: "name", as: String.self) }
            let predicate = sql.range(of: " WHERE ").map { String(sql[$0.upperBound...]) }
            indexes.append(Index(name, columns, unique: sql.hasPrefix("CREATE UNIQUE"), where: predicate))
        }
        return indexes
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

/// The parts of a `CREATE TABLE` statement, split at top-level commas.
struct CreateTableText {
    enum Kind: String {
        case primaryKey = "PRIMARY KEY"
        case unique = "UNIQUE"
        case foreignKey = "FOREIGN KEY"
        case check = "CHECK"
    }

    let parts: [String]

    init(_ sql: String) {
        guard let open = sql.firstIndex(of: "("), let close = sql.lastIndex(of: ")") else {
            parts = []
            return
        }
        parts = Self.splitTopLevel(String(sql[sql.index(after: open)..<close]))
    }

    /// Table constraints: (name, kind, the text after the kind keyword).
    var constraints: [(name: String, kind: Kind, body: String)] {
        parts.compactMap { part in
            guard let match = part.wholeMatch(of: /CONSTRAINT\s+"?([^"\s]+)"?\s+(PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK)\s*(.*)/.dotMatchesNewlines()),
                let kind = Kind(rawValue: String(match.2))
            else { return nil }
            return (String(match.1), kind, String(match.3))
        }
    }

    var uniques: [UniqueConstraint] {
        constraints.filter { $0.kind == .unique }.map { UniqueConstraint($0.name, Self.columnList($0.body)) }
    }

    var checks: [CheckConstraint] {
        constraints.filter { $0.kind == .check }.map { constraint in
            let expression = String(Self.balanced(constraint.body).dropFirst().dropLast())
            return CheckConstraint(constraint.name, postgres: expression, sqlite: expression)
        }
    }

    /// The name of the table constraint of `kind` on exactly `columns`, or of a column's inline primary key.
    func constraintName(_ kind: Kind, _ columns: [String]) -> String? {
        if let name = constraints.first(where: { $0.kind == kind && Self.columnList($0.body) == columns })?.name {
            return name
        }
        guard kind == .primaryKey, columns.count == 1, let part = columnPart(columns[0]) else { return nil }
        return part.firstMatch(of: /CONSTRAINT\s+"?([^"\s]+)"?\s+PRIMARY KEY/).map { String($0.1) }
    }

    func isAutoincrement(_ column: String) -> Bool {
        columnPart(column)?.contains("AUTOINCREMENT") ?? false
    }

    /// The values of a column's `CHECK ("col" IN ('a', 'b'))`, which is how SQLite keeps an enum.
    func allowedValues(of column: String) -> [String]? {
        guard let part = columnPart(column), let check = part.range(of: "CHECK (\"\(column)\" IN (") else { return nil }
        let list = Self.balanced("(" + part[check.upperBound...])
        return list.matches(of: /'((?:[^']|'')*)'/).map { String($0.1).replacingOccurrences(of: "''", with: "'") }
    }

    func columnPart(_ column: String) -> String? {
        parts.first { $0.hasPrefix("\"\(column)\" ") || $0.hasPrefix("\(column) ") }
    }

    /// `("a", "b") …` → `["a", "b"]`.
    static func columnList(_ text: String) -> [String] {
        let inner = balanced(text).dropFirst().dropLast()
        return inner.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
    }

    /// The leading balanced parenthesised group of `text`, quotes respected.
    static func balanced(_ text: some StringProtocol) -> String {
        var depth = 0
        var quote: Character?
        var result = ""
        for character in text.drop(while: { $0 != "(" }) {
            result.append(character)
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"": quote = character
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return result }
            default: break
            }
        }
        return result
    }

    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
            } else if character == ",", depth == 0 {
                parts.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
        return parts.filter { !$0.isEmpty }
    }
}
