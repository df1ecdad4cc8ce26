import DRMCore
import DRMEngine
import DRMStore
import Vapor

extension TargetEditPage {
    /// What a target's page shows: the target with its methods (credentials as metadata only), the device types it
    /// may have, the pinned and offered key of each SSH method, and the reader's role (which forms it offers).
    struct Model: Sendable {
        var record: TargetRecord
        /// The active device types' values.
        var deviceTypes: [String]
        /// Each SSH method's pinned key and the one its last test saw.
        var hostKeys: [HostKeyReview.Entry]
        /// The reader's role.
        var role: UserRole

        /// The model of the `:id` parameter's target, read by engine queries (a 404 when there is none).
        static func load(_ request: Request) async throws -> Model {
            let role = try await request.require(.targets).user.role
            let record = try await request.targets.detail(try request.id(of: "target"))
            let id = try record.target.savedID
            return Model(
                record: record, deviceTypes: try await request.deviceTypes.active().map(\.value),
                hostKeys: try await request.hostKeyReview.entries(targetIDs: [id]), role: role)
        }

        /// Whether the reader may change the target.
        var canUpdate: Bool { PermissionTable.allows(role, .init(.targets, .update)) }

        /// Whether the reader may accept, pin and forget host keys.
        var canChangeKeys: Bool { PermissionTable.allows(role, .init(.hostKeys, .update)) }

        /// How method `methodID` treats host keys, in words.
        func policy(of methodID: Int) -> String {
            let method = record.methods.first { $0.method.id == methodID }?.method
            let config = method.flatMap {
                try? CommunicationMethodConfig.decode(methodType: $0.methodType, config: $0.config)
            }
            guard case .ssh(let ssh)? = config else { return "—" }
            switch ssh.hostKeyPolicy {
            case .pinned: return "pinned: only the pinned key is accepted; a first test records one"
            case .recordFirstUse: return "record first use: the first connection records the key"
            }
        }
    }
}
