public import ArgumentParser
import DRMCore
import DRMEngine
import DRMStore
import DRMWeb
import Foundation

/// `enabledrm user …`: manage accounts from the command line.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Create, list and change user accounts.",
        subcommands: [
            UserCreateCommand.self, UserListCommand.self, UserSetPasswordCommand.self, UserDisableCommand.self,
            UserUnlockCommand.self,
        ]
    )
}

/// Opens the database and runs `body` with the account use cases; account errors become one line.
func withAccounts(_ options: ConfigOptions, _ body: (UserAccounts) async throws -> Void) async throws {
    try await withEnvironment(options) { environment in try await body(environment.accounts(AuditTrail(.cli))) }
}

/// `enabledrm user create`.
struct UserCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an account.")

    @Argument(help: "The user name (3–50 letters, digits, '.', '_', '-').") var username: String
    @Option(help: "The e-mail address.") var email: String
    @Option(help: "administrator, manager, user or guest.") var role: UserRole = .user
    @OptionGroup var passwordInput: PasswordInput
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let (password, generated) = passwordInput.read()
        try await withAccounts(options) { accounts in
            try await accounts.create(username: username, email: email, password: password, role: role)
            print("created \(role.rawValue) \(username)")
            if generated { print("password (shown once): \(password)") }
        }
    }
}

/// `enabledrm user list`.
struct UserListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List accounts.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withAccounts(options) { accounts in
            for user in try await accounts.list() {
                let login = user.lastLogin.map { ISO8601DateFormatter().string(from: $0) } ?? "never"
                print(
                    "\(user.username)\t\(user.role.rawValue)\t\(user.isActive ? "active" : "disabled")\t\(user.email)\tlast login \(login)"
                )
            }
        }
    }
}

/// `enabledrm user set-password`.
struct UserSetPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-password", abstract: "Set an account's password.")

    @Argument(help: "The user name.") var username: String
    @OptionGroup var passwordInput: PasswordInput
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let (password, generated) = passwordInput.read()
        try await withAccounts(options) { accounts in
            try await accounts.setPassword(of: username, to: password)
            print("password of \(username) changed")
            if generated { print("password (shown once): \(password)") }
        }
    }
}

/// `enabledrm user disable`.
struct UserDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Disable an account: it can no longer log in.")

    @Argument(help: "The user name.") var username: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withAccounts(options) { accounts in
            try await accounts.setActive(username, false)
            print("disabled \(username)")
        }
    }
}

/// `enabledrm user unlock`.
struct UserUnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock", abstract: "Clear an account's failed log-ins and locks, from every address.")

    @Argument(help: "The user name.") var username: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withAccounts(options) { accounts in
            let cleared = try await accounts.unlock(username)
            print(cleared ? "unlocked \(username)" : "\(username) was not locked")
        }
    }
}

extension UserRole: ExpressibleByArgument {}
