import DRMCore
import DRMEngine
import DRMStore
import Vapor

extension DiscoveryPage {
    /// What the discovery page shows: the latest runs, the templates to start from, and what the reader may do.
    struct Model: Sendable {
        var runs: [DiscoveryRunRecord]
        var total: Int
        var templates: [DiscoveryTemplateRecord]
        var role: UserRole

        /// The model, read by engine queries.
        static func load(_ request: Request) async throws -> Model {
            let role = try await request.require(.discovery).user.role
            let useCases = request.useCases
            let (runs, total) = try await useCases.discoveryRuns.list(perPage: 50)
            return Model(runs: runs, total: total, templates: try await useCases.discoveryTemplates.list(), role: role)
        }

        /// Whether the reader may start runs.
        var canRun: Bool { PermissionTable.allows(role, .init(.discovery, .execute)) }
    }

    /// A run's page: the run and its devices compared with the inventory, and what the reader may do.
    struct RunModel: Sendable {
        var run: DiscoveryRunRecord
        var devices: [DiscoveryDeviceRecord]
        var gone: [DiscoveryReview.GoneTarget]
        var role: UserRole

        static func load(_ request: Request) async throws -> RunModel {
            let role = try await request.require(.discovery).user.role
            let id = try request.id(of: "run")
            let useCases = request.useCases
            let run = try await useCases.discoveryRuns.detail(id)
            let devices = try await useCases.discoveryReview.devices(of: id, perPage: 10_000).items
            return RunModel(
                run: run, devices: devices, gone: try await useCases.discoveryReview.gone(of: id), role: role)
        }

        /// Whether the reader may review (ignore, cancel).
        var canReview: Bool { PermissionTable.allows(role, .init(.discovery, .execute)) }
        /// Whether the reader may import.
        var canImport: Bool { PermissionTable.allows(role, .init(.discovery, .create)) }
    }
}
