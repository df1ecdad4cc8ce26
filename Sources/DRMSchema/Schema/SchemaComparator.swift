import Foundation

/// Compares a live schema with the declared one, in one dialect's terms.
public struct SchemaComparator: Sendable {
    public let dialect: SchemaDialect
    let renderer: SQLRenderer

    public init(_ dialect: SchemaDialect) {
        self.dialect = dialect
        self.renderer = SQLRenderer(dialect)
    }

    /// Every difference, tables in declared order, then extra tables and enum types.
    public func differences(expected: DatabaseSchema, found: DatabaseSchema) -> [SchemaDifference] {
        var result: [SchemaDifference] = []
        for table in expected.tables {
            guard let live = found.table(table.name) else {
                result.append(SchemaDifference(.missingTable, table.name))
                continue
            }
            result += columns(table, live, expectedSchema: expected)
            result += live.drifted(serialsOf: table).map { expected, found in
                SchemaDifference(
                    .sequence, table: table.name, columns: [expected.column], name: found.name,
                    expected: expected.parameters(table: table.name), found: found.parameters(table: table.name))
            }
            result += keys(table, live)
            result += foreignKeys(table, live)
            result += checks(table, live)
            result += indexes(table, live)
            result += (live.triggers ?? [:]).sorted { $0.key < $1.key }.map { name, definition in
                SchemaDifference(.extraTrigger, table: table.name, name: name, found: definition)
            }
        }
        let declared = Set(expected.tables.map(\.name))
        result += found.tables.filter { !declared.contains($0.name) }.map { SchemaDifference(.extraTable, $0.name) }
        result += enums(expected, found)
        result += views(expected, found)
        return result
    }

    /// Views by name; a view's query compares in this dialect, whitespace folded.
    func views(_ expected: DatabaseSchema, _ found: DatabaseSchema) -> [SchemaDifference] {
        var result: [SchemaDifference] = []
        for view in expected.views {
            guard let live = found.view(view.name) else {
                result.append(SchemaDifference(.missingView, view.name))
                continue
            }
            let declaredQuery = view.comparableQuery(dialect)
            let liveQuery = live.comparableQuery(dialect)
            if liveQuery != declaredQuery {
                result.append(SchemaDifference(.changedView, view.name, expected: declaredQuery, found: liveQuery))
            }
        }
        let declared = Set(expected.views.map(\.name))
        result += found.views.filter { !declared.contains($0.name) }.map {
            SchemaDifference(.extraView, $0.name, found: $0.comparableQuery(dialect))
        }
        return result
    }

    func columns(_ table: Table, _ live: Table, expectedSchema: DatabaseSchema) -> [SchemaDifference] {
        var result: [SchemaDifference] = []
        for column in table.columns {
            let at = (table: table.name, columns: [column.name])
            guard let found = live.column(column.name) else {
                result.append(
                    SchemaDifference(
                        .missingColumn, table: at.table, columns: at.columns, expected: column.type.displayName))
                continue
            }
            if found.type != column.type || found.collation != column.collation {
                result.append(
                    SchemaDifference(
                        .type, table: at.table, columns: at.columns, expected: column.typeDescription,
                        found: found.typeDescription))
            }
            if found.isNullable != column.isNullable {
                result.append(
                    SchemaDifference(
                        .nullability, table: at.table, columns: at.columns,
                        expected: column.isNullable ? "NULL" : "NOT NULL", found: found.isNullable ? "NULL" : "NOT NULL"
                    ))
            }
            let expectedDefault = render(column.defaultValue, column, table.name)
            let foundDefault = render(found.defaultValue, found, table.name)
            // A serial's default is its sequence: a lost sequence shows as the type difference above.
            if expectedDefault != foundDefault, column.type != .serial, found.type != .serial {
                result.append(
                    SchemaDifference(
                        .default, table: at.table, columns: at.columns, expected: expectedDefault, found: foundDefault))
            }
        }
        let declared = Set(table.columns.map(\.name))
        result += live.columns.filter { !declared.contains($0.name) }.map {
            SchemaDifference(.extraColumn, table: table.name, columns: [$0.name], found: $0.type.displayName)
        }
        return result
    }

    /// A default as this dialect writes it. SQLite reports `DEFAULT (expr)` without the parentheses.
    func render(_ value: ColumnDefault?, _ column: Column, _ table: String) -> String? {
        guard let sql = value.flatMap({ renderer.defaultExpression($0, column: column, table: table) }) else {
            return nil
        }
        guard dialect == .sqlite, sql.hasPrefix("("), CreateTableText.balanced(sql) == sql else { return sql }
        return String(sql.dropFirst().dropLast())
    }

    func keys(_ table: Table, _ live: Table) -> [SchemaDifference] {
        var result: [SchemaDifference] = []
        if let key = table.primaryKey, key != live.primaryKey {
            let describe = { (key: PrimaryKey?) in key.map { "\($0.name) (\($0.columns.joined(separator: ", ")))" } }
            // SQLite doesn't keep the name of a rowid primary key when it was declared without one.
            if !(dialect == .sqlite && live.primaryKey?.columns == key.columns && live.primaryKey?.name == "") {
                result.append(
                    SchemaDifference(
                        .primaryKey, table: table.name, columns: key.columns, name: key.name, expected: describe(key),
                        found: describe(live.primaryKey)))
            }
        }
        result += named(
            table.uniques, live.uniques, table: table.name, category: .unique, shape: \.columns, columns: \.columns
        ) {
            $0.columns.joined(separator: ", ")
        }
        return result
    }

    func foreignKeys(_ table: Table, _ live: Table) -> [SchemaDifference] {
        let describe = { (key: ForeignKey) in
            "\(key.columns.joined(separator: ", ")) → \(key.referencedTable)(\(key.referencedColumns.joined(separator: ", ")))"
        }
        var result = named(
            table.foreignKeys, live.foreignKeys, table: table.name, category: .missingForeignKey,
            extraCategory: .extraForeignKey, shape: describe, columns: \.columns, describe: describe
        )
        for key in table.foreignKeys {
            guard let found = live.foreignKeys.first(where: { $0.name == key.name }) else { continue }
            if found.columns != key.columns || found.referencedTable != key.referencedTable
                || found.referencedColumns != key.referencedColumns
            {
                result.append(
                    SchemaDifference(
                        .changedForeignKey, table: table.name, columns: key.columns, name: key.name,
                        expected: describe(key), found: describe(found)))
            }
            if found.onDelete != key.onDelete || found.onUpdate != key.onUpdate {
                result.append(
                    SchemaDifference(
                        .foreignKeyAction, table: table.name, columns: key.columns, name: key.name,
                        expected: "ON DELETE \(key.onDelete.rawValue) ON UPDATE \(key.onUpdate.rawValue)",
                        found: "ON DELETE \(found.onDelete.rawValue) ON UPDATE \(found.onUpdate.rawValue)"
                    ))
            }
        }
        return result
    }

    /// A check's expression in this dialect, whitespace folded.
    func checkText(_ check: CheckConstraint) -> String {
        (dialect == .postgres ? check.postgres : check.sqlite).split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
    }

    func checks(_ table: Table, _ live: Table) -> [SchemaDifference] {
        let text = checkText
        let names = table.columns.map(\.name) + live.columns.map(\.name)
        let columns = { (check: CheckConstraint) in Self.columns(of: text(check), among: names) }
        var result = named(
            table.checks, live.checks, table: table.name, category: .check, shape: text, columns: columns,
            describe: text)
        for check in table.checks {
            if let found = live.checks.first(where: { $0.name == check.name }), text(found) != text(check) {
                result.append(
                    SchemaDifference(
                        .check, table: table.name, columns: columns(check), name: check.name, expected: text(check),
                        found: text(found)))
            }
        }
        return result
    }

    func indexes(_ table: Table, _ live: Table) -> [SchemaDifference] {
        let describe = { (index: Index) in
            var text = "\(index.isUnique ? "UNIQUE " : "")(\(index.columns.joined(separator: ", ")))"
            if index.method != "btree" { text += " USING \(index.method)" }
            if let predicate = index.predicate(in: dialect) { text += " WHERE \(predicate)" }
            return text
        }
        var result = named(
            table.indexes, live.indexes, table: table.name, category: .missingIndex, extraCategory: .extraIndex,
            shape: describe, columns: \.columns, describe: describe
        )
        for index in table.indexes {
            if let found = live.indexes.first(where: { $0.name == index.name }), describe(found) != describe(index) {
                result.append(
                    SchemaDifference(
                        .changedIndex, table: table.name, columns: index.columns, name: index.name,
                        expected: describe(index), found: describe(found)))
            }
        }
        return result
    }

    func enums(_ expected: DatabaseSchema, _ found: DatabaseSchema) -> [SchemaDifference] {
        var result: [SchemaDifference] = []
        for type in expected.enums {
            guard let live = found.enumType(type.name) else {
                // SQLite has no enum types: only the values of columns that use one are known.
                if dialect == .postgres {
                    result.append(
                        SchemaDifference(.missingEnum, type.name, expected: type.values.joined(separator: ", ")))
                }
                continue
            }
            if live.values != type.values {
                result.append(
                    SchemaDifference(
                        .enumValues, type.name,
                        expected: type.values.joined(separator: ", "), found: live.values.joined(separator: ", ")
                    ))
            }
        }
        let declared = Set(expected.enums.map(\.name))
        result += found.enums.filter { !declared.contains($0.name) }.map {
            SchemaDifference(.extraEnum, $0.name, found: $0.values.joined(separator: ", "))
        }
        return result
    }

    /// The columns among `names` that an expression mentions, in the order it mentions them.
    static func columns(of expression: String, among names: [String]) -> [String] {
        let known = Set(names)
        var seen: [String] = []
        // Quoted text ('…') holds values, not column names.
        let unquoted = expression.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter {
            $0.offset % 2 == 0
        }.map(\.element).joined(separator: " ")
        for word in unquoted.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
            let word = String(word)
            if known.contains(word), !seen.contains(word) { seen.append(word) }
        }
        return seen
    }

    /// Matches named objects: a missing one whose shape exists under another name is a naming difference.
    func named<Object: NamedObject>(
        _ expected: [Object], _ found: [Object], table: String, category: SchemaDifference.Category,
        extraCategory: SchemaDifference.Category? = nil, shape: (Object) -> some Equatable,
        columns: (Object) -> [String], describe: (Object) -> String
    ) -> [SchemaDifference] {
        var result: [SchemaDifference] = []
        var renamed = Set<String>()
        let foundNames = Set(found.map(\.name))
        let expectedNames = Set(expected.map(\.name))
        for object in expected where !foundNames.contains(object.name) {
            if let other = found.first(where: { !expectedNames.contains($0.name) && shape($0) == shape(object) }) {
                renamed.insert(other.name)
                result.append(
                    SchemaDifference(
                        .naming, table: table, columns: columns(object), name: object.name, expected: object.name,
                        found: other.name))
            } else {
                result.append(
                    SchemaDifference(
                        category, table: table, columns: columns(object), name: object.name,
                        expected: describe(object)))
            }
        }
        for object in found where !expectedNames.contains(object.name) && !renamed.contains(object.name) {
            result.append(
                SchemaDifference(
                    extraCategory ?? category, table: table, columns: columns(object), name: object.name,
                    found: describe(object)))
        }
        return result
    }
}
