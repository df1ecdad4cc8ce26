import ArgumentParser
import DRMCore
import DRMEngine
import DRMRemote
import Foundation

/// `enabledrm target test`: connection tests against the real systems, one line per method and a summary.
struct TargetTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Test the connection methods of targets (named, or selected by a filter; all without either).")

    @Argument(help: "Target names, serials or ids.") var targets: [String] = []
    @Option(help: "A filter, e.g. 'tag=web and os=linux'.") var filter: String?
    @Option(help: "How many tests run at once.") var concurrency: Int = 32
    @Option(help: "Seconds each test may take at most.") var timeout: Int = 10
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard (1...1000).contains(concurrency) else { throw ValidationError("--concurrency must be 1–1000") }
        guard (1...300).contains(timeout) else { throw ValidationError("--timeout must be 1–300 seconds") }
    }

    func run() async throws {
        let filter = try parseFilter(filter)
        var failed = 0
        try await withEnvironment(options) { environment in
            let inventory = environment.targets(AuditTrail(.cli))
            var tester = environment.connectionTester(AuditTrail(.cli))
            tester.maxConcurrency = concurrency
            tester.timeout = .seconds(timeout)
            var ids = try await tester.targetIDs(matching: filter)
            if !targets.isEmpty {
                let named = try await targets.asyncMap { try await inventory.find($0).target.savedID }
                ids = filter == nil ? named : ids.filter(named.contains)
            }
            let started = Date()
            let outcomes = try await tester.test(targetIDs: ids)
            failed = outcomes.filter { !$0.result.success }.count
            switch format {
            case .json:
                let results: [JSONValue] = outcomes.map { outcome in
                    [
                        "target": .string(outcome.targetName), "method": .string(outcome.methodType),
                        "endpoint": .string(outcome.endpoint), "success": .bool(outcome.result.success),
                        "category": outcome.result.category.map { .string($0.rawValue) } ?? .null,
                        "message": .string(outcome.result.message), "latency_ms": .number(Double(outcome.latencyMS)),
                    ]
                }
                print(try TargetOutput.json(.array(results)))
            case .text:
                for outcome in outcomes {
                    let status = outcome.result.success ? "ok  " : "FAIL"
                    let category = outcome.result.category.map { "\($0.rawValue): " } ?? ""
                    print(
                        "\(status) \(outcome.targetName)  \(outcome.methodType) \(outcome.endpoint)  "
                            + "\(outcome.latencyMS) ms  \(category)\(outcome.result.message)")
                }
                let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
                print(
                    "tested \(outcomes.count), succeeded \(outcomes.count - failed), failed \(failed) in \(seconds) s")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
