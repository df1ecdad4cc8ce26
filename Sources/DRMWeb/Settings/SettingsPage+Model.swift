import DRMCore
import DRMEngine
import DRMStore
import Vapor

extension SettingsPage {
    /// What the settings page shows: every setting's value and whether the reader may change them.
    struct Model: Sendable {
        /// The stored values; a setting not stored shows its default.
        var values: [SettingKey: JSONValue]
        /// Whether the reader may change settings.
        var canEdit: Bool

        /// The model of the system settings, read by an engine query.
        static func load(_ request: Request) async throws -> Model {
            let role = try await request.require(.settings).user.role
            return Model(
                values: try await request.settings.all(),
                canEdit: PermissionTable.allows(role, .init(.settings, .update)))
        }
    }
}
