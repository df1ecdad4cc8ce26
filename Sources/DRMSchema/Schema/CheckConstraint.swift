import Foundation

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
