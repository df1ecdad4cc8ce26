public import DRMStore
public import FluentKit
import Foundation

/// Reads of the sign-in sessions; ending one goes through ``AuthSessions``.
public struct SessionQueries: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The sessions of `userID` (everyone's when `nil`), most recently active first; only those that haven't
    /// expired at `liveAt` when it is given.
    public func list(userID: Int?, liveAt: Date? = nil) async throws -> [UserSession] {
        var query = UserSession.query(on: database)
        if let liveAt { query = query.filter(\.$expiresAt > liveAt) }
        query = query.sort(\.$lastActivity, .descending)
        if let userID { query = query.filter(\.$userID == userID) }
        return try await query.all()
    }

    /// How many sessions haven't expired at `date`.
    public func countLive(at date: Date) async throws -> Int {
        try await UserSession.query(on: database).filter(\.$expiresAt > date).count()
    }
}
