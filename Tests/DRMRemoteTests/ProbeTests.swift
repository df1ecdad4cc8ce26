import DRMTestSupport
import Foundation
import Testing

@testable import DRMRemote

@Suite("Connection probes against real servers")
struct ProbeTests {
    @Test("SSH probe: connects, reads the OS and reports the host key fingerprint")
    func ssh() async throws {
        let server = try await sshServer.get()
        let result = await SSHProbe(
            host: server.host, port: server.port, username: server.username,
            authentication: .password(server.password), hostKeyPolicy: .recordFirstUse
        ).run()
        #expect(result.success, "\(result)")
        #expect(result.details["os"] == "linux")
        #expect(result.details["host_key_fingerprint"] == (try SSHPublicKey(openSSH: server.hostPublicKey).fingerprint))
        #expect(result.latency > .zero)
    }

    @Test("SSH probe: a wrong password is an auth failure")
    func sshWrongPassword() async throws {
        let server = try await sshServer.get()
        let result = await SSHProbe(
            host: server.host, port: server.port, username: server.username, authentication: .password("nope"),
            hostKeyPolicy: .recordFirstUse
        ).run()
        #expect(!result.success)
        #expect(result.category == .auth)
    }

    @Test(
        "OS detection from uname",
        arguments: [
            ("Linux host 6.1.0 #1 SMP x86_64 GNU/Linux", "linux"), ("Darwin mac.local 23.1.0 Darwin Kernel", "darwin"),
            ("FreeBSD fw 14.0-RELEASE amd64", "freebsd"), ("SunOS box 5.11 i86pc", "solaris"),
            ("MINGW64_NT-10.0 pc 3.4", "windows"), ("", "unknown"),
        ])
    func operatingSystem(output: String, expected: String) {
        #expect(SSHProbe.operatingSystem(fromUname: output) == expected)
    }

    @Test("HTTP probe: 200 is a success with status and latency")
    func httpOK() async throws {
        let server = try await httpServer.get()
        let result = await HTTPProbe(baseURL: server.baseURL + "/", headers: [("X-Probe", "1")]).run()
        #expect(result.success, "\(result)")
        #expect(result.details["status"] == "200")
        #expect(result.details["certificate_subject"] == nil)
    }

    @Test("HTTP probe: a 404 path fails with the status; 401 is auth")
    func httpErrors() async throws {
        let server = try await httpServer.get()
        let missing = await HTTPProbe(baseURL: server.baseURL, path: "nothing/here").run()
        #expect(!missing.success)
        #expect(missing.category == .other)
        #expect(missing.details["status"] == "404")
        let unauthorized = await HTTPProbe(baseURL: server.baseURL, path: "/status/401").run()
        #expect(unauthorized.category == .auth)
    }

    @Test("HTTP probe: a refused port is refused at once, not retried until the time-out")
    func httpRefused() async throws {
        let timeout = Duration.seconds(120)
        let result = await HTTPProbe(baseURL: "http://127.0.0.1:\(try closedPort())", timeout: timeout).run()
        // Refused, not retried: retrying until the time-out would fail as `timeout`.
        #expect(result.category == .refused, "\(result)")
    }

    @Test("HTTPS probe: a self-signed certificate fails as tls when verified, passes when not, expiry reported")
    func https() async throws {
        let server = try await httpsServer.get()
        let certificate = try #require(server.certificate)
        let verified = await HTTPProbe(baseURL: server.baseURL, verifyTLS: true, timeout: .seconds(10)).run()
        #expect(!verified.success)
        #expect(verified.category == .tls, "\(verified)")
        let unverified = await HTTPProbe(baseURL: server.baseURL, verifyTLS: false, timeout: .seconds(10)).run()
        #expect(unverified.success, "\(unverified)")
        #expect(unverified.details["certificate_subject"] == "CN=\(TestCertificate.commonName)")
        let notAfter = try #require(unverified.details["certificate_not_after"])
        #expect(notAfter == certificate.notAfter)
    }

    @Test("SMTP probe: banner and EHLO extensions without credentials")
    func smtpHello() async throws {
        let server = try await smtpServer.get()
        let result = await SMTPProbe(host: server.host, port: server.port, encryption: .none).run()
        #expect(result.success, "\(result)")
        #expect(result.details["banner"]?.contains("drm-test-smtp") == true)
        #expect(result.details["extensions"]?.contains("AUTH") == true)
    }

    @Test("SMTP probe: AUTH with the right password, and auth failure with a wrong one")
    func smtpAuth() async throws {
        let server = try await smtpServer.get()
        let good = await SMTPProbe(
            host: server.host, port: server.port, encryption: .none, username: server.username,
            password: server.password
        ).run()
        #expect(good.success, "\(good)")
        #expect(good.details["auth_mechanism"] == "PLAIN")
        let bad = await SMTPProbe(
            host: server.host, port: server.port, encryption: .none, username: server.username,
            password: "wrong-smtp-password"
        ).run()
        #expect(!bad.success)
        #expect(bad.category == .auth)
        #expect(!bad.message.contains("wrong-smtp-password"))
    }

    @Test("SMTP probe: STARTTLS upgrades (self-signed: tls failure when verified)")
    func smtpStartTLS() async throws {
        let server = try await smtpStartTLSServer.get()
        let upgraded = await SMTPProbe(
            host: server.host, port: server.port, encryption: .starttls, verifyTLS: false,
            username: server.username, password: server.password
        ).run()
        #expect(upgraded.success, "\(upgraded)")
        #expect(upgraded.details["encryption"] == "starttls")
        let verified = await SMTPProbe(host: server.host, port: server.port, encryption: .starttls).run()
        #expect(verified.category == .tls, "\(verified)")
        let plain = try await smtpServer.get()
        let missing = await SMTPProbe(host: plain.host, port: plain.port, encryption: .starttls).run()
        #expect(missing.category == .tls, "\(missing)")
    }

    @Test("SMTP probe: implicit TLS (SMTPS) with AUTH")
    func smtpImplicitTLS() async throws {
        let server = try await smtpImplicitTLSServer.get()
        let result = await SMTPProbe(
            host: server.host, port: server.port, encryption: .tls, verifyTLS: false, username: server.username,
            password: server.password
        ).run()
        #expect(result.success, "\(result)")
        #expect(result.details["auth_mechanism"] == "PLAIN")
        let plain = await SMTPProbe(host: server.host, port: server.port, encryption: .none, timeout: .seconds(3)).run()
        #expect(!plain.success)
    }

    @Test("SMTP probe: a silent server times out")
    func smtpTimeout() async throws {
        let listener = try SilentTCPListener()
        let result = await SMTPProbe(
            host: listener.host, port: listener.port, encryption: .none, timeout: .seconds(1)
        ).run()
        // The server never speaks: only the time-out can end the probe.
        #expect(result.category == .timeout, "\(result)")
        withExtendedLifetime(listener) {}
    }

    @Test("PostgreSQL probe: version, wrong password, refused, TLS required but not offered")
    func postgres() async throws {
        let cluster = try await PostgresCluster.shared()
        let ok = await PostgresProbe(
            host: "127.0.0.1", port: cluster.port, username: "postgres", password: cluster.password,
            sslMode: .disable
        ).run()
        #expect(ok.success, "\(ok)")
        #expect(ok.details["version"]?.hasPrefix("PostgreSQL") == true)
        let wrong = await PostgresProbe(
            host: "127.0.0.1", port: cluster.port, username: "postgres", password: "wrong-pg-password",
            sslMode: .disable
        ).run()
        #expect(wrong.category == .auth, "\(wrong)")
        #expect(!wrong.message.contains("wrong-pg-password"))
        let refused = await PostgresProbe(
            host: "127.0.0.1", port: try closedPort(), username: "postgres", password: "x", sslMode: .disable,
            timeout: .seconds(5)
        ).run()
        #expect(refused.category == .refused, "\(refused)")
        let tls = await PostgresProbe(
            host: "127.0.0.1", port: cluster.port, username: "postgres", password: cluster.password,
            sslMode: .require
        ).run()
        #expect(tls.category == .tls, "\(tls)")
    }

    @Test("probeAll keeps to its concurrency bound and keeps the order")
    func probeAllBound() async {
        let gauge = Gauge()
        let probes: [any ConnectionProbe] = (0..<20).map { SleepProbe(index: $0, gauge: gauge) }
        let results = await probeAll(probes, maxConcurrency: 4)
        #expect(results.map(\.message) == (0..<20).map { "probe \($0)" })
        #expect(gauge.maximum == 4)
    }

    @Test("probeAll runs real probes side by side")
    func probeAllMixed() async throws {
        let http = try await httpServer.get()
        let probes: [any ConnectionProbe] = [
            HTTPProbe(baseURL: http.baseURL), HTTPProbe(baseURL: http.baseURL, path: "/status/500"),
            HTTPProbe(baseURL: "http://127.0.0.1:\(try closedPort())", timeout: .seconds(5)),
        ]
        let results = await probeAll(probes, maxConcurrency: 2)
        #expect(results.map(\.success) == [true, false, false])
        #expect(results[2].category == .refused)
    }
}

struct SleepProbe: ConnectionProbe {
    let index: Int
    let gauge: Gauge

    func run() async -> ProbeResult {
        gauge.enter()
        try? await Task.sleep(for: .milliseconds(30))
        gauge.leave()
        return ProbeResult(success: true, message: "probe \(index)", latency: .milliseconds(30))
    }
}

final class Gauge: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var peak = 0
    func enter() {
        lock.withLock {
            current += 1; peak = max(peak, current)
        }
    }
    func leave() { lock.withLock { current -= 1 } }
    var maximum: Int { lock.withLock { peak } }
}
