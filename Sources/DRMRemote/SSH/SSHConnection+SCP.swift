import Crypto
public import Foundation
import NIOConcurrencyHelpers

/// A file written by ``SSHConnection/upload(_:to:mode:timeout:)``, checked against the remote copy.
public struct SCPUpload: Sendable, Equatable {
    /// The path written, as given.
    public var remotePath: String
    /// Bytes sent (and found on the remote side).
    public var bytes: Int
    /// SHA-256 of the bytes, lowercase hex; the remote file has the same digest.
    public var sha256: String
    /// Transfer and check together.
    public var duration: Duration
}

/// A file read by ``SSHConnection/download(from:to:maxBytes:timeout:)`` into a local file, checked against the
/// remote copy.
public struct SCPDownload: Sendable, Equatable {
    /// The path read, as given.
    public var remotePath: String
    /// The local file written.
    public var file: URL
    /// Bytes received (and found on the remote side).
    public var bytes: Int
    /// SHA-256 of the bytes, lowercase hex; the remote file has the same digest.
    public var sha256: String
    /// The remote file's permission bits, e.g. `0o644`.
    public var mode: Int
    /// Transfer and check together.
    public var duration: Duration
}

// SCP's legacy protocol runs over one exec channel: `scp -t` (sink) takes a file on stdin, `scp -f` (source) sends
// one on stdout. Every step is acknowledged with `\0`; `\1`/`\2` plus a line carry the remote error. Both sides'
// acknowledgements are predictable for one file, so they are sent up front as stdin instead of turn by turn.
extension SSHConnection {
    /// Writes `data` to `remotePath` with the SCP protocol (`scp -t`), then checks the remote file's size and
    /// SHA-256 against the bytes sent.
    ///
    /// `mode` applies when the file is created (the remote umask may clear bits). `timeout` covers the whole
    /// transfer and the check. Throws a ``FileTransferError`` naming the remote message (missing directory, no
    /// permission, …) or the mismatch, or a ``ConnectionError`` when the connection fails or time runs out.
    public func upload(
        _ data: Data, to remotePath: String, mode: Int = 0o644, timeout: Duration
    ) async throws -> SCPUpload {
        let start = ContinuousClock.now
        try SCP.validate(remotePath)
        let name = try SCP.fileName(of: remotePath)
        var input = SCP.record(mode: mode, size: data.count, name: name)
        input.append(data)
        input.append(0)
        let result = try await execute(
            "scp -t -- \(SCP.shellQuoted(remotePath))", input: input, timeout: remaining(timeout, since: start))
        let (accepted, message) = SCP.acknowledgements(result.stdout)
        if let message { throw FileTransferError.remote(path: remotePath, message: message) }
        // The sink acknowledges its start, the record and the bytes.
        guard accepted >= 3, result.succeeded else {
            throw failure(of: result, path: remotePath, step: "scp -t")
        }
        let sha256 = SHA256.hash(data: data).hex
        try await verify(remotePath, size: data.count, sha256: sha256, timeout: remaining(timeout, since: start))
        return SCPUpload(
            remotePath: remotePath, bytes: data.count, sha256: sha256, duration: ContinuousClock.now - start)
    }

    /// Reads `remotePath` with the SCP protocol (`scp -f`) into the local `file`, then checks its SHA-256 against
    /// the remote file.
    ///
    /// The bytes go to disk as they arrive (into `file` + `.part`, renamed to `file` once the digests agree), so a
    /// download of any size holds one chunk in memory, never the file; a download that fails leaves no file. A file
    /// over `maxBytes` is refused as soon as the source announces its size (``FileTransferError/tooLarge``); the
    /// transfer stops there. `timeout` covers the whole transfer and the check.
    public func download(from remotePath: String, to file: URL, maxBytes: Int, timeout: Duration) async throws
        -> SCPDownload
    {
        let start = ContinuousClock.now
        try SCP.validate(remotePath)
        let partial = file.appendingPathExtension("part")
        let sink = try SCPFileSink(partial)
        do {
            let stream = NIOLockedValueBox(SCPSourceStream(path: remotePath, maxBytes: maxBytes))
            // Three acknowledgements: start, after the record, after the bytes. The command's own output is not
            // kept (the stream has it).
            let result = try await run(
                "scp -f -- \(SCP.shellQuoted(remotePath))", input: Data([0, 0, 0]),
                timeout: remaining(timeout, since: start), keepingOutput: false
            ) { chunk in
                guard chunk.stream == .stdout else { return }
                // The sink writes under the stream's lock: one chunk at a time, in order.
                try stream.withLockedValue { try $0.consume(chunk.data) { sink.write($0) } }
            }
            let received = stream.withLockedValue { $0 }
            if let message = received.remoteMessage {
                throw FileTransferError.remote(path: remotePath, message: message)
            }
            guard received.isComplete, let record = received.record else {
                throw failure(of: result, path: remotePath, step: "scp -f")
            }
            let (bytes, sha256) = try sink.finish()
            try await verify(remotePath, size: record.size, sha256: sha256, timeout: remaining(timeout, since: start))
            if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
            try FileManager.default.moveItem(at: partial, to: file)
            return SCPDownload(
                remotePath: remotePath, file: file, bytes: bytes, sha256: sha256, mode: record.mode,
                duration: ContinuousClock.now - start)
        } catch {
            sink.close()
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// Compares the remote file's size (`wc -c`) and SHA-256 (`sha256sum`, or `shasum -a 256` where that is
    /// missing) with the expected ones. Both read the file on stdin, so no file name gets escaped in the output.
    func verify(_ remotePath: String, size: Int, sha256: String, timeout: Duration) async throws {
        let path = SCP.shellQuoted(remotePath)
        let command =
            "wc -c < \(path) && if command -v sha256sum >/dev/null 2>&1; then sha256sum < \(path); "
            + "else shasum -a 256 < \(path); fi"
        let result = try await execute(command, timeout: timeout)
        let lines = result.stdoutText.split(separator: "\n")
        guard result.succeeded, lines.count == 2,
            let remoteSize = Int(lines[0].trimmingCharacters(in: .whitespaces)),
            let remoteDigest = lines[1].split(separator: " ").first.map({ String($0).lowercased() }),
            remoteDigest.count == 64
        else {
            let detail = result.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
            throw FileTransferError.verificationFailed(
                path: remotePath,
                detail: "could not read its size and SHA-256 (\(detail.isEmpty ? "no output" : detail))")
        }
        guard remoteSize == size else {
            throw FileTransferError.verificationFailed(
                path: remotePath, detail: "the remote file has \(remoteSize) bytes, expected \(size)")
        }
        guard remoteDigest == sha256 else {
            throw FileTransferError.verificationFailed(
                path: remotePath, detail: "the remote SHA-256 is \(remoteDigest), expected \(sha256)")
        }
    }

    /// An SCP command ended without its acknowledgements: report its stderr or exit status.
    private func failure(of result: CommandResult, path: String, step: String) -> FileTransferError {
        let stderr = result.stderrText.trimmingCharacters(in: .whitespacesAndNewlines)
        if !stderr.isEmpty { return .remote(path: path, message: stderr) }
        let status = result.exitCode.map { "exit status \($0)" } ?? "signal \(result.exitSignal ?? "?")"
        return .protocolViolation(path: path, detail: "\(step) ended (\(status)) before the transfer was acknowledged")
    }

    private func remaining(_ timeout: Duration, since start: ContinuousClock.Instant) throws -> Duration {
        let left = timeout - (ContinuousClock.now - start)
        guard left > .zero else {
            throw ConnectionError(.timeout, "the file transfer did not finish within \(timeout)")
        }
        return left
    }
}

extension Digest {
    /// Lowercase hex, as `sha256sum` prints it.
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
