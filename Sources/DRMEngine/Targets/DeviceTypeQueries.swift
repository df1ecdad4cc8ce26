public import DRMStore
public import FluentKit

/// Reads of the device-type catalog and its categories; changes go through ``DeviceTypeCatalog``.
public struct DeviceTypeQueries: Sendable {
    /// The filters of a device-type list; each one is optional and all of them have to hold.
    public struct Filter: Sendable {
        public var category: String?
        public var isActive: Bool?
        /// Words to look for in the type's search text.
        public var text: String?

        public init(category: String? = nil, isActive: Bool? = nil, text: String? = nil) {
            self.category = category
            self.isActive = isActive
            self.text = text
        }
    }

    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// One page of the types that match `filter`, by category and label, and how many match in all.
    public func page(_ filter: Filter, offset: Int, limit: Int) async throws -> (items: [DeviceType], total: Int) {
        var query = DeviceType.query(on: database)
        if let category = filter.category, !category.isEmpty { query = query.filter(\.$category == category) }
        if let active = filter.isActive { query = query.filter(\.$isActive == active) }
        if let text = filter.text, !text.isEmpty { query = query.filter(\.$searchVector ~~ text.lowercased()) }
        let total = try await query.count()
        let types = try await query.sort(\.$category).sort(\.$label).range(offset..<(offset + limit)).all()
        return (types, total)
    }

    /// Every type, by category and label.
    public func all() async throws -> [DeviceType] {
        try await DeviceType.query(on: database).sort(\.$category).sort(\.$label).all()
    }

    /// The active types, by label (the choices of a target's form).
    public func active() async throws -> [DeviceType] {
        try await DeviceType.query(on: database).filter(\.$isActive == true).sort(\.$label).all()
    }

    /// The type with `id`, if there is one.
    public func find(_ id: Int) async throws -> DeviceType? {
        try await DeviceType.find(id, on: database)
    }

    /// The categories, in their display order.
    public func categories() async throws -> [DeviceTypeCategory] {
        try await DeviceTypeCategory.query(on: database).sort(\.$sortOrder).all()
    }
}
