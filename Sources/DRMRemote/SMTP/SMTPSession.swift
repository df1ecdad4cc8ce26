import Foundation
import NIOConcurrencyHelpers
public import NIOCore
public import NIOPosix
import NIOSSL

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

    /// Puts TLS under the SMTP codec and waits for the handshake, so that a certificate error surfaces as itself
    /// rather than as a closed connection.
    static func startTLS(on channel: any Channel, context tls: NIOSSLContext, serverHostname: String?) async throws {
        let handshake = channel.eventLoop.makePromise(of: Void.self)
        channel.eventLoop.execute {
            do {
                let handler = try NIOSSLClientHandler(context: tls, serverHostname: serverHostname)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
                try channel.pipeline.syncOperations.addHandler(
                    TLSHandshakeWatcher(done: handshake), position: .after(handler))
            } catch {
                handshake.fail(error)
            }
        }
        try await handshake.futureResult.get()
    }

    private func failure(_ reply: SMTPReply) -> ConnectionError {
        // 535: credentials invalid; 530/534/538: auth needs TLS or a stronger mechanism. The server's text never
        // contains the password, but the command lines that carried it are not repeated here.
        let category: ConnectionErrorCategory = [530, 534, 535, 538, 454].contains(reply.code) ? .auth : .protocol
        return ConnectionError(category, "\(endpoint) rejected authentication: \(reply.code) \(reply.text)")
    }
}
