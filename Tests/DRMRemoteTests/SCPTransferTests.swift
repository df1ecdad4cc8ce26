import DRMTestSupport
import Foundation
import Testing

@testable import DRMRemote

/// Command stdin and SCP file transfer against a real sshd on 127.0.0.1.
@Suite("SSH stdin and SCP against sshd")
struct SCPTransferTests {
    let server: SSHServer

    init() async throws { server = try await sshServer.get() }

    func connect(outputLimit: Int = 4 << 20) async throws -> SSHConnection {
        try await SSHClient(outputLimit: outputLimit).connect(
            host: server.host, port: server.port, username: server.username,
            authentication: .password(server.password), hostKeyPolicy: .pinned([server.hostPublicKey]),
            connectTimeout: .seconds(10))
    }

    /// A local file path in a fresh temporary directory (nothing there yet).
    static func scratchFile() throws -> URL {
        URL(fileURLWithPath: try TemporaryDirectory.make(prefix: "scp-down")).appending(path: "file")
    }

    /// A fresh directory of the test user's, removed after `body`.
    func withRemoteDirectory(_ body: (SSHConnection, String) async throws -> Void) async throws {
        let connection = try await connect()
        let made = try await connection.execute("mktemp -d /tmp/drm-scp.XXXXXX", timeout: .seconds(10))
        let directory = made.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(made.succeeded && directory.hasPrefix("/tmp/drm-scp."))
        do {
            try await body(connection, directory)
        } catch {
            _ = try? await connection.execute("rm -rf \(directory)", timeout: .seconds(10))
            await connection.close()
            throw error
        }
        _ = try await connection.execute("rm -rf \(directory)", timeout: .seconds(10))
        await connection.close()
    }

    func transferError(_ body: () async throws -> Void) async -> FileTransferError? {
        do {
            try await body()
            Issue.record("expected a FileTransferError, got success")
        } catch let error as FileTransferError {
            return error
        } catch {
            Issue.record("expected a FileTransferError, got \(error)")
        }
        return nil
    }

    @Test("stdin: cat echoes 1 MiB of random bytes exactly, wc -c counts them, empty input is EOF")
    func standardInput() async throws {
        let connection = try await connect()
        let input = randomBytes(1 << 20)
        let echoed = try await connection.execute("cat", input: input, timeout: .seconds(60))
        let counted = try await connection.execute("wc -c", input: input, timeout: .seconds(60))
        let empty = try await connection.execute("cat; echo end", input: Data(), timeout: .seconds(10))
        await connection.close()
        #expect(echoed.exitCode == 0)
        #expect(!echoed.truncated)
        #expect(echoed.stdout.count == input.count)
        #expect(echoed.stdout == input)
        #expect(counted.stdoutText.trimmingCharacters(in: .whitespaces) == "1048576\n")
        #expect(empty.stdoutText == "end\n")
    }

    @Test("stdin larger than the SSH window waits for window adjustments; a command that ignores stdin still ends")
    func standardInputBeyondWindow() async throws {
        let connection = try await connect(outputLimit: 16 << 20)
        // OpenSSH opens a session with a 2 MiB window, so 9 MiB needs several adjustments.
        let input = randomBytes(9 << 20)
        let counted = try await connection.execute("wc -c", input: input, timeout: .seconds(120))
        let ignored = try await connection.execute("echo done", input: input, timeout: .seconds(30))
        let echoed = try await connection.execute("cat", input: input, timeout: .seconds(120))
        await connection.close()
        #expect(counted.stdoutText.trimmingCharacters(in: .whitespaces) == "\(9 << 20)\n")
        #expect(ignored.stdoutText == "done\n")
        #expect(ignored.exitCode == 0)
        #expect(echoed.stdout == input)
    }

    @Test("SCP: a 2 MiB binary file round-trips with its mode, and sha256sum on the server agrees")
    func roundTrip() async throws {
        try await withRemoteDirectory { connection, directory in
            let data = randomBytes(2 << 20 + 17)
            let path = directory + "/blob.bin"
            let uploaded = try await connection.upload(data, to: path, mode: 0o600, timeout: .seconds(60))
            let local = URL(fileURLWithPath: try TemporaryDirectory.make(prefix: "scp-down")).appending(
                path: "blob.bin")
            let downloaded = try await connection.download(
                from: path, to: local, maxBytes: 4 << 20, timeout: .seconds(60))
            let remote = try await connection.execute("sha256sum \(path)", timeout: .seconds(10))
            let remoteDigest = remote.stdoutText.split(separator: " ").first.map(String.init)
            #expect(uploaded.bytes == data.count)
            #expect(uploaded.sha256 == remoteDigest)
            #expect(FileManager.default.contents(atPath: local.path) == data)
            #expect(downloaded.bytes == data.count && downloaded.file == local)
            #expect(!FileManager.default.fileExists(atPath: local.path + ".part"))
            #expect(downloaded.sha256 == remoteDigest)
            #expect(downloaded.mode == 0o600)
            #expect(downloaded.remotePath == path)
        }
    }

    @Test("SCP: an empty file round-trips")
    func emptyFile() async throws {
        try await withRemoteDirectory { connection, directory in
            let uploaded = try await connection.upload(Data(), to: directory + "/empty", timeout: .seconds(30))
            let local = URL(fileURLWithPath: try TemporaryDirectory.make(prefix: "scp-down")).appending(path: "empty")
            let downloaded = try await connection.download(
                from: directory + "/empty", to: local, maxBytes: 10, timeout: .seconds(30))
            #expect(uploaded.bytes == 0)
            #expect(downloaded.bytes == 0 && FileManager.default.contents(atPath: local.path) == Data())
            #expect(downloaded.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        }
    }

    @Test("SCP: a file name with spaces, a quote and shell syntax is written under exactly that name")
    func awkwardName() async throws {
        try await withRemoteDirectory { connection, directory in
            let name = "it's a file $(touch pwned) `id` ; *.txt"
            let data = Data("hello\0world\n".utf8)
            _ = try await connection.upload(data, to: directory + "/" + name, timeout: .seconds(30))
            let local = URL(fileURLWithPath: try TemporaryDirectory.make(prefix: "scp-down")).appending(path: "f")
            _ = try await connection.download(
                from: directory + "/" + name, to: local, maxBytes: 1000, timeout: .seconds(30))
            let listing = try await connection.execute("ls -A \(directory)", timeout: .seconds(10))
            #expect(FileManager.default.contents(atPath: local.path) == data)
            #expect(listing.stdoutText == name + "\n")
        }
    }

    @Test("SCP: an upload into a missing directory fails with the remote message")
    func uploadIntoMissingDirectory() async throws {
        try await withRemoteDirectory { connection, directory in
            let path = directory + "/missing/x"
            let error = await transferError {
                _ = try await connection.upload(randomBytes(100_000), to: path, timeout: .seconds(30))
            }
            guard case .remote(let failedPath, let message) = error else {
                Issue.record("expected a remote error, got \(String(describing: error))")
                return
            }
            #expect(failedPath == path)
            #expect(message.contains(path), "\(message)")
            #expect(message.contains("No such file or directory"), "\(message)")
            // The connection still works afterwards.
            let after = try await connection.execute("true", timeout: .seconds(10))
            #expect(after.succeeded)
        }
    }

    @Test("SCP: a 24 MiB download streams to disk (no copy in memory); a failed one leaves no file (#12 item 18)")
    func downloadStreamsToDisk() async throws {
        try await withRemoteDirectory { connection, directory in
            let path = directory + "/large.bin"
            let made = try await connection.execute(
                "head -c 25165824 /dev/urandom > \(path) && sha256sum \(path)", timeout: .seconds(60))
            try #require(made.succeeded)
            let local = try Self.scratchFile()
            let downloaded = try await connection.download(
                from: path, to: local, maxBytes: 32 << 20, timeout: .seconds(120))
            #expect(downloaded.bytes == 25_165_824)
            #expect(made.stdoutText.hasPrefix(downloaded.sha256))
            let attributes = try FileManager.default.attributesOfItem(atPath: local.path)
            #expect(attributes[.size] as? Int == 25_165_824)
            #expect(attributes[.posixPermissions] as? Int == 0o600)

            let missing = try Self.scratchFile()
            _ = await transferError {
                _ = try await connection.download(
                    from: directory + "/nothing", to: missing, maxBytes: 1000, timeout: .seconds(30))
            }
            #expect(!FileManager.default.fileExists(atPath: missing.path))
            #expect(!FileManager.default.fileExists(atPath: missing.path + ".part"))
        }
    }

    @Test("SCP: downloading a missing file fails with the remote message")
    func downloadMissingFile() async throws {
        try await withRemoteDirectory { connection, directory in
            let path = directory + "/nothing-here"
            let error = await transferError {
                _ = try await connection.download(
                    from: path, to: Self.scratchFile(), maxBytes: 1000, timeout: .seconds(30))
            }
            #expect(error == .remote(path: path, message: "scp: \(path): No such file or directory"))
            #expect(error?.description.contains("No such file or directory") == true)
        }
    }

    @Test("SCP: a file over the size limit is refused, naming its size and the limit")
    func sizeLimit() async throws {
        try await withRemoteDirectory { connection, directory in
            let path = directory + "/big"
            let made = try await connection.execute("head -c 20000000 /dev/zero > \(path)", timeout: .seconds(30))
            try #require(made.succeeded)
            let timeout = Duration.seconds(120)
            let error = await transferError {
                _ = try await connection.download(from: path, to: Self.scratchFile(), maxBytes: 4096, timeout: timeout)
            }
            #expect(error == .tooLarge(path: path, size: 20_000_000, limit: 4096))
            #expect(error?.description.contains("20000000") == true)
            #expect(error?.description.contains("4096") == true)
            let after = try await connection.execute("true", timeout: .seconds(10))
            #expect(after.succeeded)
        }
    }

    @Test("SCP: paths that can't be sent are refused before anything runs")
    func invalidPaths() async throws {
        let connection = try await connect()
        for path in ["", "/tmp/dir/", "/tmp/a\nb"] {
            let error = await transferError { _ = try await connection.upload(Data(), to: path, timeout: .seconds(5)) }
            guard case .invalidPath = error else {
                Issue.record("\(path.debugDescription): \(String(describing: error))")
                continue
            }
        }
        await connection.close()
    }
}

@Suite("SCP protocol pieces")
struct SCPStreamTests {
    @Test("shell quoting survives quotes and shell syntax")
    func quoting() async throws {
        #expect(SCP.shellQuoted("a b") == "'a b'")
        #expect(SCP.shellQuoted("it's") == "'it'\\''s'")
        let output = try Shell.run("printf %s \(SCP.shellQuoted("x'$(id)`y`\"z"))")
        #expect(output == "x'$(id)`y`\"z")
    }

    @Test("sink acknowledgements: zeros counted, the first message returned")
    func acknowledgements() {
        #expect(SCP.acknowledgements(Data([0, 0, 0])) == (3, nil))
        let failed = SCP.acknowledgements(Data([0]) + Data("\u{1}scp: /x/y: No such file or directory\n".utf8))
        #expect(failed.accepted == 1)
        #expect(failed.message == "scp: /x/y: No such file or directory")
        #expect(SCP.acknowledgements(Data([0, 2]) + Data("fatal\n".utf8)).message == "fatal")
    }

    @Test("source stream parsed byte by byte: record, data with zeros and newlines, closing zero")
    func sourceStream() throws {
        let payload = Data([0, 10, 67, 1, 2, 0, 10])
        let wire = Data("C0640 7 a b\n".utf8) + payload + Data([0])
        var stream = SCPSourceStream(path: "/p", maxBytes: 7)
        for byte in wire { try stream.consume(Data([byte])) }
        #expect(stream.isComplete)
        #expect(stream.record == .init(mode: 0o640, size: 7, name: "a b"))
        #expect(stream.body == payload)

        var small = SCPSourceStream(path: "/p", maxBytes: 6)
        #expect(throws: FileTransferError.tooLarge(path: "/p", size: 7, limit: 6)) { try small.consume(wire) }

        // With a sink, the bytes go there as they come and the stream keeps none of them.
        let large = randomBytes(1 << 20)
        var streamed = SCPSourceStream(path: "/p", maxBytes: 1 << 20)
        var sunk = Data()
        let largeWire = Data("C0644 \(large.count) f\n".utf8) + large + Data([0])
        for start in stride(from: 0, to: largeWire.count, by: 32 * 1024) {
            try streamed.consume(largeWire[start..<min(start + 32 * 1024, largeWire.count)]) { sunk.append($0) }
        }
        #expect(streamed.isComplete && sunk == large && streamed.body.isEmpty)

        var garbage = SCPSourceStream(path: "/p", maxBytes: 100)
        #expect(throws: FileTransferError.self) { try garbage.consume(Data("HTTP/1.1 200 OK\n".utf8)) }
    }
}

/// Random bytes with a run of zeros in the middle (NUL must not end anything).
func randomBytes(_ count: Int) -> Data {
    var generator = SystemRandomNumberGenerator()
    var data = Data(capacity: count + 8)
    while data.count < count {
        withUnsafeBytes(of: generator.next() as UInt64) { data.append(contentsOf: $0) }
    }
    data.removeLast(data.count - count)
    if count > 4096 { data.replaceSubrange(1000..<2000, with: Data(count: 1000)) }
    return data
}
