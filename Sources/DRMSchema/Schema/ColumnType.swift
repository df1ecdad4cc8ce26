import Foundation

/// The type of a column, in the vocabulary of PostgreSQL (the production database).
///
/// SQLite renders each type with a declared type name whose affinity stores the same values
/// (see ``SQLiteRenderer``), so one declared schema describes both dialects.
public enum ColumnType: Sendable, Hashable, Codable {
    /// `integer` with a default of `nextval('<table>_<column>_seq')` owned by the column.
    case serial
    case smallint
    case integer
    case bigint
    /// `character varying(n)`; `nil` means no length limit.
    case varchar(Int?)
    case text
    case boolean
    /// `timestamp with time zone`.
    case timestamptz
    /// `timestamp without time zone` (found in adopted databases, never declared).
    case timestamp
    case date
    case jsonb
    /// `json` (found in adopted databases, never declared).
    case json
    case uuid
    case inet
    /// `numeric(precision, scale)`; `nil` means unconstrained.
    case numeric(precision: Int?, scale: Int?)
    case doublePrecision
    case real
    /// A PostgreSQL enum type, by name (`CREATE TYPE name AS ENUM (…)`).
    case enumeration(String)

    /// The type as PostgreSQL's `format_type` spells it, e.g. `character varying(50)`.
    public var postgresName: String {
        switch self {
        case .serial, .integer: "integer"
        case .smallint: "smallint"
        case .bigint: "bigint"
        case .varchar(let length): length.map { "character varying(\($0))" } ?? "character varying"
        case .text: "text"
        case .boolean: "boolean"
        case .timestamptz: "timestamp with time zone"
        case .timestamp: "timestamp without time zone"
        case .date: "date"
        case .jsonb: "jsonb"
        case .json: "json"
        case .uuid: "uuid"
        case .inet: "inet"
        case .numeric(let precision?, let scale?): "numeric(\(precision),\(scale))"
        case .numeric(let precision?, nil): "numeric(\(precision))"
        case .numeric: "numeric"
        case .doublePrecision: "double precision"
        case .real: "real"
        case .enumeration(let name): name
        }
    }

    /// The name for people: `serial` for a serial column, the `format_type` name otherwise.
    public var displayName: String { self == .serial ? "serial" : postgresName }

    /// Parses a type name as `format_type` prints it (or as a SQLite column declares it).
    ///
    /// Unknown names are taken to be enum types, which is what PostgreSQL reports for them.
    public init(parsing raw: String) {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        func arguments(_ prefix: String) -> [Int]? {
            guard name.hasPrefix(prefix + "("), name.hasSuffix(")") else { return nil }
            let inner = name.dropFirst(prefix.count + 1).dropLast()
            return inner.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        if let arguments = arguments("character varying") ?? arguments("varchar") {
            self = .varchar(arguments.first)
        } else if let arguments = arguments("numeric") {
            self = .numeric(precision: arguments.first, scale: arguments.count > 1 ? arguments[1] : nil)
        } else {
            switch name {
            case "serial": self = .serial
            case "smallint", "int2": self = .smallint
            case "integer", "int", "int4": self = .integer
            case "bigint", "int8": self = .bigint
            case "character varying", "varchar": self = .varchar(nil)
            case "text": self = .text
            case "boolean", "bool": self = .boolean
            case "timestamp with time zone", "timestamptz": self = .timestamptz
            case "timestamp without time zone", "timestamp": self = .timestamp
            case "date": self = .date
            case "jsonb", "jsonb_text": self = .jsonb
            case "json", "json_text": self = .json
            case "uuid": self = .uuid
            case "inet": self = .inet
            case "numeric": self = .numeric(precision: nil, scale: nil)
            case "double precision", "float8": self = .doublePrecision
            case "real", "float4": self = .real
            default: self = .enumeration(name)
            }
        }
    }
}
