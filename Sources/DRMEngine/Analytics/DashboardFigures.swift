import DRMCore
public import DRMStore
public import FluentKit
import Foundation

/// The figures of the dashboard: what exists now, and the audit events of the last day.
public struct DashboardFigures: Sendable {
    public var users: Int
    public var activeUsers: Int
    public var openSessions: Int
    /// Each target's health status (`healthy`, `warning`, …).
    public var targetHealth: [String]
    /// The audit events since `since` (only when asked for).
    public var events: [AuditEvent]

    /// The figures at `now`; the audit events of the 24 hours before it when `withAudit`.
    public static func load(on database: any Database, now: Date, withAudit: Bool) async throws -> DashboardFigures {
        let users = try await UserQueries(database: database).counts()
        let sessions = try await SessionQueries(database: database).countLive(at: now)
        let health = try await Target.query(on: database).all(\.$healthStatus)
        let events =
            withAudit
            ? try await AuditEvent.query(on: database).filter(\.$occurredAt >= now.addingTimeInterval(-24 * 3600))
                .all() : []
        return DashboardFigures(
            users: users.total, activeUsers: users.active, openSessions: sessions, targetHealth: health,
            events: events)
    }
}
