import ArgumentParser
import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import Foundation

/// `enabledrm db check`: every difference between the live database and the declared schema.
struct DBCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare the live database with the declared schema at its revision.",
        discussion:
            "Exit status: 0 aligned and at head, 1 drift or a revision that isn't head, 2 when the check can't run."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "text or json.") var format: Format = .text
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        var report: SchemaCheck.Report?
        do {
            try await withEnvironment(options) { environment in
                report = try await SchemaCheck(database: environment.sql).run()
            }
        } catch let exit as ExitCode where exit == .failure {
            throw ExitCode(2)
        }
        guard let report else { throw ExitCode(2) }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        case .text:
            print(report.revisionLine)
            for difference in report.differences { print(difference) }
            print(
                report.differences.isEmpty
                    ? "no drift" : "\(report.differences.count) differences from the \(report.comparedWith)")
        }
        if !report.isAligned { throw ExitCode(1) }
    }
}
