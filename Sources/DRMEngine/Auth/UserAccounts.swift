import DRMCore
import DRMStore
import FluentKit
import Foundation

/// Creating and changing user accounts. Passwords are checked against ``PasswordPolicy`` and stored hashed.
public struct UserAccounts: Sendable {
    public let database: any Database
    public let hasher: PasswordHashClient

    public init(database: any Database, hasher: PasswordHashClient) {
        self.database = database
        self.hasher = hasher
    }

    /// Creates an active account.
    @discardableResult
    public func create(username: String, email: String, password: String, role: UserRole) async throws -> User {
        guard UsernameRule.isValid(username) else { throw AccountError.invalidUsername(username) }
        guard Self.isEmail(email) else { throw AccountError.invalidEmail(email) }
        let problems = PasswordPolicy.violations(of: password)
        guard problems.isEmpty else { throw AccountError.weakPassword(problems) }
        if try await User.query(on: database).filter(\.$username == username).first() != nil {
            throw AccountError.usernameTaken(username)
        }
        if try await User.query(on: database).filter(\.$email == email).first() != nil {
            throw AccountError.emailTaken(email)
        }
        let user = User()
        user.username = username
        user.email = email
        user.passwordHash = try hasher.hash(password)
        user.role = role
        user.isActive = true
        try await user.create(on: database)
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

    /// Replaces the password of `username`.
    public func setPassword(of username: String, to password: String) async throws {
        let problems = PasswordPolicy.violations(of: password)
        guard problems.isEmpty else { throw AccountError.weakPassword(problems) }
        let user = try await find(username)
        user.passwordHash = try hasher.hash(password)
        try await user.save(on: database)
    }

    /// Turns the account off: it can no longer log in.
    public func setActive(_ username: String, _ isActive: Bool) async throws {
        let user = try await find(username)
        user.isActive = isActive
        try await user.save(on: database)
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
