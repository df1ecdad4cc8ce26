public import DRMCore
public import DRMStore
public import FluentKit
import Foundation

/// Reads of the user accounts for lists and look-ups; changes go through ``UserAccounts``.
public struct UserQueries: Sendable {
    /// The orders a user list can take.
    public enum Sort: String, Sendable, CaseIterable {
        case username
        case createdAt = "created_at"
        case lastLogin = "last_login"
    }

    /// The filters of a user list; each one is optional and all of them have to hold.
    public struct Filter: Sendable {
        public var role: UserRole?
        public var isActive: Bool?
        /// Part of the user name or e-mail address.
        public var text: String?

        public init(role: UserRole? = nil, isActive: Bool? = nil, text: String? = nil) {
            self.role = role
            self.isActive = isActive
            self.text = text
        }
    }

    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// One page of the accounts that match `filter`, in `sort` order, and how many match in all.
    public func page(_ filter: Filter, sort: Sort, descending: Bool, offset: Int, limit: Int) async throws -> (
        items: [User], total: Int
    ) {
        var query = User.query(on: database)
        if let role = filter.role { query = query.filter(\.$role == role) }
        if let active = filter.isActive { query = query.filter(\.$isActive == active) }
        if let text = filter.text, !text.isEmpty {
            query = query.group(.or) { $0.filter(\.$username ~~ text).filter(\.$email ~~ text) }
        }
        let total = try await query.count()
        let direction: DatabaseQuery.Sort.Direction = descending ? .descending : .ascending
        switch sort {
        case .username: query = query.sort(\.$username, direction)
        case .createdAt: query = query.sort(\.$createdAt, direction)
        case .lastLogin: query = query.sort(\.$lastLogin, direction)
        }
        return (try await query.range(offset..<(offset + limit)).all(), total)
    }

    /// Every account, by user name.
    public func all() async throws -> [User] {
        try await User.query(on: database).sort(\.$username).all()
    }

    /// The account with `id`, if there is one.
    public func find(_ id: Int) async throws -> User? {
        try await User.find(id, on: database)
    }

    /// User names by id.
    public func names() async throws -> [Int: String] {
        try await User.query(on: database).all().reduce(into: [Int: String]()) { $0[$1.id ?? 0] = $1.username }
    }

    /// How many accounts there are, and how many of them are active.
    public func counts() async throws -> (total: Int, active: Int) {
        (
            try await User.query(on: database).count(),
            try await User.query(on: database).filter(\.$isActive == true).count()
        )
    }
}
