import ArgumentParser
import DRMCore
import DRMEngine
import DRMStore
import Foundation

/// `enabledrm target import`.
struct TargetImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Import targets from a CSV or JSON file (columns: name, host, port, username, password, key_file, tags, os_type).",
        discussion: """
            Prints one line per rejected row and then `imported N, rejected M`; exits 1 when any row was rejected. \
            key_file paths are read by this command (relative ones from the file's directory).
            """)

    @Argument(help: "The file: .json for a JSON array, anything else is CSV.") var file: String
    @Flag(help: "Import nothing when any row is rejected.") var atomic = false
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("can't read \(file)")
            throw ExitCode(1)
        }
        let rows: [NumberedImportRow]
        do {
            if file.lowercased().hasSuffix(".json") {
                rows = try TargetImport.numberedJSON(data)
            } else {
                rows = try TargetImport.numberedCSV(String(decoding: data, as: UTF8.self))
            }
        } catch {
            printError("\(file): \(error.message)")
            throw ExitCode(1)
        }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        let reader: TargetInventory.KeyFileReader = { path in
            let expanded = NSString(string: path).expandingTildeInPath
            let url =
                expanded.hasPrefix("/")
                ? URL(fileURLWithPath: expanded) : directory.appendingPathComponent(expanded)
            return try String(contentsOf: url, encoding: .utf8)
        }
        var rejected = 0
        try await withEnvironment(options) { environment in
            let targets = environment.targets(AuditTrail(.cli))
            let report = try await targets.importRows(rows, atomic: atomic, keyFiles: reader)
            for row in report.rejected {
                print("row \(row.row): rejected: \(row.reasons.joined(separator: "; "))")
            }
            if atomic && !report.rejected.isEmpty { print("nothing imported (--atomic)") }
            print(report.summary)
            rejected = report.rejected.count
        }
        if rejected > 0 { throw ExitCode(1) }
    }
}

/// `enabledrm target export`.
struct TargetExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export targets as CSV or JSON, in the import format (never a secret).")

    @Option(help: "csv or json.") var format: ExportFormat = .csv
    @Option(help: "Only the targets that pass this filter.") var filter: String?
    @OptionGroup var options: ConfigOptions

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    func run() async throws {
        let filter = try parseFilter(filter)
        try await withEnvironment(options) { environment in
            let targets = environment.targets(AuditTrail(.cli))
            switch format {
            case .csv:
                // A batch at a time, as the server streams it.
                print(TargetImport.exportCSVHeader, terminator: "")
                _ = try await targets.export(filter: filter, format: format.rawValue) { rows in
                    print(TargetImport.exportCSVLines(rows), terminator: "")
                }
            case .json:
                let rows = try await targets.exportRows(filter: filter, format: format.rawValue)
                print(try TargetOutput.json(TargetInventory.exportJSON(rows)))
            }
        }
    }
}
