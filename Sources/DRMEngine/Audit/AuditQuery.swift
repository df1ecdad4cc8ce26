public import DRMCore
public import DRMStore
public import FluentKit
import Foundation

/// A search of the audit log: every filter is optional and they all have to hold.
public struct AuditQuery: Sendable {
    /// A user name (exact), or `cli` / `system`.
    public var actor: String?
    public var action: String?
    public var outcome: AuditOutcome?
    public var resourceType: String?
    public var resourceID: String?
    public var since: Date?
    public var until: Date?
    /// Newest first unless set.
    public var oldestFirst = false

    public init() {}

    /// The matching events, newest first (or oldest first), `limit` of them after skipping `offset`.
    public func events(on database: any Database, offset: Int = 0, limit: Int) async throws -> [AuditEvent] {
        try await query(on: database)
            .sort(\.$occurredAt, oldestFirst ? .ascending : .descending)
            .sort(\.$id, oldestFirst ? .ascending : .descending)
            .range(offset..<(offset + limit)).all()
    }

    /// How many events match.
    public func count(on database: any Database) async throws -> Int {
        try await query(on: database).count()
    }

    func query(on database: any Database) -> QueryBuilder<AuditEvent> {
        var query = AuditEvent.query(on: database)
        if let actor { query = query.filter(\.$actorName == actor) }
        if let action {
            // `auth.` matches every action of the auth group.
            query = action.hasSuffix(".") ? query.filter(\.$action =~ action) : query.filter(\.$action == action)
        }
        if let outcome { query = query.filter(\.$outcome == outcome.rawValue) }
        if let resourceType { query = query.filter(\.$resourceType == resourceType) }
        if let resourceID { query = query.filter(\.$resourceID == resourceID) }
        if let since { query = query.filter(\.$occurredAt >= since) }
        if let until { query = query.filter(\.$occurredAt < until) }
        return query
    }
}
