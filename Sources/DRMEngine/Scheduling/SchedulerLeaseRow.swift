import DRMStore
public import FluentKit
public import Foundation
import SQLKit

/// The scheduler's leader lease: one row of `scheduler_leases` (so it survives pgbouncer, unlike a session
/// advisory lock) holding the leader's name and an expiry it renews. Another node takes the row only once it has
/// expired; a leader that stops gracefully gives it up at once.
public struct SchedulerLeaseRow: Sendable {
    /// The lease of schedule firing.
    public static let schedulerName = "scheduler"

    public let database: any Database
    public let name: String

    public init(database: any Database, name: String = Self.schedulerName) {
        self.database = database
        self.name = name
    }

    /// Takes the lease for `holder` until `now + duration` if it is free, expired or already `holder`'s; whether
    /// `holder` now holds it.
    /// Whether the database serves one node only (SQLite): its one process leads without a lease row, so the
    /// scheduler doesn't write every few seconds into a file that the CLI's transactions also write.
    public var isSingleNode: Bool { (database as? any SQLDatabase)?.dialect.name == "sqlite" }

    public func acquire(holder: String, now: Date, duration: TimeInterval) async throws -> Bool {
        let sql = database as! any SQLDatabase
        let expires = now.addingTimeInterval(duration)
        let inserted = try await sql.insert(into: SchedulerLease.schema)
            .columns("name", "holder", "acquired_at", "expires_at")
            .values(SQLBind(name), SQLBind(holder), SQLBind(now), SQLBind(expires))
            .ignoringConflicts(with: ["name"])
            .returning("holder")
            .all()
        if !inserted.isEmpty { return true }
        let renewed = try await sql.raw(
            """
            UPDATE scheduler_leases SET expires_at = \(bind: expires),
              acquired_at = CASE WHEN holder = \(bind: holder) THEN acquired_at ELSE \(bind: now) END,
              holder = \(bind: holder)
            WHERE name = \(bind: name) AND (holder = \(bind: holder) OR expires_at < \(bind: now))
            RETURNING holder
            """
        ).all()
        return !renewed.isEmpty
    }

    /// Gives the lease up if `holder` holds it.
    public func release(holder: String) async throws {
        try await SchedulerLease.query(on: database).filter(\.$name == name).filter(\.$holder == holder).delete()
    }

    /// Who holds the lease and until when, if anyone does.
    public func current() async throws -> (holder: String, acquiredAt: Date, expiresAt: Date)? {
        guard let row = try await SchedulerLease.query(on: database).filter(\.$name == name).first() else {
            return nil
        }
        return (row.holder, row.acquiredAt, row.expiresAt)
    }
}
