import ArgumentParser
import DRMCore
import DRMEngine
import DRMRemote
import Foundation
import Synchronization

/// `enabledrm discover`: a sweep and service identification of a range, printed as JSON (one object per host with
/// an open port) or as a table with a progress bar on standard error.
/// Bad input exits 2 naming the option at fault. This contract is stable: other tools call it.
struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Sweep a range for open TCP ports and name the service on each.",
        discussion: """
            RANGE: CIDR (10.0.0.0/24, fd00::/120), a.b.c.d-e, a.b.c.d-a.b.c.e, addresses and host names, comma
            separated; !ENTRY excludes. PORTS: 22,80,8000-8100 or `default` (the common set).
            """)

    // Options are read as text and checked here, so that every bad value exits 2 naming its option.
    @Option(help: "Addresses to sweep (comma separated).") var range: String?
    @Option(help: "Addresses to leave out.") var exclude: String = ""
    @Option(help: "TCP ports: list and ranges, or `default`.") var ports: String = "default"
    @Option(help: "Connection attempts in flight at once (1–4096, default 256).") var concurrency: String?
    @Option(help: "At most this many connection attempts per second.") var rate: String?
    @Option(help: "Connect time-out ceiling in milliseconds (10–60000, default 1000).") var timeout: String?
    @Option(help: "Retries of an unanswered attempt (0–5, default 1).") var retries: String?
    @Flag(help: "Allow more than 65,536 addresses × ports (up to 16,777,216).") var allowLarge = false
    @Option(help: "json or text.") var format: String = "text"
    @Flag(help: "Store the sweep as a discovery run (see `enabledrm discovery show`).") var save = false
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let plan: SweepPlan
        do {
            guard let range, !range.isEmpty else { throw FieldError(field: "range", message: "is required") }
            guard ["json", "text"].contains(format) else {
                throw FieldError(field: "format", message: "must be json or text")
            }
            plan = try SweepPlan.validate(
                range: range, exclude: exclude, ports: ports, concurrency: try Self.number(concurrency, "concurrency"),
                rate: try Self.number(rate, "rate"), timeoutMS: try Self.number(timeout, "timeout"),
                retries: try Self.number(retries, "retries"), allowLarge: allowLarge)
        } catch let error as FieldError {
            printError("--\(error.field): \(error.message)")
            throw ExitCode(2)
        }
        let bar = format == "text" ? ProgressBar() : nil
        let scanner = NetworkScanner(plan: plan)
        let report = await scanner.run { progress in bar?.show(progress) }
        bar?.finish()
        if save {
            let request = DiscoveryRequest(
                range: range ?? "", exclude: exclude, ports: ports, concurrency: plan.concurrency, rate: plan.rate,
                timeoutMS: plan.timeoutMS, retries: plan.retries, allowLarge: allowLarge)
            try await withEnvironment(options) { environment in
                let run = try await environment.discoveryRuns(AuditTrail(.cli)).save(
                    request, hosts: report.hosts, cancelled: report.cancelled,
                    createdBy: try await environment.cliUserID())
                printError("saved as discovery run \(run.id)")
            }
        }
        if format == "json" {
            print(try DiscoveryOutput.json(report))
        } else {
            print(DiscoveryOutput.table(report))
        }
        if report.cancelled { throw ExitCode(130) }
    }

    static func number(_ text: String?, _ field: String) throws(FieldError) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text) else { throw FieldError(field: field, message: "must be a whole number") }
        return value
    }
}

/// The progress bar of `--format text`, on standard error, redrawn at most ten times a second.
final class ProgressBar: Sendable {
    private let last = Mutex<(ContinuousClock.Instant?, Bool)>((nil, false))

    func show(_ progress: DiscoveryProgress) {
        let now = ContinuousClock.now
        let draw = last.withLock { state in
            if let previous = state.0, now - previous < .milliseconds(100) { return false }
            state = (now, true)
            return true
        }
        guard draw else { return }
        let (label, done, total, extra): (String, Int, Int, String) =
            switch progress {
            case .sweeping(let sweep): ("sweeping", sweep.done, sweep.total, "open \(sweep.open)")
            case .identifying(let done, let total): ("identifying", done, total, "")
            }
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let filled = Int(fraction * 30)
        let line =
            "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled) + "] "
            + String(format: "%3.0f%% ", fraction * 100) + "\(label) \(done)/\(total) \(extra)   "
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if last.withLock({ $0.1 }) { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
