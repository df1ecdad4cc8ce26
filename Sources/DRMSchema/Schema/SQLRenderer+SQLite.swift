import Foundation

extension SQLRenderer {
    /// SQLite can't alter a column or a constraint in place. Such changes rebuild the table from its new
    /// definition (the procedure of SQLite's "ALTER TABLE" documentation), copying every row; the migrator runs
    /// them with foreign-key enforcement off and checks the keys before it commits.
    func sqliteStatements(for operation: SchemaOperation, before: DatabaseSchema, after: DatabaseSchema) throws
        -> [String]
    {
        switch operation {
        case .createEnum, .dropEnum:
            return []
        case .addEnumValue(let name, _):
            // The values live in the CHECK of every column of that type.
            return after.tables
                .filter { $0.columns.contains { $0.type == .enumeration(name) } }
                .flatMap { rebuild($0, from: before, in: after, casts: [:]) }
        case .createTable(let table):
            return createTable(table, in: after)
        case .dropTable(let name):
            return ["DROP TABLE \(quote(name))"]
        case .createIndex(let table, let index):
            return [createIndex(index, on: table)]
        case .dropIndex(_, let name):
            return ["DROP INDEX \(quote(name))"]
        case .createView(let view):
            return [createView(view)]
        case .dropView(let name):
            return ["DROP VIEW \(quote(name))"]
        case .sql(let postgres, let sqlite):
            return sqlite == "" ? [] : [sqlite ?? postgres]
        case .alterColumnType(let table, let column, _, let cast):
            let casts = cast?.sqlite.map { [column: $0] } ?? [:]
            return rebuild(after.table(table)!, from: before, in: after, casts: casts)
        case .addColumn(let table, _), .dropColumn(let table, _), .setNullable(let table, _, _),
            .setDefault(let table, _, _), .addUnique(let table, _), .addForeignKey(let table, _),
            .addCheck(let table, _), .dropConstraint(let table, _):
            return rebuild(after.table(table)!, from: before, in: after, casts: [:])
        }
    }

    /// Creates `table` anew under a temporary name, copies the rows of the columns both versions have, and
    /// swaps it in. `casts` convert a column's values while copying.
    func rebuild(_ table: Table, from before: DatabaseSchema, in after: DatabaseSchema, casts: [String: String])
        -> [String]
    {
        let temporary = "_drm_rebuild_\(table.name)"
        let oldColumns = Set(before.table(table.name)?.columns.map(\.name) ?? [])
        let copied = table.columns.map(\.name).filter(oldColumns.contains)
        var create = createTable(table, in: after, as: temporary)
        let indexes = create.dropFirst()
        create.removeLast(indexes.count)
        let sources = copied.map { casts[$0] ?? quote($0) }.joined(separator: ", ")
        return create + [
            "INSERT INTO \(quote(temporary)) (\(quoteList(copied))) SELECT \(sources) FROM \(quote(table.name))",
            "DROP TABLE \(quote(table.name))",
            "ALTER TABLE \(quote(temporary)) RENAME TO \(quote(table.name))",
        ] + indexes
    }
}
