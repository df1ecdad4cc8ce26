import Foundation

/// The SQL dialects EnableDRM runs on.
public enum SchemaDialect: String, Sendable, Hashable, Codable, CaseIterable {
    case postgres
    case sqlite
}
