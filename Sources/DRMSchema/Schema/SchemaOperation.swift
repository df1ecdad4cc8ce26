import Foundation

/// One step of a migration. Each dialect renders it to SQL (``SQLRenderer``), and
/// ``DatabaseSchema/apply(_:)`` applies it to a schema value, so the chain of migrations
/// also yields the declared schema at every revision.
public enum SchemaOperation: Sendable, Hashable {
    case createEnum(EnumType)
    case dropEnum(String)
    case addEnumValue(enum: String, value: String)
    /// Creates the table with its constraints and indexes.
    case createTable(Table)
    case dropTable(String)
    case addColumn(table: String, Column)
    case dropColumn(table: String, column: String)
    /// Changes a column's type, converting stored values with `using`. The old default can't be assumed to fit the
    /// new type, so the column loses it: follow with ``setDefault(table:column:_:)`` to give it a new one.
    case alterColumnType(table: String, column: String, to: ColumnType, using: Cast? = nil)
    case setNullable(table: String, column: String, Bool)
    case setDefault(table: String, column: String, ColumnDefault?)
    case createIndex(table: String, Index)
    case dropIndex(table: String, name: String)
    case addUnique(table: String, UniqueConstraint)
    case addForeignKey(table: String, ForeignKey)
    case addCheck(table: String, CheckConstraint)
    /// Drops a primary key, unique, foreign key or check constraint by name.
    case dropConstraint(table: String, name: String)
    /// Creates the view. Migrations that change tables drop every view first and create them again after
    /// (``Migrator``), so a view never stands in the way of a column change.
    case createView(DatabaseView)
    case dropView(String)
    /// A data step, or a setting that isn't part of the schema's shape (e.g. a table's autovacuum thresholds, which
    /// `db check` doesn't compare). It does not change the schema. `sqlite: nil` runs the PostgreSQL statement on
    /// SQLite too; an empty `sqlite` does nothing there.
    case sql(postgres: String, sqlite: String?)

    /// A conversion of stored values for ``alterColumnType(table:column:to:using:)``,
    /// e.g. `USING config::jsonb` on PostgreSQL. `nil` for SQLite copies the value as it is.
    public struct Cast: Sendable, Hashable {
        public var postgres: String
        public var sqlite: String?

        public init(postgres: String, sqlite: String? = nil) {
            self.postgres = postgres
            self.sqlite = sqlite
        }
    }

    /// The table this operation changes, if it changes one.
    public var tableName: String? {
        switch self {
        case .createEnum, .dropEnum, .addEnumValue, .createView, .dropView, .sql: nil
        case .createTable(let table): table.name
        case .dropTable(let name): name
        case .addColumn(let table, _), .dropColumn(let table, _), .alterColumnType(let table, _, _, _),
            .setNullable(let table, _, _), .setDefault(let table, _, _), .createIndex(let table, _),
            .dropIndex(let table, _), .addUnique(let table, _), .addForeignKey(let table, _),
            .addCheck(let table, _), .dropConstraint(let table, _):
            table
        }
    }

    /// The operation that undoes this one, given the schema it was applied to.
    /// `nil` when it can't be derived (a data step, or a type change without a reverse cast).
    public func inverse(before schema: DatabaseSchema) -> SchemaOperation? {
        switch self {
        case .createEnum(let type): return .dropEnum(type.name)
        case .dropEnum(let name): return schema.enumType(name).map { .createEnum($0) }
        case .addEnumValue, .sql, .alterColumnType: return nil
        case .createView(let view): return .dropView(view.name)
        case .dropView(let name): return schema.view(name).map { .createView($0) }
        case .createTable(let table): return .dropTable(table.name)
        case .dropTable(let name): return schema.table(name).map { .createTable($0) }
        case .addColumn(let table, let column): return .dropColumn(table: table, column: column.name)
        case .dropColumn(let table, let name):
            return schema.table(table)?.column(name).map { .addColumn(table: table, $0) }
        case .setNullable(let table, let column, _):
            return schema.table(table)?.column(column).map { .setNullable(table: table, column: column, $0.isNullable) }
        case .setDefault(let table, let column, _):
            return schema.table(table)?.column(column).map {
                .setDefault(table: table, column: column, $0.defaultValue)
            }
        case .createIndex(let table, let index): return .dropIndex(table: table, name: index.name)
        case .dropIndex(let table, let name):
            return schema.table(table)?.indexes.first { $0.name == name }.map { .createIndex(table: table, $0) }
        case .addUnique(let table, let unique): return .dropConstraint(table: table, name: unique.name)
        case .addForeignKey(let table, let key): return .dropConstraint(table: table, name: key.name)
        case .addCheck(let table, let check): return .dropConstraint(table: table, name: check.name)
        case .dropConstraint(let tableName, let name):
            guard let table = schema.table(tableName) else { return nil }
            if let unique = table.uniques.first(where: { $0.name == name }) {
                return .addUnique(table: tableName, unique)
            }
            if let key = table.foreignKeys.first(where: { $0.name == name }) {
                return .addForeignKey(table: tableName, key)
            }
            if let check = table.checks.first(where: { $0.name == name }) { return .addCheck(table: tableName, check) }
            return nil
        }
    }
}

extension DatabaseSchema {
    /// Applies `operation` to this schema value, or throws when it doesn't fit (a missing table, a duplicate name…).
    public mutating func apply(_ operation: SchemaOperation) throws {
        func fail(_ reason: String) -> SchemaOperationError {
            SchemaOperationError(operation: "\(operation)".prefix(120).description, reason: reason)
        }
        func withTable(_ name: String, _ change: (inout Table) throws -> Void) throws {
            guard let position = tables.firstIndex(where: { $0.name == name }) else { throw fail("no table \(name)") }
            try change(&tables[position])
        }
        func withColumn(_ table: String, _ name: String, _ change: (inout Column) -> Void) throws {
            try withTable(table) { table in
                guard let position = table.columns.firstIndex(where: { $0.name == name }) else {
                    throw fail("no column \(table.name).\(name)")
                }
                change(&table.columns[position])
            }
        }
        switch operation {
        case .createEnum(let type):
            guard enumType(type.name) == nil else { throw fail("enum \(type.name) exists") }
            enums.append(type)
        case .dropEnum(let name):
            guard enumType(name) != nil else { throw fail("no enum \(name)") }
            enums.removeAll { $0.name == name }
        case .addEnumValue(let name, let value):
            guard let position = enums.firstIndex(where: { $0.name == name }) else { throw fail("no enum \(name)") }
            if !enums[position].values.contains(value) { enums[position].values.append(value) }
        case .createTable(let table):
            guard self.table(table.name) == nil else { throw fail("table \(table.name) exists") }
            tables.append(table)
        case .dropTable(let name):
            guard table(name) != nil else { throw fail("no table \(name)") }
            tables.removeAll { $0.name == name }
        case .addColumn(let table, let column):
            try withTable(table) { table in
                guard table.column(column.name) == nil else { throw fail("column \(column.name) exists") }
                table.columns.append(column)
            }
        case .dropColumn(let table, let name):
            try withTable(table) { table in
                guard table.column(name) != nil else { throw fail("no column \(table.name).\(name)") }
                table.columns.removeAll { $0.name == name }
                table.indexes.removeAll { $0.columns.contains(name) }
                table.uniques.removeAll { $0.columns.contains(name) }
                table.foreignKeys.removeAll { $0.columns.contains(name) }
            }
        case .alterColumnType(let table, let column, let type, _):
            try withColumn(table, column) {
                $0.type = type
                $0.defaultValue = nil
            }
        case .setNullable(let table, let column, let isNullable):
            try withColumn(table, column) { $0.isNullable = isNullable }
        case .setDefault(let table, let column, let value):
            try withColumn(table, column) { column in
                // An integer whose default is its own sequence is a serial, as introspection reads it.
                if value == .sequence, column.type == .integer { column.type = .serial }
                column.defaultValue = value
            }
        case .createIndex(let table, let index):
            guard !tables.contains(where: { $0.indexes.contains { $0.name == index.name } }) else {
                throw fail("index \(index.name) exists")
            }
            try withTable(table) { $0.indexes.append(index) }
        case .dropIndex(let table, let name):
            try withTable(table) { table in
                guard table.indexes.contains(where: { $0.name == name }) else { throw fail("no index \(name)") }
                table.indexes.removeAll { $0.name == name }
            }
        case .addUnique(let table, let unique):
            try withTable(table) { $0.uniques.append(unique) }
        case .addForeignKey(let table, let key):
            try withTable(table) { $0.foreignKeys.append(key) }
        case .addCheck(let table, let check):
            try withTable(table) { $0.checks.append(check) }
        case .dropConstraint(let table, let name):
            try withTable(table) { table in
                let before = table
                table.uniques.removeAll { $0.name == name }
                table.foreignKeys.removeAll { $0.name == name }
                table.checks.removeAll { $0.name == name }
                if table.primaryKey?.name == name { table.primaryKey = nil }
                guard table != before else { throw fail("no constraint \(name)") }
            }
        case .createView(let view):
            guard self.view(view.name) == nil, table(view.name) == nil else { throw fail("\(view.name) exists") }
            views.append(view)
        case .dropView(let name):
            guard view(name) != nil else { throw fail("no view \(name)") }
            views.removeAll { $0.name == name }
        case .sql:
            break
        }
    }
}
