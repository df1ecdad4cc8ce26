import Crypto
import Foundation

/// Where a download's bytes go as they arrive: a local file and a running SHA-256, so no download is held in
/// memory. Written only under the download stream's lock (one chunk at a time, in order), hence `@unchecked`.
final class SCPFileSink: @unchecked Sendable {
    private let handle: FileHandle
    private var hasher = SHA256()
    private var bytes = 0
    private var failure: (any Error)?
    private var closed = false

    /// Creates (or empties) `file`, readable by its owner only.
    init(_ file: URL) throws {
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        handle = try FileHandle(forWritingTo: file)
    }

    /// Appends `data`; the first write that fails is kept and ends writing (``finish()`` throws it).
    func write(_ data: Data) {
        guard failure == nil, !closed else { return }
        do {
            try handle.write(contentsOf: data)
            hasher.update(data: data)
            bytes += data.count
        } catch {
            failure = error
        }
    }

    /// Flushes and closes the file: the byte count and SHA-256 (lowercase hex), or the write's error.
    func finish() throws -> (bytes: Int, sha256: String) {
        if let failure { throw failure }
        try handle.synchronize()
        close()
        return (bytes, hasher.finalize().hex)
    }

    func close() {
        guard !closed else { return }
        closed = true
        try? handle.close()
    }
}
