import Foundation
import NIOCore
import NIOSSL
import Synchronization

/// A real SMTP server written on SwiftNIO, running inside the test process on a loopback address at a free port.
///
/// It speaks EHLO/HELO, AUTH PLAIN and LOGIN (checking ``username`` and ``password``), MAIL, RCPT, DATA (with
/// dot-unstuffing), RSET, NOOP and QUIT. With ``Encryption/starttls`` it offers STARTTLS; with
/// ``Encryption/implicit`` it speaks TLS from the first byte (as on port 465); both use a self-signed
/// ``certificate``. Every message accepted with DATA is kept for assertions: ``messages``, or
/// ``messages(count:deadline:)`` to wait for mail sent in the background.
///
/// ```swift
/// let smtp = try await SMTPTestServer.start(.starttls, host: "127.0.0.5")
/// defer { smtp.stop() }
/// // … send a notification to smtp.host:smtp.port …
/// let mail = try await smtp.messages(count: 1)
/// #expect(mail[0].recipients == ["ops@example.test"])
/// #expect(mail[0].header("Subject") == "Job deploy failed")
/// ```
public final class SMTPTestServer: Sendable {
    /// The default user name that AUTH accepts.
    public static let username = "mailer@drm.test"
    /// The default password that AUTH accepts.
    public static let password = "smtp-Test-pw-0815"
    /// The name in the banner and the EHLO reply.
    public static let serverName = "drm-test-smtp"

    public enum Encryption: Sendable { case none, starttls, implicit }

    /// A message the server accepted.
    public struct Message: Sendable, Equatable {
        /// The MAIL FROM address (without angle brackets; empty for a null sender).
        public var from: String
        /// The RCPT TO addresses, in order.
        public var recipients: [String]
        /// The content as the client meant it: dot-unstuffed, lines ending in CRLF, without the final `.` line.
        public var data: String
        /// The user that authenticated on the connection, if any.
        public var authenticatedUser: String?
        /// True when the message came over TLS (STARTTLS or implicit).
        public var overTLS: Bool
        /// The name the client gave with EHLO or HELO.
        public var clientName: String

        /// The first header `name` (case-insensitive), with folded lines joined.
        public func header(_ name: String) -> String? {
            var current: (name: String, value: String)?
            for line in headerLines {
                if line.first == " " || line.first == "\t" {
                    if let folded = current {
                        current = (folded.name, folded.value + " " + line.trimmingCharacters(in: .whitespaces))
                    }
                    continue
                }
                if let current, current.name.caseInsensitiveCompare(name) == .orderedSame { return current.value }
                guard let colon = line.firstIndex(of: ":") else { current = nil; continue }
                current = (
                    String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                )
            }
            if let current, current.name.caseInsensitiveCompare(name) == .orderedSame { return current.value }
            return nil
        }

        /// Everything after the blank line that ends the headers.
        public var body: String {
            guard let range = data.range(of: "\r\n\r\n") else { return "" }
            return String(data[range.upperBound...])
        }

        private var headerLines: [String] {
            let head = data.range(of: "\r\n\r\n").map { String(data[..<$0.lowerBound]) } ?? data
            return head.components(separatedBy: "\r\n")
        }
    }

    public let host: String
    public let encryption: Encryption
    public let certificate: TestCertificate?
    public let username: String
    public let password: String
    /// When true, MAIL is refused (530) until the client authenticates.
    public let requiresAuthentication: Bool
    let listener: LoopbackListener
    let inbox: Inbox

    public var port: Int { listener.port }

    private init(
        host: String, encryption: Encryption, certificate: TestCertificate?, username: String, password: String,
        requiresAuthentication: Bool, listener: LoopbackListener, inbox: Inbox
    ) {
        self.host = host
        self.encryption = encryption
        self.certificate = certificate
        self.username = username
        self.password = password
        self.requiresAuthentication = requiresAuthentication
        self.listener = listener
        self.inbox = inbox
    }

    /// Starts a server on `host` (any 127.x.y.z address) at a free port.
    public static func start(
        _ encryption: Encryption = .none, host: String = "127.0.0.1", username: String = SMTPTestServer.username,
        password: String = SMTPTestServer.password, requiresAuthentication: Bool = false,
        rejectedRecipients: Set<String> = []
    ) async throws -> SMTPTestServer {
        var certificate: TestCertificate?
        var tls: NIOSSLContext?
        if encryption != .none {
            let directory = try TemporaryDirectory.make(prefix: "enabledrm-smtp")
            let made = try await Blocking.run { try TestCertificate.make(in: directory, host: host) }
            certificate = made
            tls = try NIOSSLContext.server(made)
        }
        let inbox = Inbox()
        let settings = SMTPSession.Settings(
            username: username, password: password, requiresAuthentication: requiresAuthentication,
            startTLS: encryption == .starttls ? tls : nil, implicitTLS: encryption == .implicit, inbox: inbox,
            rejectedRecipients: rejectedRecipients)
        let implicit = encryption == .implicit ? tls : nil
        let listener = try await LoopbackListener.bind(host: host) { channel in
            let pipeline = channel.pipeline.syncOperations
            if let implicit { try pipeline.addHandler(NIOSSLServerHandler(context: implicit)) }
            try pipeline.addHandler(ByteToMessageHandler(LineDecoder()))
            try pipeline.addHandler(SMTPSession(settings))
        }
        return SMTPTestServer(
            host: host, encryption: encryption, certificate: certificate, username: username, password: password,
            requiresAuthentication: requiresAuthentication, listener: listener, inbox: inbox)
    }

    /// The messages received so far, oldest first.
    public var messages: [Message] { inbox.messages }

    /// Waits until at least `count` messages have arrived and returns them all; throws
    /// ``TestSupportError/timedOut(_:)`` if they haven't by `deadline`.
    public func messages(count: Int, deadline: Duration = generousDeadline) async throws -> [Message] {
        guard try await waitUntil(deadline: deadline, every: .milliseconds(20), { inbox.messages.count >= count })
        else {
            throw TestSupportError.timedOut("\(count) messages at \(host):\(port) (got \(inbox.messages.count))")
        }
        return inbox.messages
    }

    /// Forgets the messages received so far.
    public func clearMessages() { inbox.clear() }

    /// Stops accepting and closes open connections. Returns at once, so `defer { server.stop() }` works.
    public func stop() { listener.stop() }
}
