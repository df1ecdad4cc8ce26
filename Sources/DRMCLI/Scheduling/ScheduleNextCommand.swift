import ArgumentParser
import DRMCore
import Foundation

/// `enabledrm schedule next`: the next fire times of a cron expression in a zone. Its output is a stable contract
/// other tools call: `--format json` prints a JSON array of ISO-8601 instants with the zone's offset; an invalid
/// expression, zone or instant exits 1 with one line naming the fault. It needs no database.
struct ScheduleNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Print the next fire times of a cron expression in a time zone.",
        discussion: """
            Fire times are strictly after --from, by the DST rules of docs/SCHEDULES.md. --format text prints one \
            time a line, local and UTC, marking those a DST change moved or repeated.
            """)

    @ArgumentParser.Option(help: "A five-field cron expression, e.g. \"30 2 * * MON-FRI\".") var cron: String
    @ArgumentParser.Option(help: "An IANA time zone, e.g. Europe/Berlin.") var tz: String = "UTC"
    @ArgumentParser.Option(help: "An ISO-8601 instant with an offset or Z (default: now).") var from: String?
    @ArgumentParser.Option(help: "How many fire times, 1 to 1000.") var count: Int = 10
    @ArgumentParser.Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
        let fires: [FireTime]
        do {
            let expression = try CronExpression(cron)
            let zone = try ScheduleTiming.zone(named: tz)
            guard (1...1000).contains(count) else {
                throw ScheduleRuleError.invalid(field: "--count", reason: "must be between 1 and 1000, not \(count)")
            }
            let start = try from.map(Self.instant) ?? Date()
            fires = ScheduleTiming(rule: .cron(expression), zone: zone).next(after: start, count: count)
        } catch let error as ScheduleRuleError {
            printError(Self.cliMessage(error))
            throw ExitCode(1)
        }
        switch format {
        case .json:
            let data = try JSONEncoder().encode(fires.map(\.localISO8601))
            print(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/"))
        case .text:
            for fire in fires {
                let mark = fire.adjustment.map { "  \($0.phrase)" } ?? ""
                print("\(fire.localISO8601)  \(fire.utcISO8601)\(mark)")
            }
        }
    }

    /// An ISO-8601 instant, with or without fractional seconds; it must carry an offset or Z.
    static func instant(_ text: String) throws(ScheduleRuleError) -> Date {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = plain.date(from: text) ?? fractional.date(from: text) else {
            throw .invalid(
                field: "--from", reason: "\"\(text)\" is not an ISO-8601 instant such as 2026-03-29T00:00:00Z")
        }
        return date
    }

    /// The error as the CLI's options name the fields.
    static func cliMessage(_ error: ScheduleRuleError) -> String {
        switch error {
        case .cron, .neverFires: "--cron: " + error.message
        case .unknownZone(let zone): "--tz: \"\(zone)\" is not an IANA time zone (for example Europe/Berlin)"
        case .invalid: error.message
        }
    }
}
