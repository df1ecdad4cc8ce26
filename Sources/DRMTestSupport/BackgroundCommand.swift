public import Foundation

/// An `enabledrm` command running in the background.
public final class BackgroundCommand: @unchecked Sendable {
    let process: Process
    let logPath: String

    init(process: Process, logPath: String) {
        self.process = process
        self.logPath = logPath
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Everything it printed so far.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` (SIGKILL: a crash) and waits for the process to end; returns its termination status.
    @discardableResult
    public func kill(_ signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
