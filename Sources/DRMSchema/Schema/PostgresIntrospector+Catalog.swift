import Foundation

extension PostgresIntrospector {
    /// The rows of the catalog query, by kind, as JSON gives them (decoded from snake case).
    struct Catalog: Decodable {
        struct TableRow: Decodable {
            var tableName: String
        }
        struct ColumnRow: Decodable {
            var tableName, columnName, type: String
            var notNull: Bool
            var defaultSql, collation: String?
        }
        struct ConstraintRow: Decodable {
            var tableName, name, kind, definition, referencedTable, onDelete, onUpdate: String
            var columns, referencedColumns: [String]
        }
        struct IndexRow: Decodable {
            var tableName, indexName, method: String
            var isUnique: Bool
            var predicate: String?
            var columns: [String]
        }
        struct SequenceRow: Decodable {
            var tableName, columnName, sequenceName: String
            var increment, start, minValue, maxValue: Int
            var cycles, owned: Bool
        }
        struct TriggerRow: Decodable {
            var tableName, triggerName, definition: String
        }
        struct EnumRow: Decodable {
            var typeName, label: String
        }
        struct ViewRow: Decodable {
            var viewName, definition: String
        }

        var tables: [TableRow]
        var columns: [ColumnRow]
        var constraints: [ConstraintRow]
        var indexes: [IndexRow]
        var sequences: [SequenceRow]
        var triggers: [TriggerRow]
        var enums: [EnumRow]
        var views: [ViewRow]

        /// The schema these rows describe: tables by name, enum types and views in order.
        var schema: DatabaseSchema {
            var tables: [String: Table] = [:]
            for row in self.tables {
                var table = Table(row.tableName, columns: [], primaryKey: nil)
                table.sequences = []
                table.triggers = [:]
                tables[row.tableName] = table
            }
            for row in columns {
                var column = Column(
                    name: row.columnName, formattedType: row.type, notNull: row.notNull,
                    defaultSQL: row.defaultSql, table: row.tableName)
                column.collation = row.collation
                tables[row.tableName]?.columns.append(column)
            }
            for row in constraints { tables[row.tableName]?.add(constraint: row) }
            for row in indexes {
                tables[row.tableName]?.indexes.append(
                    Index(
                        row.indexName, row.columns.map(PostgresIntrospector.unquote), unique: row.isUnique,
                        where: row.predicate, using: row.method))
            }
            for row in triggers { tables[row.tableName]?.triggers?[row.triggerName] = row.definition }
            for row in sequences {
                tables[row.tableName]?.sequences?.append(
                    SerialSequence(
                        column: row.columnName, name: row.sequenceName, increment: row.increment, start: row.start,
                        minValue: row.minValue, maxValue: row.maxValue, cycles: row.cycles,
                        isOwnedByColumn: row.owned))
            }
            var enums: [EnumType] = []
            for row in self.enums {
                if enums.last?.name == row.typeName {
                    enums[enums.count - 1].values.append(row.label)
                } else {
                    enums.append(EnumType(row.typeName, [row.label]))
                }
            }
            return DatabaseSchema(
                enums: enums, tables: tables.values.sorted { $0.name < $1.name },
                views: views.map { DatabaseView($0.viewName, postgres: $0.definition) })
        }
    }
}

extension Column {
    /// A column as `pg_catalog` describes it. A `nextval` default on its own sequence makes a `serial`.
    init(name: String, formattedType: String, notNull: Bool, defaultSQL: String?, table: String) {
        let type = ColumnType(parsing: formattedType)
        let value = defaultSQL.map(ColumnDefault.init(postgres:))
        if type == .integer, notNull, defaultSQL == "nextval('\(table)_\(name)_seq'::regclass)" {
            self.init(name, .serial)
        } else {
            self.init(name, type, null: !notNull, default: value)
        }
    }
}

extension ColumnDefault {
    /// Parses a default as `pg_get_expr` prints it; what isn't recognised stays an ``expression(_:)``.
    ///
    /// By hand, not with regex literals: a literal is parsed again each time it is evaluated, and that was a quarter
    /// of `db check`'s CPU (one or two per column with a default, #13).
    init(postgres sql: String) {
        switch sql {
        case "CURRENT_TIMESTAMP": self = .currentTimestamp
        case "now()": self = .now
        case "gen_random_uuid()": self = .randomUUID
        case "true": self = .bool(true)
        case "false": self = .bool(false)
        default:
            if let number = Int(sql) {
                self = .int(number)
            } else if let value = Self.castLiteral(sql) {
                self = .literal(value)
            } else if let (prefix, width) = Self.serialNumber(sql) {
                self = .serialNumber(prefix: prefix, width: width)
            } else {
                self = .expression(sql)
            }
        }
    }

    /// The value of `'text'::type` or `'text'::type(n[,m])` (quotes doubled inside), e.g. `'user'::character varying`.
    static func castLiteral(_ sql: String) -> String? {
        guard sql.first == "'" else { return nil }
        var value = ""
        var index = sql.index(after: sql.startIndex)
        while index < sql.endIndex {
            let character = sql[index]
            index = sql.index(after: index)
            guard character == "'" else {
                value.append(character)
                continue
            }
            if index < sql.endIndex, sql[index] == "'" {
                value.append("'")
                index = sql.index(after: index)
                continue
            }
            let rest = sql[index...]
            guard rest.hasPrefix("::") else { return nil }
            let type = rest.dropFirst(2)
            let name = type.prefix { $0.isASCII && ($0.isLowercase || $0 == "_" || $0 == " ") }
            guard !name.isEmpty, isTypeModifier(type.dropFirst(name.count)) else { return nil }
            return value
        }
        return nil
    }

    /// Nothing, or `(n)` or `(n,m)`.
    static func isTypeModifier(_ text: Substring) -> Bool {
        guard !text.isEmpty else { return true }
        guard text.first == "(", text.last == ")" else { return false }
        let numbers = text.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
        return (1...2).contains(numbers.count) && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }

    /// The prefix and width of `('P'::text || lpad((nextval('T_id_seq'::regclass))::text, W, '0'::text))`.
    static func serialNumber(_ sql: String) -> (String, Int)? {
        let open = "('", middle = "'::text || lpad((nextval('", sequence = "_id_seq'::regclass))::text, "
        let close = ", '0'::text))"
        guard sql.hasPrefix(open), sql.hasSuffix(close) else { return nil }
        let body = sql.dropFirst(open.count).dropLast(close.count)
        guard let afterPrefix = body.range(of: middle) else { return nil }
        let prefix = body[..<afterPrefix.lowerBound]
        let rest = body[afterPrefix.upperBound...]
        guard !prefix.contains("'"), let afterName = rest.range(of: sequence) else { return nil }
        let name = rest[..<afterName.lowerBound]
        let width = rest[afterName.upperBound...]
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
            !width.isEmpty, width.allSatisfy(\.isASCIIDigit), let number = Int(width)
        else { return nil }
        return (String(prefix), number)
    }
}

extension Character {
    /// `0`…`9`.
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Table {
    /// Adds one row of the constraints query.
    mutating func add(constraint row: PostgresIntrospector.Catalog.ConstraintRow) {
        switch row.kind {
        case "p":
            primaryKey = PrimaryKey(row.name, row.columns)
        case "u":
            uniques.append(UniqueConstraint(row.name, row.columns))
        case "f":
            func action(_ code: String) -> ReferentialAction {
                ["r": .restrict, "c": .cascade, "n": .setNull, "d": .setDefault][code] ?? .noAction
            }
            foreignKeys.append(
                ForeignKey(
                    row.name, row.columns, references: row.referencedTable, row.referencedColumns,
                    onDelete: action(row.onDelete), onUpdate: action(row.onUpdate)))
        default:
            var definition = row.definition
            if definition.hasPrefix("CHECK ") { definition.removeFirst("CHECK ".count) }
            checks.append(CheckConstraint(row.name, postgres: definition, sqlite: definition))
        }
    }
}
