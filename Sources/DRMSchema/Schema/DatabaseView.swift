import Foundation

/// A view: a named query over the tables. `postgres` is the query exactly as `pg_get_viewdef(oid, true)` prints it,
/// so a live database compares by text (whitespace folded); `sqlite` is its SQLite rendering, compared with the
/// text SQLite keeps in `sqlite_schema`.
public struct DatabaseView: Sendable, Hashable, Codable {
    public var name: String
    public var postgres: String
    public var sqlite: String
    /// What creates the view on PostgreSQL when it differs from the text PostgreSQL prints back.
    public var postgresSource: String?

    public init(_ name: String, postgres: String, sqlite: String? = nil, postgresSource: String? = nil) {
        self.name = name
        self.postgres = postgres
        self.sqlite = sqlite ?? postgres
        self.postgresSource = postgresSource
    }

    /// The query in `dialect`, whitespace folded and without a trailing `;`: the text `db check` compares.
    public func comparableQuery(_ dialect: SchemaDialect) -> String {
        var text = (dialect == .postgres ? postgres : sqlite).split(whereSeparator: \.isWhitespace).joined(
            separator: " ")
        while text.hasSuffix(";") { text.removeLast() }
        return text
    }
}

extension DatabaseSchema {
    /// The view named `name`, if any.
    public func view(_ name: String) -> DatabaseView? { views.first { $0.name == name } }
}
