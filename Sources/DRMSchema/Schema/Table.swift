import Foundation

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
