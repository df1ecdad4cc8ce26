public import Foundation

/// What a remote command produced. Output beyond the connection's byte cap is dropped and flagged.
public struct CommandResult: Sendable, Equatable {
    /// The exit status, or nil when the command ended by a signal.
    public var exitCode: Int?
    /// The signal's name without `SIG` (`TERM`, `KILL`), when the command ended by a signal.
    public var exitSignal: String?
    public var stdout: Data
    public var stderr: Data
    /// True when stdout or stderr was longer than the byte cap and was cut.
    public var truncated: Bool
    public var duration: Duration

    public init(
        exitCode: Int?, exitSignal: String? = nil, stdout: Data, stderr: Data, truncated: Bool = false,
        duration: Duration
    ) {
        self.exitCode = exitCode
        self.exitSignal = exitSignal
        self.stdout = stdout
        self.stderr = stderr
        self.truncated = truncated
        self.duration = duration
    }

    /// stdout as UTF-8 text (invalid bytes replaced).
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// stderr as UTF-8 text (invalid bytes replaced).
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    /// Exit status 0.
    public var succeeded: Bool { exitCode == 0 }
}

/// A piece of output as it arrives, for streaming to a log.
public struct OutputChunk: Sendable, Equatable {
    public enum Stream: String, Sendable { case stdout, stderr }
    public var stream: Stream
    public var data: Data

    public init(stream: Stream, data: Data) {
        self.stream = stream
        self.data = data
    }
}
