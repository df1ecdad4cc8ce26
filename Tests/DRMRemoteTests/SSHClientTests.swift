import DRMTestSupport
import Foundation
import Testing

@testable import DRMRemote

/// SSHClient against a real sshd on 127.0.0.1.
@Suite("SSH client against sshd")
struct SSHClientTests {
    let server: SSHServer
    let client = SSHClient()

    init() async throws { server = try await sshServer.get() }

    func connect(
        _ authentication: SSHAuthentication, policy: SSHHostKeyPolicy? = nil, username: String? = nil,
        client: SSHClient? = nil
    ) async throws -> SSHConnection {
        try await (client ?? self.client).connect(
            host: server.host, port: server.port, username: username ?? server.username,
            authentication: authentication, hostKeyPolicy: policy ?? .pinned([server.hostPublicKey]),
            connectTimeout: .seconds(10))
    }

    func key(_ path: String, passphrase: String? = nil) throws -> SSHAuthentication {
        .privateKey(try SSHPrivateKey(contentsOfFile: path, passphrase: passphrase))
    }

    func failure(_ body: () async throws -> Void) async -> ConnectionError? {
        do {
            try await body()
            return nil
        } catch let failure as ConnectionError {
            return failure
        } catch {
            Issue.record("expected a ConnectionError, got \(error)")
            return nil
        }
    }

    @Test("password authentication runs a command")
    func password() async throws {
        let connection = try await connect(.password(server.password))
        let result = try await connection.execute("id -un", timeout: .seconds(10))
        await connection.close()
        #expect(result.exitCode == 0)
        #expect(result.stdoutText == "\(server.username)\n")
        #expect(connection.hostKey.openSSH == server.hostPublicKey)
    }

    @Test("key authentication: ed25519, ECDSA (P-256, P-384, P-521) and an encrypted key")
    func keys() async throws {
        for authentication in [
            try key(server.keys.ed25519), try key(server.keys.ecdsa), try key(server.keys.ecdsa384),
            try key(server.keys.ecdsa521),
            try key(server.keys.encrypted, passphrase: SSHTestKeys.passphrase),
        ] {
            let connection = try await connect(authentication)
            let result = try await connection.execute("echo $USER", timeout: .seconds(10))
            await connection.close()
            #expect(result.stdoutText == "\(server.username)\n")
        }
    }

    @Test("a wrong password fails as auth (not after the time-out), without the password in the message")
    func wrongPassword() async throws {
        let failure = await failure { _ = try await connect(.password("not-the-password-123")) }
        #expect(failure?.category == .auth)
        #expect(failure?.message.contains("not-the-password-123") == false)
    }

    @Test("a key the server doesn't know fails as auth")
    func wrongKey() async throws {
        let failure = await failure { _ = try await connect(try key(server.keys.stranger)) }
        #expect(failure?.category == .auth)
    }

    @Test("an unknown user fails as auth")
    func unknownUser() async throws {
        let failure = await failure { _ = try await connect(.password("x"), username: "nobody-here") }
        #expect(failure?.category == .auth)
    }

    @Test("a closed port fails as refused")
    func refused() async throws {
        let port = try closedPort()
        let failure = await failure {
            _ = try await client.connect(
                host: "127.0.0.1", port: port, username: "x", authentication: .password("x"),
                hostKeyPolicy: .recordFirstUse, connectTimeout: .seconds(5))
        }
        #expect(failure?.category == .refused)
    }

    @Test("an unresolvable host name fails as dns")
    func dns() async throws {
        let failure = await failure {
            _ = try await client.connect(
                host: "no-such-host.invalid", port: 22, username: "x", authentication: .password("x"),
                hostKeyPolicy: .recordFirstUse, connectTimeout: .seconds(10))
        }
        #expect(failure?.category == .dns)
    }

    @Test("a pinned host key that differs fails as hostKey, naming both fingerprints")
    func hostKeyMismatch() async throws {
        let other = try String(contentsOfFile: server.keys.stranger + ".pub", encoding: .utf8)
        let expected = try SSHPublicKey(openSSH: other).fingerprint
        let presented = try SSHPublicKey(openSSH: server.hostPublicKey).fingerprint
        let failure = await failure { _ = try await connect(.password(server.password), policy: .pinned([other])) }
        #expect(failure?.category == .hostKey)
        #expect(failure?.message.contains(expected) == true)
        #expect(failure?.message.contains(presented) == true)
        #expect(failure?.details["presented_fingerprint"] == presented)
        #expect(failure?.details["expected_fingerprints"] == expected)
    }

    @Test("a host key pinned by fingerprint is accepted; first use records the key")
    func hostKeyPinnedByFingerprint() async throws {
        let fingerprint = try SSHPublicKey(openSSH: server.hostPublicKey).fingerprint
        let pinned = try await connect(.password(server.password), policy: .pinned([fingerprint]))
        await pinned.close()
        let first = try await connect(.password(server.password), policy: .recordFirstUse)
        await first.close()
        #expect(first.hostKeyFingerprint == fingerprint)
        #expect(first.hostKey.openSSH == server.hostPublicKey)
    }

    @Test("a server that accepts TCP but never speaks times out in the configured time")
    func silentServer() async throws {
        let listener = try SilentTCPListener()
        let clock = ContinuousClock()
        let start = clock.now
        let failure = await failure {
            _ = try await client.connect(
                host: listener.host, port: listener.port, username: "x", authentication: .password("x"),
                hostKeyPolicy: .recordFirstUse, connectTimeout: .seconds(1))
        }
        let elapsed = clock.now - start
        // The server never speaks: only the time-out can end the connect.
        #expect(failure?.category == .timeout)
        #expect(elapsed >= .milliseconds(900), "\(elapsed): \(String(describing: failure))")
        withExtendedLifetime(listener) {}
    }

    @Test("exit codes, stderr and an exit signal are reported")
    func exitStatus() async throws {
        let connection = try await connect(.password(server.password))
        let failed = try await connection.execute("echo out; echo err >&2; exit 3", timeout: .seconds(10))
        #expect(failed.exitCode == 3)
        #expect(failed.stdoutText == "out\n")
        #expect(failed.stderrText == "err\n")
        #expect(!failed.truncated)
        let killed = try await connection.execute("kill -KILL $$", timeout: .seconds(10))
        await connection.close()
        #expect(killed.exitCode == nil)
        #expect(killed.exitSignal == "KILL")
    }

    @Test("stdout beyond the byte cap is cut and flagged; streamed output sees all of it")
    func outputCap() async throws {
        let connection = try await connect(.password(server.password), client: SSHClient(outputLimit: 1000))
        let streamed = Counter()
        let result = try await connection.execute("head -c 50000 /dev/zero | tr '\\0' x", timeout: .seconds(10)) {
            streamed.add($0.data.count)
        }
        await connection.close()
        #expect(result.exitCode == 0)
        #expect(result.stdout.count == 1000)
        #expect(result.truncated)
        #expect(streamed.value == 50000)
    }

    @Test("many commands run at once on one connection")
    func concurrentChannels() async throws {
        let connection = try await connect(.password(server.password))
        let outputs = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<40 {
                group.addTask {
                    let result = try await connection.execute("sleep 0.2; echo \(index)", timeout: .seconds(30))
                    return (index, result.stdoutText)
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        await connection.close()
        #expect(outputs.count == 40)
        #expect(outputs.allSatisfy { $0.value == "\($0.key)\n" })
    }

    @Test("cancelling a long command returns at once and ends the remote process")
    func cancel() async throws {
        let connection = try await connect(.password(server.password))
        let marker = "30.\(Int.random(in: 10000...99999))"
        let task = Task { try await connection.execute("sleep \(marker)", timeout: .seconds(60)) }
        try await waitUntil { try processCount("sleep \(marker)") == 1 }
        task.cancel()
        let outcome = await task.result
        // Not cancelled at once, the command would have finished (30 s) with a result instead.
        #expect(throws: CancellationError.self) { try outcome.get() }
        try await waitUntil { try processCount("sleep \(marker)") == 0 }
        #expect(try processCount("sleep \(marker)") == 0)
        // The connection still works after a cancelled channel.
        #expect(try await connection.execute("true", timeout: .seconds(10)).exitCode == 0)
        await connection.close()
    }

    @Test("a command over its time-out fails as timeout and is stopped")
    func commandTimeout() async throws {
        let connection = try await connect(.password(server.password))
        let marker = "31.\(Int.random(in: 10000...99999))"
        let failure = await failure { _ = try await connection.execute("sleep \(marker)", timeout: .milliseconds(500)) }
        #expect(failure?.category == .timeout)
        try await waitUntil { try processCount("sleep \(marker)") == 0 }
        #expect(try processCount("sleep \(marker)") == 0)
        await connection.close()
    }

    @Test("closing the connection under a running command ends the command's wait at once")
    func closeUnderCommand() async throws {
        let connection = try await connect(.password(server.password))
        let marker = "120.\(Int.random(in: 10000...99999))"
        let timeout = Duration.seconds(240)
        let task = Task { try await connection.execute("sleep \(marker)", timeout: timeout) }
        try await waitUntil { try processCount("sleep \(marker)") == 1 }
        let clock = ContinuousClock()
        let start = clock.now
        await connection.close()
        let outcome = await task.result
        // The command runs for 2 min and its time-out is 4: only the close can have ended the wait this early.
        #expect(clock.now - start < .seconds(120) / 2)
        #expect(throws: ConnectionError.self) { try outcome.get() }
    }

    @Test("a command on a closed connection fails instead of hanging")
    func closedConnection() async throws {
        let connection = try await connect(.password(server.password))
        await connection.close()
        #expect(!connection.isActive)
        await #expect(throws: (any Error).self) { _ = try await connection.execute("true", timeout: .seconds(5)) }
    }
}

/// Processes of the test user whose command line is exactly `command` (sshd runs on this machine).
func processCount(_ command: String) throws -> Int {
    let output = try Shell.run("pgrep -u \(SSHServer.username) -x -f '\(command)' | wc -l")
    return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0
    func add(_ count: Int) { lock.withLock { total += count } }
    var value: Int { lock.withLock { total } }
}

@Suite("sshd on several loopback addresses")
struct SSHFanOutTests {
    @Test("one sshd answers on every listen address, with the same host key")
    func severalAddresses() async throws {
        let server = try await SSHServer.start(addresses: ["127.0.1.1", "127.0.1.2", "127.0.1.3"])
        defer { server.stop() }
        let results = await probeAll(
            server.addresses.map {
                SSHProbe(
                    host: $0, port: server.port, username: server.username,
                    authentication: .password(server.password), hostKeyPolicy: .pinned([server.hostPublicKey]),
                    command: "echo $SSH_CONNECTION")
            }, maxConcurrency: 3)
        #expect(results.allSatisfy { $0.success }, "\(results)")
        // SSH_CONNECTION is "client-ip client-port server-ip server-port": each probe reached its own address.
        #expect(
            results.map { $0.details["output"]?.split(separator: " ").dropFirst(2).first.map(String.init) }
                == server.addresses)
    }
}
