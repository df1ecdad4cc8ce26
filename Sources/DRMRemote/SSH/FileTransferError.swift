import Foundation

/// Why a file transfer over SSH failed after the connection itself worked. Connection problems (refused, time-out,
/// closed channel) stay ``ConnectionError``s.
public enum FileTransferError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The remote path can't be used (empty, a directory name, a newline or NUL in it).
    case invalidPath(path: String, reason: String)
    /// The remote `scp` reported an error, e.g. `scp: /nonexistent/x: No such file or directory`.
    case remote(path: String, message: String)
    /// The remote file is larger than the caller allows; nothing was kept.
    case tooLarge(path: String, size: Int, limit: Int)
    /// The remote size or SHA-256 differs from the bytes sent or received.
    case verificationFailed(path: String, detail: String)
    /// The remote side answered something the SCP protocol doesn't allow.
    case protocolViolation(path: String, detail: String)

    /// The remote path the failure is about.
    public var path: String {
        switch self {
        case .invalidPath(let path, _), .remote(let path, _), .tooLarge(let path, _, _),
            .verificationFailed(let path, _), .protocolViolation(let path, _):
            path
        }
    }

    public var description: String {
        switch self {
        case .invalidPath(let path, let reason): "invalid remote path \"\(path)\": \(reason)"
        case .remote(_, let message): message
        case .tooLarge(let path, let size, let limit):
            "\(path) has \(size) bytes, more than the limit of \(limit) bytes"
        case .verificationFailed(let path, let detail): "\(path) failed verification: \(detail)"
        case .protocolViolation(let path, let detail): "SCP protocol error for \(path): \(detail)"
        }
    }
}
