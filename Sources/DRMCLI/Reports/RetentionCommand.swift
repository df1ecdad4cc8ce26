import ArgumentParser
import DRMCore
import DRMEngine
import Foundation

/// `enabledrm retention plan|run`: what retention would delete (rows and bytes per kind), and a purge now.
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Show what retention would delete, or delete it now (the settings' policy; audited).",
        subcommands: [Plan.self, Run.self])

    /// Prints one line per kind: rows, bytes and the cut-off.
    static func print(_ figures: [RetentionPurge.Figure], policy: RetentionPolicy, format: OutputFormat) throws {
        switch format {
        case .json:
            let data = try JSONEncoder.enableDRM(pretty: true).encode(figures)
            Swift.print(String(decoding: data, as: UTF8.self))
        case .text:
            Swift.print("kind               days       rows        bytes  before")
            for figure in figures {
                Swift.print(
                    figure.kind.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
                        + String(policy.effectiveDays(figure.kind)).leftPadded(5)
                        + String(figure.rows).leftPadded(11) + String(figure.bytes).leftPadded(13) + "  "
                        + ISO8601DateFormatter().string(from: figure.before))
            }
            Swift.print("executions kept per job whatever their age: \(policy.keptPerJob); pinned executions are kept")
        }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan", abstract: "Print what a purge would delete now: rows and bytes per kind.")

        @OptionGroup var options: ConfigOptions
        @ArgumentParser.Option(help: "text or json.") var format: OutputFormat = .text

        func run() async throws {
            try await withEnvironment(options) { environment in
                let policy = try await SystemSettings(database: environment.database).retentionPolicy()
                try RetentionCommand.print(
                    try await environment.retentionPurge.plan(policy), policy: policy, format: format)
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Delete now what the retention settings say, in small batches.")

        @OptionGroup var options: ConfigOptions
        @ArgumentParser.Option(help: "text or json.") var format: OutputFormat = .text

        func run() async throws {
            try await withEnvironment(options) { environment in
                let policy = try await SystemSettings(database: environment.database).retentionPolicy()
                let figures = try await environment.retentionPurge.run(policy, audit: AuditTrail(.cli))
                try RetentionCommand.print(figures, policy: policy, format: format)
            }
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
