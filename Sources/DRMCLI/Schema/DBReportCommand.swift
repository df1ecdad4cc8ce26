import ArgumentParser
import DRMEngine
import DRMSchema
import DRMStore
import Foundation

/// `enabledrm db report`: the schema health report.
struct DBReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report the schema's health: tables, keys, indexes and their use, orphaned rows, naming, drift."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, html
    }

    @Option(help: "text, json or html (a self-contained page).") var format: Format = .text
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            let report = try await SchemaReport.collect(from: environment.sql)
            let rendered: String
            switch format {
            case .text: rendered = report.text
            case .html: rendered = report.html
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                rendered = String(decoding: try encoder.encode(report), as: UTF8.self)
            }
            if let output {
                try (rendered + "\n").write(toFile: output, atomically: true, encoding: .utf8)
            } else {
                print(rendered)
            }
        }
    }
}
