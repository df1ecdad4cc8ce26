import Foundation

/// Plans the schema operations that turn one schema into another: a live database into the declared schema
/// (`db revision --autogenerate`, `db upgrade --repair`, adopting an original ENABLEDRM database), and back.
public struct SchemaPlanner: Sendable {
    public let dialect: SchemaDialect

    public init(_ dialect: SchemaDialect) {
        self.dialect = dialect
    }

    /// A plan: the operations, and what must hold of the data before they run.
    public struct Plan: Sendable {
        public var operations: [SchemaOperation]
        /// Queries that must return no row, or the plan can't run without losing or mangling data.
        public var preconditions: [Precondition]
        /// Differences no operation can repair (an enum value out of order, a changed primary key).
        public var unsupported: [SchemaDifference]
    }

    /// A check on the data: `sql` returns the offending values, if any.
    public struct Precondition: Sendable, Hashable {
        public var message: String
        public var sql: String
    }

    /// The operations that turn `found` into `expected`. A view `expected` doesn't have is dropped unless
    /// `keepingExtraViews` (repair keeps someone's own views: `db check` goes on reporting them).
    public func plan(
        from found: DatabaseSchema, to expected: DatabaseSchema, keepingExtraViews: Bool = false
    ) -> Plan {
        var plan = Plan(operations: [], preconditions: [], unsupported: [])
        var early: [SchemaOperation] = []  // enum types, then drops of constraints that may block changes
        var middle: [SchemaOperation] = []  // tables and columns
        var late: [SchemaOperation] = []  // new constraints and indexes
        var last: [SchemaOperation] = []  // drops of tables and enum types

        if dialect == .postgres {
            for type in expected.enums {
                guard let live = found.enumType(type.name) else {
                    early.append(.createEnum(type))
                    continue
                }
                let missing = type.values.filter { !live.values.contains($0) }
                early += missing.map { .addEnumValue(enum: type.name, value: $0) }
                if (live.values + missing) != type.values, Set(live.values).isSubset(of: type.values) {
                    plan.unsupported.append(
                        SchemaDifference(
                            .enumValues, type.name, expected: type.values.joined(separator: ", "),
                            found: live.values.joined(separator: ", ")
                        ))
                }
            }
            let declaredEnums = Set(expected.enums.map(\.name))
            last += found.enums.filter { !declaredEnums.contains($0.name) }.map { .dropEnum($0.name) }
        }

        var created = Set(found.tables.map(\.name))
        for table in ordered(expected.tables.filter { found.table($0.name) == nil }) {
            middle.append(.createTable(table))
            created.insert(table.name)
        }
        for table in expected.tables {
            guard let live = found.table(table.name) else { continue }
            let changes = tableChanges(live, table, expected: expected, plan: &plan)
            early += changes.drops
            middle += changes.columns
            late += changes.additions
        }
        let declaredTables = Set(expected.tables.map(\.name))
        for table in found.tables where !declaredTables.contains(table.name) {
            early += table.foreignKeys.map { .dropConstraint(table: table.name, name: $0.name) }
            last.append(.dropTable(table.name))
        }
        // Views go before the tables change and come back after (the migrator drops and re-creates them all
        // around a change of tables anyway).
        for view in found.views {
            guard let declared = expected.view(view.name) else {
                if !keepingExtraViews { early.insert(.dropView(view.name), at: 0) }
                continue
            }
            if declared.comparableQuery(dialect) != view.comparableQuery(dialect) {
                early.insert(.dropView(view.name), at: 0)
            }
        }
        for view in expected.views {
            let live = found.view(view.name)
            if live == nil || live?.comparableQuery(dialect) != view.comparableQuery(dialect) {
                last.append(.createView(view))
            }
        }
        plan.operations = early + middle + late + last
        return plan
    }

    /// Tables in an order where each follows the tables it references.
    func ordered(_ tables: [Table]) -> [Table] {
        var result: [Table] = []
        var remaining = tables
        while !remaining.isEmpty {
            let names = Set(remaining.map(\.name))
            let ready = remaining.filter { table in
                table.foreignKeys.allSatisfy { $0.referencedTable == table.name || !names.contains($0.referencedTable) }
            }
            let next = ready.isEmpty ? [remaining[0]] : ready
            result += next
            remaining.removeAll { table in next.contains { $0.name == table.name } }
        }
        return result
    }

    func tableChanges(
        _ live: Table, _ table: Table, expected: DatabaseSchema, plan: inout Plan
    ) -> (drops: [SchemaOperation], columns: [SchemaOperation], additions: [SchemaOperation]) {
        let name = table.name
        var drops: [SchemaOperation] = []
        var columns: [SchemaOperation] = []
        var additions: [SchemaOperation] = []
        let comparator = SchemaComparator(dialect)

        // Constraints and indexes that differ go first and come back after the columns change.
        let staleKeys = live.foreignKeys.filter { !table.foreignKeys.contains($0) }
        let staleUniques = live.uniques.filter { !table.uniques.contains($0) }
        let staleChecks = live.checks.filter { check in
            !table.checks.contains { $0.name == check.name && comparator.sameCheck($0, check) }
        }
        // An index as this dialect sees it: a live SQLite index has only the predicate SQLite keeps.
        let indexShape = { (index: Index) in
            Index(
                index.name, index.columns, unique: index.isUnique, where: index.predicate(in: self.dialect),
                using: index.method)
        }
        let liveIndexes = live.indexes.map(indexShape)
        let declaredIndexes = table.indexes.map(indexShape)
        let staleIndexes = live.indexes.filter { !declaredIndexes.contains(indexShape($0)) }
        drops += (staleKeys.map(\.name) + staleUniques.map(\.name) + staleChecks.map(\.name)).map {
            .dropConstraint(table: name, name: $0)
        }
        drops += staleIndexes.map { .dropIndex(table: name, name: $0.name) }
        additions += table.foreignKeys.filter { !live.foreignKeys.contains($0) }.map { .addForeignKey(table: name, $0) }
        additions += table.uniques.filter { !live.uniques.contains($0) }.map { .addUnique(table: name, $0) }
        additions += table.checks.filter { check in
            !live.checks.contains { $0.name == check.name && comparator.sameCheck($0, check) }
        }.map { .addCheck(table: name, $0) }
        additions += table.indexes.filter { !liveIndexes.contains(indexShape($0)) }.map {
            .createIndex(table: name, $0)
        }
        if live.primaryKey != table.primaryKey,
            !(dialect == .sqlite && live.primaryKey?.columns == table.primaryKey?.columns)
        {
            plan.unsupported.append(
                SchemaDifference(
                    .primaryKey, table: name, columns: table.primaryKey?.columns, name: table.primaryKey?.name,
                    expected: table.primaryKey?.name, found: live.primaryKey?.name))
        }

        for column in table.columns {
            guard let found = live.column(column.name) else {
                columns.append(.addColumn(table: name, column))
                continue
            }
            var defaultCleared = false
            if column.type == .serial, found.type == .integer {
                // An integer key that lost its sequence default: give the default back.
                columns.append(.setDefault(table: name, column: column.name, .sequence))
                continue
            }
            // A type change without COLLATE also gives the column its type's default collation back.
            if found.type != column.type || found.collation != column.collation {
                columns.append(
                    .alterColumnType(table: name, column: column.name, to: column.type, using: cast(found, to: column)))
                defaultCleared = true
                if case .enumeration(let type) = column.type, let values = expected.enumType(type)?.values {
                    let list = values.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(
                        separator: ", ")
                    plan.preconditions.append(
                        Precondition(
                            message: "\(name).\(column.name) holds values that are not in enum \(type)",
                            sql:
                                "SELECT DISTINCT \(column.name)::text AS value FROM \(name) WHERE \(column.name) IS NOT NULL AND \(column.name)::text NOT IN (\(list))"
                        ))
                }
            }
            if found.isNullable != column.isNullable {
                columns.append(.setNullable(table: name, column: column.name, column.isNullable))
                if !column.isNullable {
                    plan.preconditions.append(
                        Precondition(
                            message: "\(name).\(column.name) has NULLs and is to become NOT NULL",
                            sql: "SELECT 'NULL' AS value FROM \(name) WHERE \(column.name) IS NULL"
                        ))
                }
            }
            let sameDefault =
                comparator.render(column.defaultValue, column, name)
                == comparator.render(found.defaultValue, found, name)
            if column.type != .serial, defaultCleared ? column.defaultValue != nil : !sameDefault {
                columns.append(.setDefault(table: name, column: column.name, column.defaultValue))
            }
        }
        columns += live.drifted(serialsOf: table).map { _, found in
            .sql(postgres: found.repair(table: name), sqlite: nil)
        }
        let declared = Set(table.columns.map(\.name))
        columns += live.columns.filter { !declared.contains($0.name) }.map { .dropColumn(table: name, column: $0.name) }
        return (drops, columns, additions)
    }

    /// A conversion that keeps every value: JSON text to `jsonb`, 0/1 to `boolean`, naive timestamps as UTC.
    func cast(_ found: Column, to column: Column) -> SchemaOperation.Cast? {
        let name = "\"\(column.name)\""
        let target = column.type.postgresName
        let postgres: String
        switch (found.type, column.type) {
        case (.integer, .boolean), (.smallint, .boolean), (.bigint, .boolean):
            postgres = "(\(name) <> 0)"
        case (.boolean, .integer), (.boolean, .smallint), (.boolean, .bigint):
            postgres = "(CASE WHEN \(name) THEN 1 ELSE 0 END)"
        case (.timestamp, .timestamptz):
            postgres = "(\(name) AT TIME ZONE 'UTC')"
        case (.timestamptz, .timestamp):
            postgres = "(\(name) AT TIME ZONE 'UTC')"
        case (_, .enumeration):
            postgres = "\(name)::text::\"\(target)\""
        case (.enumeration, _):
            postgres = "\(name)::text::\(target)"
        default:
            postgres = "\(name)::\(target)"
        }
        let sqlite: String? =
            switch (found.type, column.type) {
            case (.integer, .boolean), (.smallint, .boolean), (.bigint, .boolean): "(\(name) <> 0)"
            default: nil
            }
        return SchemaOperation.Cast(postgres: postgres, sqlite: sqlite)
    }
}

extension SchemaComparator {
    /// Whether two checks say the same in this dialect.
    func sameCheck(_ left: CheckConstraint, _ right: CheckConstraint) -> Bool {
        checkText(left) == checkText(right)
    }
}
