import Foundation

/// A whole database schema: enum types, tables and views. The declared schema, a live database's
/// introspected schema and the schema at any revision of the migration chain are all values of this type.
public struct DatabaseSchema: Sendable, Hashable, Codable {
    public var enums: [EnumType]
    public var tables: [Table]
    /// The views, in the order they are created (a view comes after the views it reads).
    public var views: [DatabaseView]

    public init(enums: [EnumType] = [], tables: [Table] = [], views: [DatabaseView] = []) {
        self.enums = enums
        self.tables = tables
        self.views = views
    }

    /// The table named `name`, if any.
    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    /// The enum type named `name`, if any.
    public func enumType(_ name: String) -> EnumType? { enums.first { $0.name == name } }
}

/// A PostgreSQL enum type with its values in order.
public struct EnumType: Sendable, Hashable, Codable {
    public var name: String
    public var values: [String]

    public init(_ name: String, _ values: [String]) {
        self.name = name
        self.values = values
    }
}

/// A table with its columns, constraints and indexes, each under its exact name.
public struct Table: Sendable, Hashable, Codable {
    public var name: String
    public var columns: [Column]
    public var primaryKey: PrimaryKey?
    public var uniques: [UniqueConstraint]
    public var foreignKeys: [ForeignKey]
    public var checks: [CheckConstraint]
    public var indexes: [Index]
    /// The sequences of the serial columns, as a live PostgreSQL database keeps them; `nil` when not introspected
    /// (declared tables, SQLite).
    public var sequences: [SerialSequence]?
    /// The user triggers on a live PostgreSQL table, name → `pg_get_triggerdef`; `nil` when not introspected.
    /// None is declared: `db check` reports each one, and repair leaves them alone.
    public var triggers: [String: String]?

    public init(
        _ name: String,
        columns: [Column],
        primaryKey: PrimaryKey?,
        uniques: [UniqueConstraint] = [],
        foreignKeys: [ForeignKey] = [],
        checks: [CheckConstraint] = [],
        indexes: [Index] = []
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.uniques = uniques
        self.foreignKeys = foreignKeys
        self.checks = checks
        self.indexes = indexes
    }

    /// The column named `name`, if any.
    public func column(_ name: String) -> Column? { columns.first { $0.name == name } }
}

/// A column: name, type, nullability and default.
public struct Column: Sendable, Hashable, Codable {
    public var name: String
    public var type: ColumnType
    public var isNullable: Bool
    public var defaultValue: ColumnDefault?
    /// A collation other than its type's default, as a live PostgreSQL database reports it (`"C"`); declared
    /// columns always use the default.
    public var collation: String?

    /// The type as a difference line shows it, with a collation that isn't the default.
    public var typeDescription: String { type.displayName + (collation.map { " COLLATE \($0)" } ?? "") }

    /// A column; `serial` columns are never nullable and get their sequence default.
    public init(
        _ name: String, _ type: ColumnType, null isNullable: Bool = true, default defaultValue: ColumnDefault? = nil
    ) {
        self.name = name
        self.type = type
        self.isNullable = type == .serial ? false : isNullable
        self.defaultValue = type == .serial ? .sequence : defaultValue
    }
}

/// A column default, kept structured so that each dialect can render it.
public enum ColumnDefault: Sendable, Hashable, Codable {
    /// `nextval('<table>_<column>_seq'::regclass)`, the default of a `serial` column.
    case sequence
    /// `CURRENT_TIMESTAMP`.
    case currentTimestamp
    /// `now()`.
    case now
    /// `gen_random_uuid()`.
    case randomUUID
    case bool(Bool)
    case int(Int)
    /// A string literal cast to the column's type: `'user'::character varying`, `'draft'::job_status`, `'[]'::jsonb`.
    case literal(String)
    /// The original's serial-number default: `prefix || lpad(nextval('<table>_id_seq')::text, width, '0')`.
    case serialNumber(prefix: String, width: Int)
    /// Any other expression, as PostgreSQL prints it; SQLite has no rendering for it.
    case expression(String)
}

/// A primary key constraint.
public struct PrimaryKey: Sendable, Hashable, Codable {
    public var name: String
    public var columns: [String]

    public init(_ name: String, _ columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

/// A unique constraint.
public struct UniqueConstraint: Sendable, Hashable, Codable {
    public var name: String
    public var columns: [String]

    public init(_ name: String, _ columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

/// What a foreign key does when the referenced row is deleted or updated.
public enum ReferentialAction: String, Sendable, Hashable, Codable, CaseIterable {
    case noAction = "NO ACTION"
    case restrict = "RESTRICT"
    case cascade = "CASCADE"
    case setNull = "SET NULL"
    case setDefault = "SET DEFAULT"
}

/// A foreign key constraint.
public struct ForeignKey: Sendable, Hashable, Codable {
    public var name: String
    public var columns: [String]
    public var referencedTable: String
    public var referencedColumns: [String]
    public var onDelete: ReferentialAction
    public var onUpdate: ReferentialAction

    public init(
        _ name: String,
        _ columns: [String],
        references referencedTable: String,
        _ referencedColumns: [String] = ["id"],
        onDelete: ReferentialAction = .noAction,
        onUpdate: ReferentialAction = .noAction
    ) {
        self.name = name
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
        self.onUpdate = onUpdate
    }
}

/// A check constraint. `postgres` is the expression exactly as `pg_get_constraintdef` prints it,
/// so a live database compares by text; `sqlite` is its SQLite rendering.
public struct CheckConstraint: Sendable, Hashable, Codable {
    public var name: String
    public var postgres: String
    public var sqlite: String
    /// What creates the constraint on PostgreSQL when it differs from the text PostgreSQL prints back.
    public var postgresSource: String?

    public init(_ name: String, postgres: String, sqlite: String? = nil, postgresSource: String? = nil) {
        self.name = name
        self.postgres = postgres
        self.sqlite = sqlite ?? postgres
        self.postgresSource = postgresSource
    }

    /// `column IN (values…)` on a `character varying` column.
    public static func oneOf(_ name: String, column: String, _ values: [String]) -> CheckConstraint {
        let array = values.map { "'\($0)'::character varying" }.joined(separator: ", ")
        let list = "\(column) IN (\(values.map { "'\($0)'" }.joined(separator: ", ")))"
        // PostgreSQL prints `col IN (…)` on a varchar column back as `= ANY (ARRAY[…]::text[])`.
        return CheckConstraint(
            name,
            postgres: "(((\(column))::text = ANY ((ARRAY[\(array)])::text[])))",
            sqlite: list,
            postgresSource: "(\(list))"
        )
    }
}

/// An index that is not the backing index of a primary key or unique constraint.
public struct Index: Sendable, Hashable, Codable {
    public var name: String
    /// The keys: column names, or on PostgreSQL each key as it prints (an expression such as `lower((name)::text)`)
    /// followed by what isn't the default: `COLLATE "C"`, an operator class, `DESC`, `NULLS FIRST`/`NULLS LAST`.
    public var columns: [String]
    public var isUnique: Bool
    /// The partial-index predicate as PostgreSQL prints it (valid SQLite too unless ``sqlitePredicate`` is given),
    /// e.g. `(is_active = true)`.
    public var predicate: String?
    /// The predicate on SQLite when PostgreSQL's text isn't SQLite (an enum literal prints with a `::` cast).
    public var sqlitePredicate: String?
    /// The access method: `btree` unless said otherwise (`gin`, `hash`, … on PostgreSQL).
    public var method: String

    public init(
        _ name: String, _ columns: [String], unique isUnique: Bool = false, where predicate: String? = nil,
        sqliteWhere sqlitePredicate: String? = nil, using method: String = "btree"
    ) {
        self.name = name
        self.columns = columns
        self.isUnique = isUnique
        self.predicate = predicate
        self.sqlitePredicate = sqlitePredicate
        self.method = method
    }

    /// The predicate in `dialect`.
    public func predicate(in dialect: SchemaDialect) -> String? {
        dialect == .sqlite ? sqlitePredicate ?? predicate : predicate
    }
}
