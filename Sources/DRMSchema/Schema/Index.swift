import Foundation

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
