import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

extension SessionsPage {
    /// What the sessions page shows: the live sessions the reader may see (an administrator's: everyone's), the
    /// names of their users, and which one is the reader's own.
    struct Model: Sendable {
        var sessions: [UserSession]
        /// User names by id.
        var names: [Int: String]
        /// The session the page is read in.
        var currentSessionID: Int

        /// The model of the sessions live now, read by engine queries.
        static func load(_ request: Request) async throws -> Model {
            let principal = try await request.require(.sessions)
            let isAdministrator = principal.user.role == .administrator
            let sessions = try await request.sessions.list(
                userID: isAdministrator ? nil : try principal.userID, liveAt: Date())
            return Model(
                sessions: sessions, names: try await request.users.names(), currentSessionID: principal.sessionID)
        }
    }
}
