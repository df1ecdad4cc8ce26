import ArgumentParser
import DRMCore
import DRMEngine
import Foundation

/// `enabledrm target host-key …`: the pinned and offered SSH host keys, and accepting offered ones.
struct TargetHostKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "host-key", abstract: "See the pinned and the offered SSH host keys; accept offered ones.",
        subcommands: [TargetHostKeyListCommand.self, TargetHostKeyAcceptCommand.self])
}

/// The targets a bulk command applies to: one by name, serial or id, or a filter.
struct TargetSelection: ParsableArguments {
    @Argument(help: "A target's name, serial or id.") var target: String?
    @Option(help: "Every target this filter selects, e.g. 'tag=web'.") var filter: String?

    func validate() throws {
        guard (target == nil) != (filter == nil) else { throw ValidationError("give a target or --filter") }
    }

    func ids(_ environment: AppEnvironment) async throws -> [Int] {
        let inventory = environment.targets(AuditTrail(.cli))
        if let target { return [try await inventory.find(target).target.savedID] }
        return try await inventory.select(try parseFilter(filter), activeOnly: false)
    }
}

/// `enabledrm target host-key list [--filter F]`.
struct TargetHostKeyListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Each ssh method's pinned host key beside the one its last connection test was offered.")

    @Option(help: "Only the targets this filter selects.") var filter: String?
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let filter = try parseFilter(filter)
        try await withEnvironment(options) { environment in
            let ids = try await environment.targets(AuditTrail(.cli)).select(filter, activeOnly: false)
            let entries = try await environment.hostKeyReview(AuditTrail(.cli)).entries(targetIDs: ids)
            print(["TARGET", "ENDPOINT", "STATE", "PINNED", "OFFERED"].joined(separator: "\t"))
            for entry in entries {
                print(
                    [
                        entry.targetName, entry.endpoint, entry.state.rawValue, entry.pinnedFingerprint ?? "-",
                        entry.offeredFingerprint ?? "-",
                    ].joined(separator: "\t"))
            }
        }
    }
}

/// `enabledrm target host-key accept (TARGET | --filter F)`.
struct TargetHostKeyAcceptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accept",
        abstract: "Pin the host key the last connection test was offered, where it changed (audited).")

    @OptionGroup var selection: TargetSelection
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            let ids = try await selection.ids(environment)
            let result = try await environment.hostKeyReview(AuditTrail(.cli)).acceptOffered(targetIDs: ids)
            for entry in result.accepted {
                print("accepted \(entry.targetName) \(entry.endpoint): \(entry.pinnedFingerprint ?? "-")")
            }
            for skipped in result.skipped {
                print("left \(skipped.entry.targetName) \(skipped.entry.endpoint): \(skipped.reason)")
            }
            print("accepted \(result.accepted.count), left \(result.skipped.count)")
        }
    }
}

/// `enabledrm target credential (TARGET | --filter F) --username U (--key-file K | --password-stdin)`.
struct TargetCredentialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential",
        abstract: "Replace the credential of a method type on one target or every target a filter selects.")

    @OptionGroup var selection: TargetSelection
    @Option(help: "ssh, winrm, rest_api, smtp or postgresql (default ssh).") var method: String = "ssh"
    @Option(help: "The log-in user.") var username: String?
    @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
    @Option(help: "A private key file to log in with (ssh).") var keyFile: String?
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        guard let type = CommunicationMethodConfig.MethodType(rawValue: method) else {
            let types = CommunicationMethodConfig.MethodType.allCases.map(\.rawValue)
            printError("--method: must be one of \(types.joined(separator: ", "))")
            throw ExitCode(1)
        }
        let password = passwordStdin ? readLine(strippingNewline: true) : nil
        var privateKey: String?
        if let keyFile {
            guard let text = try? String(contentsOfFile: keyFile, encoding: .utf8) else {
                printError("--key-file: can't read \(keyFile)")
                throw ExitCode(1)
            }
            privateKey = text
        }
        guard password != nil || privateKey != nil else {
            printError("--key-file or --password-stdin: give the new secret")
            throw ExitCode(1)
        }
        let credential = CredentialInput(
            type: privateKey != nil ? .sshKey : .password, username: username, password: password,
            privateKey: privateKey)
        try await withEnvironment(options) { environment in
            let ids = try await selection.ids(environment)
            let replaced = try await environment.targets(AuditTrail(.cli)).replaceCredentials(
                of: ids, methodType: type, with: credential)
            for method in replaced.methods { print("replaced the credential of \(method.targetName)") }
            for name in replaced.withoutMethod { print("left \(name): no active \(type.rawValue) method") }
            print("replaced \(replaced.methods.count), left \(replaced.withoutMethod.count)")
        }
    }
}
