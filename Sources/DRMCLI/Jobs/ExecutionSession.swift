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
        if text, !launched.leftOut.isEmpty {
            print(Self.leftOutLine(launched))
        }
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
            print(Self.summaryLine(summary))
        case .json:
            print(try TargetOutput.json(try await results(summary)))
        }
        if summary.status != .completed { throw ExitCode(1) }
    }

    /// `E… completed: all 5 targets in 2.31 s`, or `E… partially_failed: 2 completed, 1 failed of 3 targets in …`.
    static func summaryLine(_ summary: ExecutionSummary) -> String {
        let seconds = summary.durationSeconds().map { String(format: "%.2f s", $0) } ?? "-"
        let counts = summary.targets.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        let noun = summary.totalTargets == 1 ? "target" : "targets"
        let tally =
            counts.count == 1 && counts[0].key == summary.status.rawValue
            ? "all \(summary.totalTargets) \(noun)"
            : counts.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + " of \(summary.totalTargets) \(noun)"
        return "\(summary.serial) \(summary.status.rawValue): \(tally) in \(seconds)"
    }

    /// `left out 1 of 11 selected target(s) that can't run it: api-1 (no active ssh method, …)`.
    static func leftOutLine(_ launched: ExecutionLauncher.Launched) -> String {
        let total = launched.targets + launched.leftOut.count
        let names = launched.leftOut.prefix(10).map { "\($0.name) (\($0.reason))" }.joined(separator: ", ")
        return "left out \(launched.leftOut.count) of \(total) selected target(s) that can't run it: \(names)"
            + (launched.leftOut.count > 10 ? ", …" : "")
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
        let leftOut: [JSONValue] = launched.leftOut.map {
            ["target": .string($0.name), "reason": .string($0.reason)]
        }
        return [
            "execution": .string(summary.serial), "status": .string(summary.status.rawValue),
            "targets": .array(targets), "left_out": .array(leftOut),
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
