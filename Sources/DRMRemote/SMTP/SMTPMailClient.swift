public import Foundation
import NIOConcurrencyHelpers
public import NIOCore
public import NIOPosix
import NIOSSL

/// Sends one message through an SMTP server: EHLO, STARTTLS or implicit TLS, AUTH (PLAIN, else LOGIN) when
/// credentials are given, MAIL, RCPT per recipient, DATA (dot-stuffed), QUIT. A recipient the server refuses is
/// reported, the others still get the message; when every recipient is refused, nothing is sent.
public struct SMTPMailClient: Sendable {
    /// Where and how to connect.
    public struct Server: Sendable {
        public var host: String
        public var port: Int
        public var encryption: SMTPProbe.Encryption
        public var verifyTLS: Bool
        public var username: String?
        public var password: String?
        public var timeout: Duration
        public var clientName: String

        public init(
            host: String, port: Int, encryption: SMTPProbe.Encryption, verifyTLS: Bool = true,
            username: String? = nil, password: String? = nil, timeout: Duration = .seconds(30),
            clientName: String = "enabledrm.localdomain"
        ) {
            self.host = host
            self.port = port
            self.encryption = encryption
            self.verifyTLS = verifyTLS
            self.username = username
            self.password = password
            self.timeout = timeout
            self.clientName = clientName
        }
    }

    /// What the server said about the message.
    public struct Receipt: Sendable, Equatable {
        public var accepted: [String]
        /// Each refused recipient with the server's code and text.
        public var rejected: [Rejection]
        /// The reply to the end of DATA (250 when queued).
        public var code: Int
        public var text: String
    }

    /// A refusal: of a recipient, of the sender, or of the message.
    public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        public var recipient: String?
        public var code: Int
        public var text: String
        public var description: String { "\(recipient.map { "\($0): " } ?? "")\(code) \(text)" }
    }

    public var group: any EventLoopGroup

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) { self.group = group }

    /// Sends `message` (headers and body, CRLF line ends) from `sender` to `recipients`. Throws a
    /// ``ConnectionError`` when the dialogue fails, a ``Rejection`` when the sender, every recipient or the
    /// message is refused.
    public func send(_ message: String, from sender: String, to recipients: [String], via server: Server)
        async throws -> Receipt
    {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !server.verifyTLS { configuration.certificateVerification = .none }
        let tls = try NIOSSLContext(configuration: configuration)
        let host = server.host
        let port = server.port
        let channel: NIOAsyncChannel<SMTPReply, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(server.timeout.timeAmount)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw ConnectionError.classify(error, host: host, port: port)
        }
        let timedOut = NIOLockedValueBox(false)
        let deadline = channel.channel.eventLoop.scheduleTask(in: server.timeout.timeAmount) {
            timedOut.withLockedValue { $0 = true }
            channel.channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var session = SMTPSession(
                    replies: inbound.makeAsyncIterator(), outbound: outbound, endpoint: "\(host):\(port)")
                return try await converse(
                    &session, channel: channel.channel, tls: tls, server: server, message: message, sender: sender,
                    recipients: recipients)
            }
        } catch let rejection as Rejection {
            throw rejection
        } catch {
            if timedOut.withLockedValue({ $0 }) {
                throw ConnectionError(
                    .timeout, "SMTP dialogue with \(host):\(port) did not finish in \(server.timeout)")
            }
            throw ConnectionError.classify(error, host: host, port: port)
        }
    }

    func converse(
        _ session: inout SMTPSession, channel: any Channel, tls: NIOSSLContext, server: Server, message: String,
        sender: String, recipients: [String]
    ) async throws -> Receipt {
        let serverName = TLSCertificateInfo.isIPAddress(server.host) ? nil : server.host
        if server.encryption == .tls {
            try await SMTPSession.startTLS(on: channel, context: tls, serverHostname: serverName)
        }
        let banner = try await session.read()
        guard banner.code == 220 else {
            throw ConnectionError(.protocol, "expected a 220 banner, got \(banner.code) \(banner.text)")
        }
        var extensions = try await session.hello(server.clientName)
        if server.encryption == .starttls {
            guard extensions.contains(where: { $0.uppercased() == "STARTTLS" }) else {
                throw ConnectionError(.tls, "\(server.host):\(server.port) does not offer STARTTLS")
            }
            let reply = try await session.command("STARTTLS")
            guard reply.code == 220 else { throw ConnectionError(.tls, "STARTTLS refused: \(reply.code)") }
            try await SMTPSession.startTLS(on: channel, context: tls, serverHostname: serverName)
            extensions = try await session.hello(server.clientName)
        }
        if let username = server.username, let password = server.password {
            _ = try await session.authenticate(username: username, password: password, extensions: extensions)
        }
        let from = try await session.command("MAIL FROM:<\(sender)>")
        guard from.code == 250 else { throw Rejection(recipient: nil, code: from.code, text: from.text) }
        var accepted: [String] = []
        var rejected: [Rejection] = []
        for recipient in recipients {
            let reply = try await session.command("RCPT TO:<\(recipient)>")
            if reply.code == 250 || reply.code == 251 {
                accepted.append(recipient)
            } else {
                rejected.append(Rejection(recipient: recipient, code: reply.code, text: reply.text))
            }
        }
        guard !accepted.isEmpty else {
            _ = try? await session.command("QUIT")
            throw rejected.first ?? Rejection(recipient: nil, code: 554, text: "no recipients")
        }
        let data = try await session.command("DATA")
        guard data.code == 354 else { throw Rejection(recipient: nil, code: data.code, text: data.text) }
        let stuffed = message.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }
            .joined(separator: "\r\n")
        let end = try await session.command(stuffed + (stuffed.hasSuffix("\r\n") ? "" : "\r\n") + ".")
        guard end.code == 250 else { throw Rejection(recipient: nil, code: end.code, text: end.text) }
        _ = try? await session.command("QUIT")
        return Receipt(accepted: accepted, rejected: rejected, code: end.code, text: end.text)
    }
}
