import Foundation
import NIOConcurrencyHelpers
public import NIOCore
public import NIOPosix
import NIOSSL

/// Connection test of an SMTP method, written on NIO directly: read the 220 banner, EHLO, STARTTLS when asked,
/// AUTH (PLAIN, else LOGIN) when credentials are set, QUIT. No mail is sent.
public struct SMTPProbe: ConnectionProbe {
    public enum Encryption: String, Sendable {
        /// Plain text throughout.
        case none
        /// Plain connect, then upgrade with STARTTLS (port 587).
        case starttls
        /// TLS from the first byte (SMTPS, port 465).
        case tls
    }

    public var host: String
    public var port: Int
    public var encryption: Encryption
    public var verifyTLS: Bool
    public var username: String?
    public var password: String?
    /// The name sent with EHLO.
    public var clientName: String
    public var timeout: Duration
    public var group: any EventLoopGroup

    public init(
        host: String, port: Int = 587, encryption: Encryption = .starttls, verifyTLS: Bool = true,
        username: String? = nil, password: String? = nil, clientName: String = "enabledrm.localdomain",
        timeout: Duration = .seconds(30), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.host = host
        self.port = port
        self.encryption = encryption
        self.verifyTLS = verifyTLS
        self.username = username
        self.password = password
        self.clientName = clientName
        self.timeout = timeout
        self.group = group
    }

    public func run() async -> ProbeResult {
        await measure(host: host, port: port) {
            let tls = try makeTLSContext()
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeout.timeAmount)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            // One deadline for the whole dialogue; closing the channel ends any read that is still waiting.
            let timedOut = NIOLockedValueBox(false)
            let deadline = channel.channel.eventLoop.scheduleTask(in: timeout.timeAmount) {
                timedOut.withLockedValue { $0 = true }
                channel.channel.close(promise: nil)
            }
            defer { deadline.cancel() }
            do {
                let outcome = try await channel.executeThenClose { inbound, outbound in
                    var session = SMTPSession(
                        replies: inbound.makeAsyncIterator(), outbound: outbound, endpoint: "\(host):\(port)")
                    return try await converse(&session, channel: channel.channel, tls: tls)
                }
                return outcome
            } catch {
                if timedOut.withLockedValue({ $0 }) {
                    throw ConnectionError(.timeout, "SMTP dialogue with \(host):\(port) did not finish in \(timeout)")
                }
                throw error
            }
        }
    }

    /// Puts TLS under the SMTP codec and waits for the handshake, so that a certificate error surfaces as itself
    /// rather than as a closed connection.
    private func startTLS(on channel: any Channel, context tls: NIOSSLContext) async throws {
        let handshake = channel.eventLoop.makePromise(of: Void.self)
        channel.eventLoop.execute { [sniName] in
            do {
                let handler = try NIOSSLClientHandler(context: tls, serverHostname: sniName)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
                try channel.pipeline.syncOperations.addHandler(
                    TLSHandshakeWatcher(done: handshake), position: .after(handler))
            } catch {
                handshake.fail(error)
            }
        }
        try await handshake.futureResult.get()
    }

    private var sniName: String? { TLSCertificateInfo.isIPAddress(host) ? nil : host }

    private func makeTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !verifyTLS { configuration.certificateVerification = .none }
        return try NIOSSLContext(configuration: configuration)
    }

    private func converse(_ session: inout SMTPSession, channel: any Channel, tls: NIOSSLContext) async throws
        -> (String, [String: String])
    {
        // Implicit TLS: the server says nothing before the handshake, so the TLS handler can join after connecting.
        if encryption == .tls { try await startTLS(on: channel, context: tls) }
        let banner = try await session.read()
        guard banner.code == 220 else {
            throw ConnectionError(.protocol, "expected a 220 banner, got \(banner.code) \(banner.text)")
        }
        var details = ["banner": banner.text, "encryption": encryption.rawValue]
        var extensions = try await session.hello(clientName)
        if encryption == .starttls {
            guard extensions.contains(where: { $0.uppercased() == "STARTTLS" }) else {
                throw ConnectionError(.tls, "\(host):\(port) does not offer STARTTLS")
            }
            let reply = try await session.command("STARTTLS")
            guard reply.code == 220 else { throw ConnectionError(.tls, "STARTTLS refused: \(reply.code)") }
            try await startTLS(on: channel, context: tls)
            extensions = try await session.hello(clientName)
        }
        details["extensions"] = extensions.joined(separator: ",")
        if let username, let password {
            details["auth_mechanism"] = try await session.authenticate(
                username: username, password: password, extensions: extensions)
        }
        _ = try? await session.command("QUIT")
        let auth = details["auth_mechanism"].map { ", authenticated with \($0)" } ?? ""
        return ("SMTP ready (\(encryption.rawValue))\(auth)", details)
    }
}

/// The client side of one SMTP dialogue.
struct SMTPSession {
    var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let endpoint: String

    mutating func read() async throws -> SMTPReply {
        guard let reply = try await replies.next() else {
            throw ConnectionError(.protocol, "\(endpoint) closed the SMTP connection")
        }
        return reply
    }

    mutating func command(_ line: String) async throws -> SMTPReply {
        try await outbound.write(ByteBuffer(string: line + "\r\n"))
        return try await read()
    }

    /// EHLO (HELO if EHLO is refused); the advertised extensions.
    mutating func hello(_ name: String) async throws -> [String] {
        let reply = try await command("EHLO \(name)")
        if reply.code == 250 { return Array(reply.lines.dropFirst()) }
        let fallback = try await command("HELO \(name)")
        guard fallback.code == 250 else {
            throw ConnectionError(.protocol, "EHLO and HELO refused: \(reply.code), \(fallback.code)")
        }
        return []
    }

    /// AUTH PLAIN if offered, else AUTH LOGIN; returns the mechanism used.
    mutating func authenticate(username: String, password: String, extensions: [String]) async throws -> String {
        let offered =
            extensions.first { $0.uppercased().hasPrefix("AUTH") }?
            .uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).dropFirst().map(String.init) ?? []
        let reply: SMTPReply
        let mechanism: String
        if offered.contains("PLAIN") {
            mechanism = "PLAIN"
            let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            reply = try await command("AUTH PLAIN \(token)")
        } else if offered.contains("LOGIN") {
            mechanism = "LOGIN"
            let start = try await command("AUTH LOGIN")
            guard start.code == 334 else { throw failure(start) }
            let user = try await command(Data(username.utf8).base64EncodedString())
            guard user.code == 334 else { throw failure(user) }
            reply = try await command(Data(password.utf8).base64EncodedString())
        } else {
            throw ConnectionError(.auth, "\(endpoint) offers no AUTH PLAIN or LOGIN (offers: \(offered))")
        }
        guard reply.code == 235 else { throw failure(reply) }
        return mechanism
    }

    private func failure(_ reply: SMTPReply) -> ConnectionError {
        // 535: credentials invalid; 530/534/538: auth needs TLS or a stronger mechanism. The server's text never
        // contains the password, but the command lines that carried it are not repeated here.
        let category: ConnectionErrorCategory = [530, 534, 535, 538, 454].contains(reply.code) ? .auth : .protocol
        return ConnectionError(category, "\(endpoint) rejected authentication: \(reply.code) \(reply.text)")
    }
}
