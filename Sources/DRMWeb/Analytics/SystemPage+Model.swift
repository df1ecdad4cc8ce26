import DRMCore
import DRMEngine
import Vapor

extension SystemPage {
    /// What the system page shows: one health report.
    struct Model: Sendable {
        var health: SystemHealth

        /// The report now, read by the engine's health check.
        static func load(_ request: Request) async throws -> Model {
            _ = try await request.require(.system)
            return Model(health: await request.application.environment.health.read())
        }
    }
}
