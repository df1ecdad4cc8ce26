import Foundation

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
