import ArgumentParser
import DRMCore
import DRMEngine
import DRMWeb
import Foundation

/// `enabledrm report`: reports drawn from the rollups.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Run reports (from the rollups, so they hold after retention).",
        subcommands: [ReportRunCommand.self])
}

/// `enabledrm report run NAME --range 7d --format html|csv|json -o FILE`: runs a report, records the run in
/// `generated_reports` and writes it to FILE (or standard output).
struct ReportRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a report and write it as HTML (with SVG charts), CSV or JSON.",
        discussion: "Reports: \(ReportKind.allCases.map(\.rawValue).joined(separator: ", ")).")

    @OptionGroup var options: ConfigOptions
    @ArgumentParser.Argument(help: "The report's name.") var name: String
    @ArgumentParser.Option(help: "1d, 7d, 30d, Nd (up to 366d) or custom (with --from and --to).")
    var range: String = "7d"
    @ArgumentParser.Option(help: "Start of a custom range (ISO 8601).") var from: String?
    @ArgumentParser.Option(help: "End of a custom range (ISO 8601).") var to: String?
    @ArgumentParser.Option(name: .customLong("job"), help: "Limit to a job id (repeat for more).") var jobs: [Int] = []
    @ArgumentParser.Option(help: "Limit to targets with this tag (and jobs with such targets).") var tag: String?
    @ArgumentParser.Option(help: "html, csv or json.") var format: String = "json"
    @ArgumentParser.Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output:
        String?

    func validate() throws {
        guard ReportKind(rawValue: name) != nil else {
            throw ValidationError(
                "unknown report \(name): use one of \(ReportKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard ReportFormat(rawValue: format) != nil else { throw ValidationError("--format must be html, csv or json") }
    }

    func run() async throws {
        guard let kind = ReportKind(rawValue: name), let format = ReportFormat(rawValue: format) else { return }
        try await withEnvironment(options) { environment in
            let range: ReportRange
            do {
                if self.range == "custom" {
                    let parser = ISO8601DateFormatter()
                    guard let start = from.flatMap(parser.date(from:)), let end = to.flatMap(parser.date(from:)) else {
                        throw ValidationError("--from and --to must be ISO 8601 times for a custom range")
                    }
                    range = try ReportRange.custom(from: start, to: end)
                } else {
                    range = try ReportRange.last(self.range, now: environment.now())
                }
            } catch let error as ReportInputError {
                throw ValidationError("--\(error.field): \(error.message)")
            }
            let runs = ReportRuns(database: environment.database, audit: AuditTrail(.cli), now: environment.now)
            let run = try await runs.run(kind, range: range, jobIDs: jobs, tag: tag, by: nil)
            let text = try ReportRendering.render(run.data, as: format)
            if let output {
                try Data(text.utf8).write(to: URL(filePath: output))
                try await runs.attach(run.id, path: output, bytes: text.utf8.count)
                FileHandle.standardError.write(Data("wrote \(output) (\(text.utf8.count) bytes, run \(run.id))\n".utf8))
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}
