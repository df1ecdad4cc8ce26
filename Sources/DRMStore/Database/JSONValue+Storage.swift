public import DRMCore
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
public import SQLiteNIO

/// SQLite hands a JSON column back as text, which `JSONValue` would otherwise take for a JSON string.
/// Converting directly parses the text as the JSON document it is.
extension JSONValue: SQLiteDataConvertible {
    public init?(sqliteData: SQLiteData) {
        guard case .text(let text) = sqliteData,
            let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        else { return nil }
        self = value
    }

    public var sqliteData: SQLiteData? {
        (try? JSONEncoder().encode(self)).map { .text(String(decoding: $0, as: UTF8.self)) }
    }
}

/// Binds as `jsonb` on PostgreSQL; without this a JSON scalar (`50`) would bind as a `bigint`.
extension JSONValue: PostgresCodable {}
