public import DRMCore
public import DRMStore
public import FluentKit
import Foundation
import SQLKit

/// Creating and changing user accounts. Passwords are checked against ``PasswordPolicy`` and stored hashed;
/// every change is audited in the transaction that makes it.
public struct UserAccounts: Sendable {
    public let database: any Database
    public let hasher: PasswordHashClient
    public let audit: AuditTrail

    public init(database: any Database, hasher: PasswordHashClient, audit: AuditTrail) {
        self.database = database
        self.hasher = hasher
        self.audit = audit
    }

    /// Creates an active account.
    @discardableResult
    public func create(username: String, email: String, password: String, role: UserRole) async throws -> User {
        guard UsernameRule.isValid(username) else { throw AccountError.invalidUsername(username) }
        try await checkEmail(email, for: nil)
        let hash = try await hashed(password)
        if try await User.query(on: database).filter(\.$username == username).first() != nil {
            throw AccountError.usernameTaken(username)
        }
        let user = User()
        user.username = username
        user.email = email
        user.passwordHash = hash
        user.role = role
        user.isActive = true
        try await database.transaction { db in
            try await user.create(on: db)
            try await audit.record(
                .userCreated, resource: ("user", String(try user.requireID())),
                details: ["username": .string(username), "email": .string(email), "role": .string(role.rawValue)],
                on: db)
        }
        return user
    }

    /// All accounts, by user name.
    public func list() async throws -> [User] {
        try await User.query(on: database).sort(\.$username).all()
    }

    /// The account named `username`.
    public func find(_ username: String) async throws -> User {
        guard let user = try await User.query(on: database).filter(\.$username == username).first() else {
            throw AccountError.notFound(username)
        }
        return user
    }

    /// The id of the account a process acts for: `username`'s, else the first administrator's; `nil` when there is
    /// neither.
    public func actingUserID(preferring username: String) async throws -> Int? {
        if let user = try await User.query(on: database).filter(\.$username == username).first() {
            return try user.requireID()
        }
        return try await User.query(on: database).filter(\.$role == .administrator).sort(\.$id).first()?.requireID()
    }

    /// Replaces the password of `username` and ends every session of theirs.
    public func setPassword(of username: String, to password: String) async throws {
        try await update(try await find(username), password: password)
    }

    /// Clears the log-in throttle's locks and counts of `username`. Returns whether there was a lock or a count.
    @discardableResult
    public func unlock(_ username: String) async throws -> Bool {
        let user = try await find(username)
        return try await database.transaction { db in
            let cleared = try await LoginThrottle().unlock(username: username, on: db as! any SQLDatabase)
            try await audit.record(
                .userUnlocked, resource: ("user", String(try user.requireID())),
                details: ["username": .string(user.username), "cleared": .bool(cleared)], on: db)
            return cleared
        }
    }

    /// Turns the account on or off; an account turned off can't log in.
    public func setActive(_ username: String, _ isActive: Bool) async throws {
        try await update(try await find(username), isActive: isActive)
    }

    /// Changes what is given of an account, after checking all of it. Turning an account off, or changing its
    /// password, also ends its sessions (their refresh tokens and web cookies stop working at once), except
    /// `keepingSession`: the caller's own, when they change their own password.
    public func update(
        _ user: User, email: String? = nil, role: UserRole? = nil, isActive: Bool? = nil, password: String? = nil,
        keepingSession: Int? = nil
    ) async throws {
        if let email { try await checkEmail(email, for: user) }
        var changes: [String: (from: JSONValue, to: JSONValue)] = [:]
        if let password {
            user.passwordHash = try await hashed(password)
            changes["password"] = ("unchanged", "changed")
        }
        if let email {
            changes["email"] = (.string(user.email), .string(email))
            user.email = email
        }
        if let role {
            changes["role"] = (.string(user.role.rawValue), .string(role.rawValue))
            user.role = role
        }
        if let isActive {
            changes["is_active"] = (.bool(user.isActive), .bool(isActive))
            user.isActive = isActive
        }
        let details: JSONValue = ["username": .string(user.username), "changes": AuditTrail.changes(changes)]
        try await database.transaction { db in
            try await user.save(on: db)
            if isActive == false || password != nil {
                var sessions = UserSession.query(on: db).filter(\.$userID == (try user.requireID()))
                if let keepingSession { sessions = sessions.filter(\.$id != keepingSession) }
                try await sessions.delete()
            }
            try await audit.record(
                .userUpdated, resource: ("user", String(try user.requireID())), details: details, on: db)
        }
    }

    /// The hash of `password`, once it passes ``PasswordPolicy``.
    func hashed(_ password: String) async throws -> String {
        let problems = PasswordPolicy.violations(of: password)
        guard problems.isEmpty else { throw AccountError.weakPassword(problems) }
        return try await hasher.hash(password)
    }

    /// Refuses an address that isn't one, or that another account (than `user`) has.
    func checkEmail(_ email: String, for user: User?) async throws {
        guard Self.isEmail(email) else { throw AccountError.invalidEmail(email) }
        var others = User.query(on: database).filter(\.$email == email)
        if let id = user?.id { others = others.filter(\.$id != id) }
        if try await others.first() != nil { throw AccountError.emailTaken(email) }
    }

    /// Creates the first administrator when there is none. Returns the generated password when it made one up
    /// (the caller shows it once), `nil` when it used the configured one or found an administrator already.
    public func bootstrapAdministrator(username: String, password: String?) async throws -> (
        created: Bool, generated: String?
    ) {
        let administrators = try await User.query(on: database).filter(\.$role == .administrator).count()
        guard administrators == 0 else { return (false, nil) }
        let chosen = password ?? Self.generatePassword()
        try await create(
            username: username, email: "\(username)@enabledrm.local", password: chosen, role: .administrator)
        return (true, password == nil ? chosen : nil)
    }

    /// 18 letters and digits without look-alikes, then two digits: about 110 bits.
    public static func generatePassword() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        var password = String((0..<18).map { _ in alphabet.randomElement(using: &generator)! })
        password += String((0..<2).map { _ in "23456789".randomElement(using: &generator)! })
        return password
    }

    /// A plausible e-mail address: one `@`, a dot in the domain, no spaces, at most 100 characters.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.count <= 100 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(" ")
    }
}
