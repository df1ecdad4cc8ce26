import ArgumentParser
import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Logging

/// `enabledrm target …`: manage targets on the configured database directly, audited as `cli`.
struct TargetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "target",
        abstract: "Add, list, show, change, remove, import and export targets.",
        subcommands: [
            TargetAddCommand.self, TargetListCommand.self, TargetShowCommand.self, TargetUpdateCommand.self,
            TargetRemoveCommand.self, TargetImportCommand.self, TargetExportCommand.self, TargetTestCommand.self,
            TargetHostKeyCommand.self, TargetCredentialCommand.self,
        ]
    )
}

/// Parses a filter given on the command line; a bad one is one line naming where it went wrong.
func parseFilter(_ text: String?) throws -> TargetFilter? {
    guard let text, !text.isEmpty else { return nil }
    do {
        return try TargetFilter.parse(text)
    } catch {
        printError("--filter: \(error.message)")
        throw ExitCode(1)
    }
}

/// `enabledrm target add`.
struct TargetAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a target with one communication method and its credential.")

    @Argument(help: "The target's name (1–100 characters).") var name: String
    @Option(help: "The host: an IP address or a DNS name.") var host: String
    @Option(help: "The port (default: the method's).") var port: Int?
    @Option(help: "ssh, winrm, http, https, smtp or postgresql.") var method: String = "ssh"
    @Option(help: "The log-in user.") var username: String?
    @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
    @Option(help: "A private key file to log in with (ssh).") var keyFile: String?
    @Option(name: .customLong("tag"), help: "A tag (repeat for more).") var tags: [String] = []
    @Option(help: "The operating system, e.g. linux or windows.") var os: String = "linux"
    @Option(help: "production, staging, development or testing.") var env: String = "development"
    @Option(help: "system, api, database, email, web or communication.") var type: String = "system"
    @Option(help: "A description.") var description: String?
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let password = passwordStdin ? readLine(strippingNewline: true) : nil
        var privateKey: String?
        if let keyFile {
            guard let text = try? String(contentsOfFile: keyFile, encoding: .utf8) else {
                printError("--key-file: can't read \(keyFile)")
                throw ExitCode(1)
            }
            privateKey = text
        }
        guard let environment = TargetEnvironment(rawValue: env) else {
            printError("--env: must be one of production, staging, development, testing")
            throw ExitCode(1)
        }
        guard let targetType = TargetType(rawValue: type) else {
            printError("--type: must be one of \(TargetType.allCases.map(\.rawValue).joined(separator: ", "))")
            throw ExitCode(1)
        }
        var config: [String: JSONValue] = ["host": .string(host)]
        if ["http", "https", "rest_api", "api"].contains(method.lowercased()) {
            let scheme = method.lowercased() == "https" ? "https" : "http"
            let authority = host.contains(":") ? "[\(host)]" : host
            config = ["base_url": .string("\(scheme)://\(authority)\(port.map { ":\($0)" } ?? "")/")]
        } else if let port {
            config["port"] = .number(Double(port))
        }
        var credential: CredentialInput?
        if password != nil || privateKey != nil {
            credential = CredentialInput(
                type: privateKey != nil ? .sshKey : .password, username: username, password: password,
                privateKey: privateKey)
        }
        let draft = TargetDraft(
            name: name, targetType: targetType, osType: os, environment: environment, description: description,
            tags: tags, methods: [MethodDraft(methodType: method, config: .object(config), credential: credential)])
        try await withEnvironment(options) { environment in
            let targets = environment.targets(AuditTrail(.cli))
            let record = try await targets.create(draft)
            print(
                "created target \(record.target.name) (\(record.target.targetSerial), id \((try? record.target.savedID) ?? 0))"
            )
        }
    }
}

/// `enabledrm target list`.
struct TargetListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List targets.")

    @Option(help: "A filter, e.g. 'tag=web and os=linux' or 'name~db-*'.") var filter: String?
    @Option(help: "Text to find in names, serials, descriptions, hosts and tags.") var query: String?
    @Option(help: "text or json (a JSON array).") var format: OutputFormat = .text
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let filter = try parseFilter(filter)
        try await withEnvironment(options) { environment in
            let targets = environment.targets(AuditTrail(.cli))
            let (records, _) = try await targets.list(TargetQuery(filter: filter, text: query))
            switch format {
            case .json: print(try TargetOutput.json(.array(records.map(TargetOutput.object))))
            case .text:
                print(TargetOutput.header)
                for record in records { print(TargetOutput.line(record)) }
            }
        }
    }
}

/// `enabledrm target show`.
struct TargetShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a target with its methods (credentials as metadata only).")

    @Argument(help: "The target's name, serial or id.") var target: String
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            let targets = environment.targets(AuditTrail(.cli))
            let record = try await targets.find(target)
            switch format {
            case .json: print(try TargetOutput.json(TargetOutput.object(record)))
            case .text: print(TargetOutput.detail(record), terminator: "")
            }
        }
    }
}

/// `enabledrm target update`.
struct TargetUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Change a target's fields.")

    @Argument(help: "The target's name, serial or id.") var target: String
    @Option(help: "A new name.") var name: String?
    @Option(help: "The operating system.") var os: String?
    @Option(help: "production, staging, development or testing.") var env: String?
    @Option(help: "active, inactive or maintenance.") var status: String?
    @Option(name: .customLong("tag"), help: "Replace the tags with these (repeat for more).") var tags: [String] = []
    @Flag(help: "Remove every tag.") var clearTags = false
    @Option(help: "A description (empty to clear).") var description: String?
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        var changes = TargetChanges(name: name, osType: os, description: description)
        if let env {
            guard let environment = TargetEnvironment(rawValue: env) else {
                printError("--env: must be one of production, staging, development, testing")
                throw ExitCode(1)
            }
            changes.environment = environment
        }
        if let status {
            guard let value = TargetStatus(rawValue: status) else {
                printError("--status: must be one of active, inactive, maintenance")
                throw ExitCode(1)
            }
            changes.status = value
        }
        if clearTags || !tags.isEmpty { changes.tags = tags }
        try await withEnvironment(options) { environment in
            let targets = environment.targets(AuditTrail(.cli))
            let record = try await targets.find(target)
            let updated = try await targets.update(try record.target.savedID, changes)
            print("updated target \(updated.target.name) (\(updated.target.targetSerial))")
        }
    }
}

/// `enabledrm target remove`.
struct TargetRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Delete a target with its methods and credentials.")

    @Argument(help: "The target's name, serial or id.") var target: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            let targets = environment.targets(AuditTrail(.cli))
            let record = try await targets.find(target)
            try await targets.delete(try record.target.savedID)
            print("removed target \(record.target.name) (\(record.target.targetSerial))")
        }
    }
}
