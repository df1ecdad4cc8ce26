import Foundation
import SQLKit

/// Reads the schema of a live PostgreSQL database (the current schema, usually `public`) from `pg_catalog`.
struct PostgresIntrospector {
    let database: any SQLDatabase

    func schema() async throws -> DatabaseSchema {
        var tables: [String: Table] = [:]
        for name in try await tableNames() {
            tables[name] = Table(name, columns: [], primaryKey: nil)
        }
        for row in try await database.rows(Query.columns) {
            let tableName = try row.decode(column: "table_name", as: String.self)
            var column = try Column(
                name: row.decode(column: "column_name", as: String.self),
                formattedType: row.decode(column: "type", as: String.self),
                notNull: row.decode(column: "not_null", as: Bool.self),
                defaultSQL: row.decode(column: "default_sql", as: String?.self),
                table: tableName
            )
            column.collation = try row.decode(column: "collation", as: String?.self)
            tables[tableName]?.columns.append(column)
        }
        for row in try await database.rows(Query.constraints) {
            let tableName = try row.decode(column: "table_name", as: String.self)
            try tables[tableName]?.add(constraint: row)
        }
        for row in try await database.rows(Query.indexes) {
            let tableName = try row.decode(column: "table_name", as: String.self)
            let index = try Index(
                row.decode(column: "index_name", as: String.self),
                row.decode(column: "columns", as: [String].self).map(Self.unquote),
                unique: row.decode(column: "is_unique", as: Bool.self),
                where: row.decode(column: "predicate", as: String?.self),
                using: row.decode(column: "method", as: String.self)
            )
            tables[tableName]?.indexes.append(index)
        }
        for name in tables.keys {
            tables[name]?.sequences = []
            tables[name]?.triggers = [:]
        }
        for row in try await database.rows(Query.triggers) {
            let tableName = try row.decode(column: "table_name", as: String.self)
            let name = try row.decode(column: "trigger_name", as: String.self)
            tables[tableName]?.triggers?[name] = try row.decode(column: "definition", as: String.self)
        }
        for row in try await database.rows(Query.sequences) {
            let tableName = try row.decode(column: "table_name", as: String.self)
            try tables[tableName]?.sequences?.append(
                SerialSequence(
                    column: row.decode(column: "column_name", as: String.self),
                    name: row.decode(column: "sequence_name", as: String.self),
                    increment: row.decode(column: "increment", as: Int.self),
                    start: row.decode(column: "start", as: Int.self),
                    minValue: row.decode(column: "min_value", as: Int.self),
                    maxValue: row.decode(column: "max_value", as: Int.self),
                    cycles: row.decode(column: "cycles", as: Bool.self),
                    isOwnedByColumn: row.decode(column: "owned", as: Bool.self)))
        }
        var enums: [EnumType] = []
        for row in try await database.rows(Query.enums) {
            let name = try row.decode(column: "type_name", as: String.self)
            let value = try row.decode(column: "label", as: String.self)
            if enums.last?.name == name {
                enums[enums.count - 1].values.append(value)
            } else {
                enums.append(EnumType(name, [value]))
            }
        }
        let views = try await database.rows(Query.views).map { row in
            DatabaseView(
                try row.decode(column: "view_name", as: String.self),
                postgres: try row.decode(column: "definition", as: String.self))
        }
        return DatabaseSchema(enums: enums, tables: tables.values.sorted { $0.name < $1.name }, views: views)
    }

    func tableNames() async throws -> [String] {
        try await database.rows(Query.tables).map { try $0.decode(column: "table_name", as: String.self) }
    }

    static func unquote(_ identifier: String) -> String {
        guard identifier.hasPrefix("\""), identifier.hasSuffix("\""), identifier.count >= 2 else { return identifier }
        return String(identifier.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    enum Query {
        static let tables = """
            SELECT c.relname::text AS table_name FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1
            """
        static let columns = """
            SELECT c.relname::text AS table_name, a.attname::text AS column_name,
                   pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
                   pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_sql,
                   CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation
                        THEN pg_catalog.quote_ident(co.collname) END AS collation
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
            LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
            JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """
        static let constraints = """
            SELECT c.relname::text AS table_name, con.conname::text AS name, con.contype::text AS kind,
                   pg_catalog.pg_get_constraintdef(con.oid) AS definition,
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
                         ORDER BY k.ord) AS columns,
                   COALESCE(f.relname::text, '') AS referenced_table,
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num
                         ORDER BY k.ord) AS referenced_columns,
                   con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
            FROM pg_catalog.pg_constraint con
            JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_catalog.pg_class f ON f.oid = con.confrelid
            WHERE n.nspname = current_schema() AND con.contype IN ('p', 'u', 'f', 'c')
            ORDER BY c.relname, con.conname
            """
        static let indexes = """
            SELECT t.relname::text AS table_name, i.relname::text AS index_name, ix.indisunique AS is_unique,
                   am.amname::text AS method,
                   pg_catalog.pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
                   ARRAY(SELECT pg_catalog.pg_get_indexdef(ix.indexrelid, k, true)
                           || CASE WHEN ix.indcollation[k - 1] <> 0
                                    AND ix.indcollation[k - 1] <> coalesce(a.attcollation, 100)
                                   THEN ' COLLATE ' || pg_catalog.quote_ident(co.collname) ELSE '' END
                           || CASE WHEN NOT oc.opcdefault THEN ' ' || oc.opcname ELSE '' END
                           || CASE WHEN (ix.indoption[k - 1] & 1) = 1
                                   THEN ' DESC' || CASE WHEN (ix.indoption[k - 1] & 2) = 0 THEN ' NULLS LAST' ELSE '' END
                                   ELSE CASE WHEN (ix.indoption[k - 1] & 2) = 2 THEN ' NULLS FIRST' ELSE '' END END
                         FROM generate_series(1, ix.indnkeyatts) AS k
                         LEFT JOIN pg_catalog.pg_attribute a
                           ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k - 1] AND ix.indkey[k - 1] <> 0
                         LEFT JOIN pg_catalog.pg_collation co ON co.oid = ix.indcollation[k - 1]
                         LEFT JOIN pg_catalog.pg_opclass oc ON oc.oid = ix.indclass[k - 1]
                         ORDER BY k) AS columns
            FROM pg_catalog.pg_index ix
            JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
            JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
            JOIN pg_catalog.pg_am am ON am.oid = i.relam
            JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND t.relkind IN ('r', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                              WHERE con.conindid = ix.indexrelid AND con.contype IN ('p', 'u', 'x'))
            ORDER BY t.relname, i.relname
            """
        /// The sequence each column's default draws on, with its parameters and whether the column owns it.
        static let sequences = """
            SELECT t.relname::text AS table_name, a.attname::text AS column_name, s.relname::text AS sequence_name,
                   q.seqincrement AS increment, q.seqstart AS start, q.seqmin AS min_value, q.seqmax AS max_value,
                   q.seqcycle AS cycles,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_depend o
                           WHERE o.classid = 'pg_catalog.pg_class'::regclass AND o.objid = s.oid
                             AND o.refobjid = t.oid AND o.refobjsubid = a.attnum AND o.deptype = 'a') AS owned
            FROM pg_catalog.pg_attrdef ad
            JOIN pg_catalog.pg_class t ON t.oid = ad.adrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
            JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.objid = ad.oid
              AND d.refclassid = 'pg_catalog.pg_class'::regclass
            JOIN pg_catalog.pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
            JOIN pg_catalog.pg_sequence q ON q.seqrelid = s.oid
            WHERE n.nspname = current_schema()
            ORDER BY t.relname, a.attnum
            """
        static let triggers = """
            SELECT c.relname::text AS table_name, tg.tgname::text AS trigger_name,
                   pg_catalog.pg_get_triggerdef(tg.oid, true) AS definition
            FROM pg_catalog.pg_trigger tg
            JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND NOT tg.tgisinternal
            ORDER BY c.relname, tg.tgname
            """
        /// The views in the order they were made, so that each comes after the views it reads.
        static let views = """
            SELECT c.relname::text AS view_name, pg_catalog.pg_get_viewdef(c.oid, true) AS definition
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'v'
            ORDER BY c.oid
            """
        static let enums = """
            SELECT t.typname::text AS type_name, e.enumlabel::text AS label
            FROM pg_catalog.pg_type t
            JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
            JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = current_schema()
            ORDER BY t.typname, e.enumsortorder
            """
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
            } else if let match = sql.wholeMatch(of: /'((?:[^']|'')*)'::[a-z_ ]+(\(\d+(,\d+)?\))?/) {
                self = .literal(String(match.1).replacingOccurrences(of: "''", with: "'"))
            } else if let match = sql.wholeMatch(
                of: /\('([^']*)'::text \|\| lpad\(\(nextval\('\w+_id_seq'::regclass\)\)::text, (\d+), '0'::text\)\)/
            ) {
                self = .serialNumber(prefix: String(match.1), width: Int(match.2) ?? 0)
            } else {
                self = .expression(sql)
            }
        }
    }
}

extension Table {
    /// Adds one row of the constraints query.
    mutating func add(constraint row: any SQLRow) throws {
        let name = try row.decode(column: "name", as: String.self)
        let columns = try row.decode(column: "columns", as: [String].self)
        switch try row.decode(column: "kind", as: String.self) {
        case "p":
            primaryKey = PrimaryKey(name, columns)
        case "u":
            uniques.append(UniqueConstraint(name, columns))
        case "f":
            func action(_ code: String) -> ReferentialAction {
                ["r": .restrict, "c": .cascade, "n": .setNull, "d": .setDefault][code] ?? .noAction
            }
            foreignKeys.append(
                ForeignKey(
                    name, columns,
                    references: try row.decode(column: "referenced_table", as: String.self),
                    try row.decode(column: "referenced_columns", as: [String].self),
                    onDelete: action(try row.decode(column: "on_delete", as: String.self)),
                    onUpdate: action(try row.decode(column: "on_update", as: String.self))
                ))
        default:
            var definition = try row.decode(column: "definition", as: String.self)
            if definition.hasPrefix("CHECK ") { definition.removeFirst("CHECK ".count) }
            checks.append(CheckConstraint(name, postgres: definition, sqlite: definition))
        }
    }
}
