import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

extension DashboardPage {
    /// What the dashboard shows: the reader's name, today's figures and, for readers of the audit log, the last
    /// day's audit events.
    struct Model: Sendable {
        var username: String
        var figures: DashboardFigures
        /// Whether the reader may read the audit log (its figures and chart show).
        var withAudit: Bool
        /// When the figures were read; the chart ends here.
        var now: Date
        /// The last 7 days' executions, for readers of executions.
        var runs: ExecutionFigures? = nil

        /// The model at this moment, read by an engine query.
        static func load(_ request: Request) async throws -> Model {
            let principal = try await request.require(.dashboard)
            let now = Date()
            let withAudit = PermissionTable.allows(principal.user.role, .init(.audit, .read))
            let readsRuns = PermissionTable.allows(principal.user.role, .init(.executions, .read))
            return Model(
                username: principal.user.username,
                figures: try await request.dashboardFigures(now: now, withAudit: withAudit), withAudit: withAudit,
                now: now,
                runs: readsRuns ? try await request.executionFigures(since: now.addingTimeInterval(-7 * 86_400)) : nil)
        }
    }
}
