import DRMCore
import DRMEngine
import Foundation
import Synchronization

/// Prints an execution as it happens, in text: each target's output lines as they come, prefixed with its name and
/// `host:port`, a status line when a target ends; on a terminal's stderr, a progress bar (targets done / total,
/// failures, time so far) from the start, redrawn every second by ``tick()``.
final class ExecutionPrinter: Sendable {
    private struct State {
        var done = 0
        var failed = 0
        var barShown = false
    }

    let total: Int
    let verbose: Bool
    let showProgress: Bool
    let started = ContinuousClock.now
    private let state = Mutex(State())

    init(total: Int, verbose: Bool) {
        self.total = total
        self.verbose = verbose
        showProgress = isatty(STDERR_FILENO) == 1
    }

    /// Draws the progress bar again (the time so far changes): call it once at the start and then every second.
    func tick() {
        state.withLock { state in write("", &state) }
    }

    func handle(_ line: ExecutionLogLine) {
        let prefix = "\(line.targetName ?? "-") \(line.endpoint ?? "-")"
        state.withLock { state in
            guard let branch = line.branchID else {
                if verbose || line.phase == .completion { write("\(line.message)\n", &state) }
                return
            }
            if line.outputStream != nil {
                write("\(prefix) | \(line.message)\n", &state)
            } else if let status = line.branchStatus {
                let seconds: String =
                    if case .number(let s)? = line.details?["seconds"] { String(format: "%.2fs", s) } else { "" }
                let exit: String =
                    if case .number(let code)? = line.details?["exit_code"] { " exit=\(Int(code))" } else { "" }
                let reason =
                    status == .completed
                    ? ""
                    : " "
                        + (line.message.split(separator: ":", maxSplits: 1).dropFirst().first.map {
                            String($0).trimmingCharacters(in: .whitespaces)
                        } ?? "")
                state.done += 1
                if !status.isSuccess { state.failed += 1 }
                write("\(prefix) \(status.rawValue)\(exit) \(seconds)\(reason)\n", &state)
            } else if verbose || line.level == .error {
                write("\(prefix) [\(line.phase.rawValue)] \(line.message)\n", &state)
            }
        }
    }

    private func write(_ text: String, _ state: inout State) {
        if state.barShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if !text.isEmpty { FileHandle.standardOutput.write(Data(text.utf8)) }
        if showProgress {
            let elapsed = Int((ContinuousClock.now - started).components.seconds)
            let width = 30
            let filled = total == 0 ? width : width * state.done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(
                Data("[\(bar)] \(state.done)/\(total) done, \(state.failed) failed, \(elapsed) s".utf8))
            state.barShown = true
        }
    }

    /// Clears the progress bar.
    func finish() {
        state.withLock { state in
            if state.barShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            state.barShown = false
        }
    }
}
