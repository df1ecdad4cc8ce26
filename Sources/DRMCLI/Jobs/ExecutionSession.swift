import ArgumentParser
import DRMCore
import DRMEngine
import DRMStore
import Dispatch
import Foundation
import Synchronization

/// Runs a launched execution to its end for the command line: in this process when no worker is live (or when
/// asked), otherwise by following what a worker does; prints it as text or JSON and exits non-zero unless every
/// target completed. Ctrl-C asks for cancellation (a second one quits).
struct ExecutionSession {
    let environment: AppEnvironment
    let launched: ExecutionLauncher.Launched
    var format: OutputFormat
    var verbose = false
    var local = false

    func run() async throws {
        let engine = environment.jobs
        let printer = ExecutionPrinter(total: launched.targets, verbose: verbose)
        let text = format == .text
        let observer: @Sendable (ExecutionLogLine) -> Void = { line in if text { printer.handle(line) } }
        let interrupt = cancelOnInterrupt()
        defer { interrupt.cancel() }
        // The bar shows from the first second, before any target ends.
        let ticker = Task {
            while !Task.isCancelled {
                if text { printer.tick() }
                try await Task.sleep(for: .seconds(1))
            }
        }
        defer { ticker.cancel() }
        let liveWorkers = try await engine.metrics.liveWorkers()
        if local || liveWorkers.isEmpty {
            // Without a worker nobody sweeps: an earlier command that was killed mid-run is cleaned up here.
            if liveWorkers.isEmpty { try await engine.recoverLostWork() }
            try await engine.runInProcess(launched, worker: QueueWorker.defaultName(prefix: "cli"), observer: observer)
        } else {
            repeat {
                try await ExecutionFollower(query: engine.query, executionID: launched.executionID).run { line in
                    observer(line)
                }
            } while try await !engine.query.summary(launched.executionID).status.isTerminal
        }
        ticker.cancel()
        _ = await ticker.result
        printer.finish()
        let summary = try await engine.query.summary(launched.executionID)
        switch format {
        case .text:
            let counts = summary.targets.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                separator: ", ")
            let seconds = summary.durationSeconds().map { String(format: "%.2f s", $0) } ?? "-"
            print("\(summary.serial) \(summary.status.rawValue): \(counts) in \(seconds)")
        case .json:
            print(try TargetOutput.json(try await results(summary)))
        }
        if summary.status != .completed { throw ExitCode(1) }
    }

    /// Per-target results, for `--format json`.
    func results(_ summary: ExecutionSummary) async throws -> JSONValue {
        let detail = try await environment.jobs.query.detail(summary.id)
        let results = Dictionary(
            grouping: try await environment.jobs.query.results(executionID: summary.id), by: \.branchID)
        let targets: [JSONValue] = detail.branches.map { branch in
            let actions = results[branch.id] ?? []
            return [
                "target": .string(branch.targetName), "status": .string(branch.status.rawValue),
                "exit_code": branch.exitCode.map { .number(Double($0)) } ?? .null,
                "duration_seconds": branch.durationSeconds.map(JSONValue.number) ?? .null,
                "stdout": .string(actions.compactMap(\.output).joined()),
                "stderr": .string(actions.compactMap(\.error).joined(separator: "\n")),
                "error": branch.error.map(JSONValue.string) ?? .null,
            ]
        }
        return [
            "execution": .string(summary.serial), "status": .string(summary.status.rawValue),
            "targets": .array(targets),
        ]
    }

    /// The first Ctrl-C asks for cancellation; the second quits at once.
    func cancelOnInterrupt() -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let engine = environment.jobs
        let audit = AuditTrail(.cli)
        let executionID = launched.executionID
        let asked = InterruptFlag()
        source.setEventHandler {
            if asked.value.withLock({ $0 }) { exit(130) }
            asked.value.withLock { $0 = true }
            FileHandle.standardError.write(Data("\ncancelling (Ctrl-C again to quit)…\n".utf8))
            Task { _ = try? await engine.cancel(executionID: executionID, audit: audit) }
        }
        source.resume()
        return source
    }
}

/// Whether Ctrl-C was pressed once already.
final class InterruptFlag: Sendable {
    let value = Mutex(false)
}
