import Foundation

extension SchemaOperation {
    /// One line naming what the operation does, with its table and columns, in the form of `db check`'s lines:
    /// `create_index jobs(status) idx_jobs_status`, `add_column users.nickname`.
    ///
    /// `schema` is the schema the operation applies to; it names the columns of what a drop removes.
    public func summary(before schema: DatabaseSchema? = nil) -> String {
        func at(_ table: String, _ columns: [String]?, _ name: String) -> String {
            "\(table)\(columns.map { "(\($0.joined(separator: ", ")))" } ?? "") \(name)"
        }
        switch self {
        case .createEnum(let type): return "create_enum \(type.name)"
        case .dropEnum(let name): return "drop_enum \(name)"
        case .addEnumValue(let name, let value): return "add_enum_value \(name) '\(value)'"
        case .createTable(let table): return "create_table \(table.name)"
        case .dropTable(let name): return "drop_table \(name)"
        case .addColumn(let table, let column): return "add_column \(table).\(column.name) \(column.type.displayName)"
        case .dropColumn(let table, let column): return "drop_column \(table).\(column)"
        case .alterColumnType(let table, let column, let type, _):
            return "alter_type \(table).\(column) to \(type.displayName)"
        case .setNullable(let table, let column, let isNullable):
            return "\(isNullable ? "drop_not_null" : "set_not_null") \(table).\(column)"
        case .setDefault(let table, let column, _): return "set_default \(table).\(column)"
        case .createIndex(let table, let index): return "create_index \(at(table, index.columns, index.name))"
        case .dropIndex(let table, let name):
            let columns = schema?.table(table)?.indexes.first { $0.name == name }?.columns
            return "drop_index \(at(table, columns, name))"
        case .addUnique(let table, let unique): return "add_unique \(at(table, unique.columns, unique.name))"
        case .addForeignKey(let table, let key):
            return "add_fk \(at(table, key.columns, key.name)) → \(key.referencedTable)"
        case .addCheck(let table, let check):
            let names = schema?.table(table)?.columns.map(\.name) ?? []
            let columns = SchemaComparator.columns(of: check.postgres, among: names)
            return "add_check \(at(table, columns.isEmpty ? nil : columns, check.name))"
        case .dropConstraint(let table, let name):
            let live = schema?.table(table)
            let columns =
                live?.uniques.first { $0.name == name }?.columns ?? live?.foreignKeys.first { $0.name == name }?.columns
                ?? live?.primaryKey.flatMap { $0.name == name ? $0.columns : nil }
            return "drop_constraint \(at(table, columns, name))"
        case .createView(let view): return "create_view \(view.name)"
        case .dropView(let name): return "drop_view \(name)"
        case .sql: return "sql (data step)"
        }
    }
}
