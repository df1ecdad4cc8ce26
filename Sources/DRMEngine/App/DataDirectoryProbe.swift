import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether the data directory takes writes: the SQLite database, its journal, the secret key, uploaded files and
/// downloads all live there. `serve` checks it before it starts and `/readyz` on every call, so a read-only or full
/// directory is reported as not ready instead of every write failing.
public struct DataDirectoryProbe: Sendable {
    /// The directory checked.
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// `nil` when a small file can be created, written, synced and removed in the directory; otherwise why not,
    /// naming the directory.
    public func problem() -> String? {
        let file = path + "/.write-check-\(UUID().uuidString)"
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return describe(errno) }
        defer {
            close(descriptor)
            unlink(file)
        }
        let block = [UInt8](repeating: 0, count: 4096)
        let written = block.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == block.count else { return describe(written < 0 ? errno : ENOSPC) }
        guard fsync(descriptor) == 0 else { return describe(errno) }
        return nil
    }

    private func describe(_ code: Int32) -> String {
        switch code {
        case EROFS: "the data directory \(path) is on a read-only file system"
        case EACCES, EPERM: "the data directory \(path) is not writable (permission denied)"
        case ENOSPC, EDQUOT: "the data directory \(path) has no space left"
        case ENOENT, ENOTDIR: "the data directory \(path) does not exist"
        default: "the data directory \(path) can't be written: \(String(cString: strerror(code)))"
        }
    }
}
