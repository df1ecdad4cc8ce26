import DRMTestSupport
import Foundation
import Testing

/// The SMTP test server against an independent client (curl), as the notification tests will use it.
@Suite("SMTP test server")
struct SMTPTestServerTests {
    static let content = """
        From: EnableDRM <drm@example.test>
        To: ops@example.test
        Subject: Job deploy failed
        X-Long: first part
         folded part

        Line one.
        .a line that starts with a dot
        ..two dots
        .

        """.replacingOccurrences(of: "\n", with: "\r\n")

    /// `curl` sends ``content``; returns its exit status (0 sent, 67 login denied, …).
    static func send(_ url: String, user: String?, options: String = "") async throws -> Int {
        let directory = try TemporaryDirectory.make(prefix: "enabledrm-mail")
        try Data(content.utf8).write(to: URL(fileURLWithPath: directory + "/mail.txt"))
        let login = user.map { "--user '\($0)'" } ?? ""
        let command =
            "curl -s --max-time 60 \(options) '\(url)' \(login) --mail-from drm@example.test "
            + "--mail-rcpt ops@example.test --mail-rcpt oncall@example.test --upload-file '\(directory)/mail.txt'"
            + " > /dev/null 2>&1; echo $?"
        let status = try await Blocking.run { try Shell.run(command) }
        return Int(status.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test("STARTTLS and AUTH, then a message kept with its envelope, dot-unstuffed, on its own address")
    func startTLS() async throws {
        let server = try await SMTPTestServer.start(.starttls, host: "127.0.0.9")
        defer { server.stop() }
        let status = try await Self.send(
            "smtp://\(server.host):\(server.port)", user: "\(server.username):\(server.password)",
            options: "--ssl-reqd --insecure")
        #expect(status == 0)

        let message = try #require(try await server.messages(count: 1).first)
        #expect(message.from == "drm@example.test")
        #expect(message.recipients == ["ops@example.test", "oncall@example.test"])
        #expect(message.authenticatedUser == server.username)
        #expect(message.overTLS)
        #expect(message.header("subject") == "Job deploy failed")
        #expect(message.header("X-Long") == "first part folded part")
        #expect(message.body == "Line one.\r\n.a line that starts with a dot\r\n..two dots\r\n.\r\n")
    }

    @Test("implicit TLS; a wrong password is refused and nothing is kept")
    func implicitTLS() async throws {
        let server = try await SMTPTestServer.start(.implicit)
        defer { server.stop() }
        let url = "smtps://\(server.host):\(server.port)"
        #expect(try await Self.send(url, user: "\(server.username):wrong", options: "--insecure") == 67)
        #expect(server.messages.isEmpty)
        #expect(try await Self.send(url, user: "\(server.username):\(server.password)", options: "--insecure") == 0)
        #expect(try await server.messages(count: 1).map(\.overTLS) == [true])
    }

    @Test("a server that requires AUTH refuses mail without it; one that doesn't takes it")
    func authenticationRequired() async throws {
        let strict = try await SMTPTestServer.start(requiresAuthentication: true)
        defer { strict.stop() }
        #expect(try await Self.send("smtp://\(strict.host):\(strict.port)", user: nil) != 0)
        #expect(strict.messages.isEmpty)
        let open = try await smtpServer.get()
        #expect(try await Self.send("smtp://\(open.host):\(open.port)", user: nil) == 0)
        #expect(try await open.messages(count: 1).contains { $0.authenticatedUser == nil && !$0.overTLS })
    }
}
