import Foundation
public import SQLKit

extension SQLDatabase {
    /// The dialect of this database, as far as the schema subsystem is concerned.
    public var schemaDialect: SchemaDialect {
        dialect.name == "sqlite" ? .sqlite : .postgres
    }

    /// Runs one statement of raw SQL.
    func execute(_ sql: String) async throws {
        try await raw(SQLQueryString(sql)).run()
    }

    /// Runs a query of raw SQL and returns its rows.
    func rows(_ sql: String) async throws -> [any SQLRow] {
        try await raw(SQLQueryString(sql)).all()
    }
}
