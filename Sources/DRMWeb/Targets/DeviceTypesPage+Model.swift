import DRMCore
import DRMEngine
import DRMStore
import Vapor

extension DeviceTypesPage {
    /// What the device-types page shows: the catalog, how many targets use each type, the categories the create
    /// form offers, and the reader's role.
    struct Model: Sendable {
        var types: [DeviceType]
        /// Targets per type value.
        var usage: [String: Int]
        var categories: [DeviceTypeCategory]
        /// The reader's role: which forms the page offers.
        var role: UserRole

        /// The model of the catalog, read by engine queries.
        static func load(_ request: Request) async throws -> Model {
            let role = try await request.require(.deviceTypes).user.role
            let usage = try await request.deviceTypeCatalog.usage()
            let categories = try await request.deviceTypes.categories()
            return Model(types: try await request.deviceTypes.all(), usage: usage, categories: categories, role: role)
        }

        func allows(_ action: Permission.Action) -> Bool { PermissionTable.allows(role, .init(.targets, action)) }
    }
}
