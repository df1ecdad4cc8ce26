public import DRMStore
public import FluentKit

/// Runs searches of the audit log (``AuditQuery``) on one database.
public struct AuditSearch: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The events `query` matches, newest first (or oldest first), `limit` of them after skipping `offset`.
    public func events(_ query: AuditQuery, offset: Int = 0, limit: Int) async throws -> [AuditEvent] {
        try await query.events(on: database, offset: offset, limit: limit)
    }

    /// How many events `query` matches.
    public func count(_ query: AuditQuery) async throws -> Int {
        try await query.count(on: database)
    }
}
