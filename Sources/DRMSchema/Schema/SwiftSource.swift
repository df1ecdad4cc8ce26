import Foundation

/// Writes schema values as Swift source, the way the declared tables and migrations are written by hand.
/// `db revision` uses it to write migration files.
public enum SwiftSource {
    /// A Swift string literal.
    public static func string(_ text: String) -> String {
        if text.contains(where: \.isNewline) || text.contains("\t") {
            // A view's query spans lines: escape them, so the literal stays on one line.
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\r\n", with: "\\n")
                .replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\r", with: "\\r")
                .replacingOccurrences(of: "\t", with: "\\t")
            return "\"\(escaped)\""
        }
        if text.contains("\"") || text.contains("\\") { return "#\"\(text)\"#" }
        return "\"\(text)\""
    }

    static func strings(_ texts: [String]) -> String {
        "[" + texts.map(string).joined(separator: ", ") + "]"
    }

    public static func type(_ type: ColumnType) -> String {
        switch type {
        case .serial: ".serial"
        case .smallint: ".smallint"
        case .integer: ".integer"
        case .bigint: ".bigint"
        case .varchar(let length): ".varchar(\(length.map(String.init) ?? "nil"))"
        case .text: ".text"
        case .boolean: ".boolean"
        case .timestamptz: ".timestamptz"
        case .timestamp: ".timestamp"
        case .date: ".date"
        case .jsonb: ".jsonb"
        case .json: ".json"
        case .uuid: ".uuid"
        case .inet: ".inet"
        case .numeric(let precision, let scale):
            ".numeric(precision: \(precision.map(String.init) ?? "nil"), scale: \(scale.map(String.init) ?? "nil"))"
        case .doublePrecision: ".doublePrecision"
        case .real: ".real"
        case .enumeration(let name): ".enumeration(\(string(name)))"
        }
    }

    public static func defaultValue(_ value: ColumnDefault) -> String {
        switch value {
        case .sequence: ".sequence"
        case .currentTimestamp: ".currentTimestamp"
        case .now: ".now"
        case .randomUUID: ".randomUUID"
        case .bool(let flag): ".bool(\(flag))"
        case .int(let number): ".int(\(number))"
        case .literal(let text): ".literal(\(string(text)))"
        case .serialNumber(let prefix, let width): ".serialNumber(prefix: \(string(prefix)), width: \(width))"
        case .expression(let sql): ".expression(\(string(sql)))"
        }
    }

    public static func column(_ column: Column) -> String {
        var arguments = [string(column.name), type(column.type)]
        if column.type != .serial {
            if !column.isNullable { arguments.append("null: false") }
            if let value = column.defaultValue { arguments.append("default: \(defaultValue(value))") }
        }
        return "Column(\(arguments.joined(separator: ", ")))"
    }

    public static func index(_ index: Index) -> String {
        var text = "Index(\(string(index.name)), \(strings(index.columns))"
        if index.isUnique { text += ", unique: true" }
        if let predicate = index.predicate { text += ", where: \(string(predicate))" }
        if let predicate = index.sqlitePredicate { text += ", sqliteWhere: \(string(predicate))" }
        if index.method != "btree" { text += ", using: \(string(index.method))" }
        return text + ")"
    }

    public static func foreignKey(_ key: ForeignKey) -> String {
        var text = "ForeignKey(\(string(key.name)), \(strings(key.columns)), references: \(string(key.referencedTable))"
        if key.referencedColumns != ["id"] { text += ", \(strings(key.referencedColumns))" }
        if key.onDelete != .noAction { text += ", onDelete: .\(action(key.onDelete))" }
        if key.onUpdate != .noAction { text += ", onUpdate: .\(action(key.onUpdate))" }
        return text + ")"
    }

    static func action(_ action: ReferentialAction) -> String {
        switch action {
        case .noAction: "noAction"
        case .restrict: "restrict"
        case .cascade: "cascade"
        case .setNull: "setNull"
        case .setDefault: "setDefault"
        }
    }

    public static func check(_ check: CheckConstraint) -> String {
        var text = "CheckConstraint(\(string(check.name)), postgres: \(string(check.postgres))"
        if check.sqlite != check.postgres { text += ", sqlite: \(string(check.sqlite))" }
        if let source = check.postgresSource { text += ", postgresSource: \(string(source))" }
        return text + ")"
    }

    /// A `DatabaseView(…)` expression.
    public static func view(_ view: DatabaseView) -> String {
        var text = "DatabaseView(\(string(view.name)), postgres: \(string(view.postgres))"
        if view.sqlite != view.postgres { text += ", sqlite: \(string(view.sqlite))" }
        if let source = view.postgresSource { text += ", postgresSource: \(string(source))" }
        return text + ")"
    }

    /// A `Table(…)` expression, indented by `indent` spaces.
    public static func table(_ table: Table, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        func list(_ label: String, _ items: [String]) -> String? {
            items.isEmpty
                ? nil : "\(pad)    \(label): [\n" + items.map { "\(pad)        \($0),\n" }.joined() + "\(pad)    ]"
        }
        let key = table.primaryKey.map { "PrimaryKey(\(string($0.name)), \(strings($0.columns)))" } ?? "nil"
        let parts = [
            "\(pad)    \(string(table.name))",
            list("columns", table.columns.map(column)) ?? "\(pad)    columns: []",
            "\(pad)    primaryKey: \(key)",
            list("uniques", table.uniques.map { "UniqueConstraint(\(string($0.name)), \(strings($0.columns)))" }),
            list("foreignKeys", table.foreignKeys.map(foreignKey)),
            list("checks", table.checks.map(check)),
            list("indexes", table.indexes.map(index)),
        ].compactMap { $0 }
        return "Table(\n" + parts.joined(separator: ",\n") + "\n\(pad))"
    }

    /// A `SchemaOperation` expression, indented by `indent` spaces.
    public static func operation(_ operation: SchemaOperation, indent: Int) -> String {
        switch operation {
        case .createEnum(let type):
            return ".createEnum(EnumType(\(string(type.name)), \(strings(type.values))))"
        case .dropEnum(let name):
            return ".dropEnum(\(string(name)))"
        case .addEnumValue(let name, let value):
            return ".addEnumValue(enum: \(string(name)), value: \(string(value)))"
        case .createTable(let table):
            return ".createTable(\(self.table(table, indent: indent)))"
        case .dropTable(let name):
            return ".dropTable(\(string(name)))"
        case .addColumn(let table, let column):
            return ".addColumn(table: \(string(table)), \(self.column(column)))"
        case .dropColumn(let table, let column):
            return ".dropColumn(table: \(string(table)), column: \(string(column)))"
        case .alterColumnType(let table, let column, let type, let cast):
            let using =
                cast.map { cast in
                    ", using: .init(postgres: \(string(cast.postgres))"
                        + (cast.sqlite.map { ", sqlite: \(string($0))" } ?? "") + ")"
                } ?? ""
            return
                ".alterColumnType(table: \(string(table)), column: \(string(column)), to: \(self.type(type))\(using))"
        case .setNullable(let table, let column, let isNullable):
            return ".setNullable(table: \(string(table)), column: \(string(column)), \(isNullable))"
        case .setDefault(let table, let column, let value):
            return
                ".setDefault(table: \(string(table)), column: \(string(column)), \(value.map(defaultValue) ?? "nil"))"
        case .createIndex(let table, let index):
            return ".createIndex(table: \(string(table)), \(self.index(index)))"
        case .dropIndex(let table, let name):
            return ".dropIndex(table: \(string(table)), name: \(string(name)))"
        case .addUnique(let table, let unique):
            return
                ".addUnique(table: \(string(table)), UniqueConstraint(\(string(unique.name)), \(strings(unique.columns))))"
        case .addForeignKey(let table, let key):
            return ".addForeignKey(table: \(string(table)), \(foreignKey(key)))"
        case .addCheck(let table, let check):
            return ".addCheck(table: \(string(table)), \(self.check(check)))"
        case .dropConstraint(let table, let name):
            return ".dropConstraint(table: \(string(table)), name: \(string(name)))"
        case .createView(let view):
            return ".createView(\(self.view(view)))"
        case .dropView(let name):
            return ".dropView(\(string(name)))"
        case .sql(let postgres, let sqlite):
            return ".sql(postgres: \(string(postgres)), sqlite: \(sqlite.map(string) ?? "nil"))"
        }
    }

    /// A whole migration file: `extension Migration { static let m0002 = Migration(…) }`. Each operation follows
    /// a comment naming its table and columns (``SchemaOperation/summary(before:)``); `upFrom` and `downFrom` are
    /// the schemas the operations apply to, for the columns of what they drop.
    public static func migrationFile(
        revision: String, message: String, up: [SchemaOperation], down: [SchemaOperation],
        upFrom: DatabaseSchema? = nil, downFrom: DatabaseSchema? = nil
    ) -> String {
        func list(_ operations: [SchemaOperation], _ before: DatabaseSchema?) -> String {
            operations.isEmpty
                ? "[]"
                : "[\n"
                    + operations.map {
                        "            // \($0.summary(before: before))\n            \(operation($0, indent: 12)),\n"
                    }.joined() + "        ]"
        }
        return """
            // Generated by `enabledrm db revision`. Shipped migrations are never edited: add a new one instead.
            extension Migration {
                /// \(message)
                static let m\(revision) = Migration(
                    \(string(revision)),
                    \(string(message)),
                    up: \(list(up, upFrom)),
                    down: \(list(down, downFrom))
                )
            }

            """
    }
}
