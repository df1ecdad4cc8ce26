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

    private func startTLS(on channel: any Channel, context tls: NIOSSLContext) async throws {
        try await SMTPSession.startTLS(on: channel, context: tls, serverHostname: sniName)
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
