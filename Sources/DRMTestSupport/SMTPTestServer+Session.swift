import Foundation
import NIOCore
import NIOSSL
import NIOTLS

/// One SMTP connection of ``SMTPTestServer``: a line-at-a-time state machine (RFC 5321, with RFC 3207 STARTTLS and
/// RFC 4954 AUTH PLAIN/LOGIN). Replies are single writes, so a client sees each as soon as it is sent.
final class SMTPSession: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    struct Settings: Sendable {
        var username: String
        var password: String
        var requiresAuthentication: Bool
        /// Offered as STARTTLS when set.
        var startTLS: NIOSSLContext?
        /// TLS from the first byte: the banner waits for the handshake.
        var implicitTLS: Bool
        var inbox: Inbox
        /// Recipients refused at RCPT with 550.
        var rejectedRecipients: Set<String> = []
    }

    enum Phase {
        case command
        case authPlain
        case authLoginUser
        case authLoginPassword(user: String)
        case data
    }

    let settings: Settings
    var phase = Phase.command
    var clientName: String?
    var authenticatedUser: String?
    var overTLS: Bool
    var sender: String?
    var recipients: [String] = []
    var dataLines: [String] = []

    init(_ settings: Settings) {
        self.settings = settings
        self.overTLS = settings.implicitTLS
    }

    func channelActive(context: ChannelHandlerContext) {
        if !settings.implicitTLS { greet(context) }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if settings.implicitTLS, let tls = event as? TLSUserEvent, case .handshakeCompleted(_) = tls { greet(context) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func greet(_ context: ChannelHandlerContext) {
        reply(context, "220 \(SMTPTestServer.serverName) ESMTP EnableDRM test server ready")
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = String(buffer: unwrapInboundIn(data))
        switch phase {
        case .data: receiveData(context, line)
        case .authPlain: authenticatePlain(context, line)
        case .authLoginUser:
            guard line != "*", let user = Self.base64Text(line) else { return abortAuth(context) }
            phase = .authLoginPassword(user: user)
            reply(context, "334 " + Data("Password:".utf8).base64EncodedString())
        case .authLoginPassword(let user):
            guard line != "*", let password = Self.base64Text(line) else { return abortAuth(context) }
            finishAuth(context, user: user, password: password)
        case .command: command(context, line)
        }
    }

    func command(_ context: ChannelHandlerContext, _ line: String) {
        let verb = line.prefix { $0 != " " }.uppercased()
        let argument = line.dropFirst(verb.count).trimmingCharacters(in: .whitespaces)
        switch verb {
        case "EHLO", "HELO":
            guard !argument.isEmpty else { return reply(context, "501 5.5.4 Syntax: \(verb) hostname") }
            clientName = argument
            resetEnvelope()
            guard verb == "EHLO" else { return reply(context, "250 \(SMTPTestServer.serverName)") }
            var lines = ["\(SMTPTestServer.serverName) Hello \(argument)", "SIZE 33554432", "8BITMIME", "SMTPUTF8"]
            if settings.startTLS != nil, !overTLS { lines.append("STARTTLS") }
            lines += ["AUTH PLAIN LOGIN", "HELP"]
            reply(context, lines.enumerated().map { "250\($0.offset == lines.count - 1 ? " " : "-")\($0.element)" })
        case "STARTTLS": startTLS(context)
        case "AUTH": auth(context, argument)
        case "MAIL":
            guard clientName != nil else { return reply(context, "503 5.5.1 Error: send HELO/EHLO first") }
            guard !settings.requiresAuthentication || authenticatedUser != nil else {
                return reply(context, "530 5.7.0 Authentication required")
            }
            guard sender == nil else { return reply(context, "503 5.5.1 Error: nested MAIL command") }
            guard let address = Self.address(argument, after: "FROM:") else {
                return reply(context, "501 5.5.4 Syntax: MAIL FROM:<address>")
            }
            sender = address
            reply(context, "250 OK")
        case "RCPT":
            guard sender != nil else { return reply(context, "503 5.5.1 Error: need MAIL command") }
            guard let address = Self.address(argument, after: "TO:"), !address.isEmpty else {
                return reply(context, "501 5.5.4 Syntax: RCPT TO:<address>")
            }
            guard !settings.rejectedRecipients.contains(address) else {
                return reply(context, "550 5.1.1 <\(address)>: Recipient address rejected")
            }
            recipients.append(address)
            reply(context, "250 OK")
        case "DATA":
            guard !recipients.isEmpty else { return reply(context, "503 5.5.1 Error: need RCPT command") }
            phase = .data
            dataLines = []
            reply(context, "354 End data with <CR><LF>.<CR><LF>")
        case "RSET":
            resetEnvelope()
            reply(context, "250 OK")
        case "NOOP": reply(context, "250 OK")
        case "VRFY": reply(context, "252 2.0.0 Cannot VRFY user, but will accept message")
        case "QUIT":
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "221 Bye\r\n"))).assumeIsolated()
                .whenComplete { _ in context.close(promise: nil) }
        default: reply(context, "500 Error: command \"\(verb)\" not recognized")
        }
    }

    func startTLS(_ context: ChannelHandlerContext) {
        guard let tls = settings.startTLS, !overTLS else { return reply(context, "454 4.7.0 TLS not available") }
        reply(context, "220 2.0.0 Ready to start TLS")
        // The 220 has gone down the pipeline already; what arrives from now on is the client's handshake.
        do {
            try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
        } catch {
            context.close(promise: nil)
            return
        }
        overTLS = true
        // RFC 3207: the client must start over with EHLO; nothing it said before counts.
        clientName = nil
        authenticatedUser = nil
        resetEnvelope()
    }

    func auth(_ context: ChannelHandlerContext, _ argument: String) {
        guard clientName != nil else { return reply(context, "503 5.5.1 Error: send EHLO first") }
        guard authenticatedUser == nil else { return reply(context, "503 5.5.1 Already authenticated") }
        let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
        switch parts.first?.uppercased() {
        case "PLAIN":
            if parts.count == 2 {
                authenticatePlain(context, parts[1])
            } else {
                phase = .authPlain
                reply(context, "334 ")
            }
        case "LOGIN":
            if parts.count == 2 {
                guard let user = Self.base64Text(parts[1]) else { return abortAuth(context) }
                phase = .authLoginPassword(user: user)
                reply(context, "334 " + Data("Password:".utf8).base64EncodedString())
            } else {
                phase = .authLoginUser
                reply(context, "334 " + Data("Username:".utf8).base64EncodedString())
            }
        default: reply(context, "504 5.5.4 Unrecognized authentication type")
        }
    }

    func authenticatePlain(_ context: ChannelHandlerContext, _ token: String) {
        // authzid NUL authcid NUL password
        guard token != "*", let text = Self.base64Text(token) else { return abortAuth(context) }
        let fields = text.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 3 else { return abortAuth(context) }
        finishAuth(context, user: fields[1], password: fields[2])
    }

    func finishAuth(_ context: ChannelHandlerContext, user: String, password: String) {
        phase = .command
        guard user == settings.username, password == settings.password else {
            return reply(context, "535 5.7.8 Authentication credentials invalid")
        }
        authenticatedUser = user
        reply(context, "235 2.7.0 Authentication successful")
    }

    func abortAuth(_ context: ChannelHandlerContext) {
        phase = .command
        reply(context, "501 5.5.2 Authentication cancelled or malformed")
    }

    func receiveData(_ context: ChannelHandlerContext, _ line: String) {
        guard line != "." else {
            let message = SMTPTestServer.Message(
                from: sender ?? "", recipients: recipients, data: dataLines.map { $0 + "\r\n" }.joined(),
                authenticatedUser: authenticatedUser, overTLS: overTLS, clientName: clientName ?? "")
            settings.inbox.append(message)
            phase = .command
            resetEnvelope()
            return reply(context, "250 OK: message accepted")
        }
        // RFC 5321 4.5.2: a line that starts with a dot was sent with one more.
        dataLines.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
    }

    func resetEnvelope() {
        sender = nil
        recipients = []
        dataLines = []
    }

    func reply(_ context: ChannelHandlerContext, _ line: String) { reply(context, [line]) }

    func reply(_ context: ChannelHandlerContext, _ lines: [String]) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: lines.map { $0 + "\r\n" }.joined())), promise: nil)
    }

    /// `FROM:<a@b> SIZE=10` → `a@b`; nil when the keyword or the brackets are missing.
    static func address(_ argument: String, after keyword: String) -> String? {
        guard argument.uppercased().hasPrefix(keyword) else { return nil }
        let rest = argument.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces)
        guard rest.hasPrefix("<"), let close = rest.firstIndex(of: ">") else { return nil }
        return String(rest[rest.index(after: rest.startIndex)..<close])
    }

    static func base64Text(_ token: String) -> String? {
        Data(base64Encoded: token.trimmingCharacters(in: .whitespaces)).map { String(decoding: $0, as: UTF8.self) }
    }
}
