import Foundation
public import SQLKit

extension SQLDatabase {
    /// The schema of this live database, read from its catalog.
    public func introspectSchema() async throws -> DatabaseSchema {
        switch schemaDialect {
        case .postgres: try await PostgresIntrospector(database: self).schema()
        case .sqlite: try await SQLiteIntrospector(database: self).schema()
        }
    }
}
