import Foundation

/// A whole database schema: enum types, tables and views. The declared schema, a live database's
/// introspected schema and the schema at any revision of the migration chain are all values of this type.
public struct DatabaseSchema: Sendable, Hashable, Codable {
    public var enums: [EnumType]
    public var tables: [Table]
    /// The views, in the order they are created (a view comes after the views it reads).
    public var views: [DatabaseView]

    public init(enums: [EnumType] = [], tables: [Table] = [], views: [DatabaseView] = []) {
        self.enums = enums
        self.tables = tables
        self.views = views
    }

    /// The table named `name`, if any.
    public func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    /// The enum type named `name`, if any.
    public func enumType(_ name: String) -> EnumType? { enums.first { $0.name == name } }
}
