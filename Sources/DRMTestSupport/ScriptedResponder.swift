import NIOCore
import NIOPosix

/// A small TCP server for the discovery lab: on each connection it sends `greeting` (if any), then answers each
/// chunk it reads with `reply(chunk)` (nothing when that returns nil), closing after the reply when `closeAfter`
/// says so. It binds a chosen port (0: the kernel picks) on its own loopback address, so a lab can put a service
/// on a well-known or an unusual port.
public final class ScriptedResponder: Sendable {
    public let host: String
    public let port: Int
    let channel: any Channel

    private init(host: String, port: Int, channel: any Channel) {
        self.host = host
        self.port = port
        self.channel = channel
    }

    /// Starts a responder on `host:port`.
    public static func start(
        host: String, port: Int = 0, greeting: [UInt8] = [], closeAfterReply: Bool = false,
        reply: @escaping @Sendable ([UInt8]) -> [UInt8]? = { _ in nil }
    ) async throws -> ScriptedResponder {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        ScriptHandler(greeting: greeting, closeAfterReply: closeAfterReply, reply: reply))
                }
            }
            .bind(host: host, port: port).get()
        return ScriptedResponder(host: host, port: channel.localAddress?.port ?? port, channel: channel)
    }

    /// Stops listening (open connections end with the process or when the client closes).
    public func stop() { channel.close(promise: nil) }

    /// A Redis-protocol responder: `+PONG` to PING, an error to anything else.
    public static func redis(host: String, port: Int = 6379) async throws -> ScriptedResponder {
        try await start(host: host, port: port) { chunk in
            let text = String(decoding: chunk, as: UTF8.self).uppercased()
            return Array((text.contains("PING") ? "+PONG\r\n" : "-ERR unknown command\r\n").utf8)
        }
    }

    /// A telnet service of a network device: option negotiation, then a Cisco-style login banner and prompt.
    public static func telnet(host: String, port: Int = 23) async throws -> ScriptedResponder {
        let greeting: [UInt8] = [255, 251, 1, 255, 251, 3, 255, 253, 24, 255, 253, 31]
        return try await start(host: host, port: port, greeting: greeting) { chunk in
            chunk.first == 255 ? Array("\r\n\r\nUser Access Verification\r\n\r\nUsername: ".utf8) : nil
        }
    }

    /// A web page like a network printer's embedded server.
    public static func printer(host: String, port: Int = 80) async throws -> ScriptedResponder {
        try await httpPage(
            host: host, port: port, server: "HP HTTP Server; HP LaserJet Pro M404dn",
            body: "<html><head><title>HP LaserJet Pro M404dn</title></head><body>Ready</body></html>")
    }

    /// A plain HTTP page (any request gets it, then the connection closes).
    public static func httpPage(host: String, port: Int, server: String, body: String) async throws
        -> ScriptedResponder
    {
        let response =
            "HTTP/1.1 200 OK\r\nServer: \(server)\r\nContent-Type: text/html\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n" + body
        return try await start(host: host, port: port, closeAfterReply: true) { chunk in
            String(decoding: chunk, as: UTF8.self).contains("\r\n\r\n") ? Array(response.utf8) : nil
        }
    }
}

final class ScriptHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let greeting: [UInt8]
    let closeAfterReply: Bool
    let reply: @Sendable ([UInt8]) -> [UInt8]?
    var received: [UInt8] = []

    init(greeting: [UInt8], closeAfterReply: Bool, reply: @escaping @Sendable ([UInt8]) -> [UInt8]?) {
        self.greeting = greeting
        self.closeAfterReply = closeAfterReply
        self.reply = reply
    }

    func channelActive(context: ChannelHandlerContext) {
        if !greeting.isEmpty { context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: greeting)), promise: nil) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard let answer = reply(received) else { return }
        received.removeAll()
        let written = context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: answer)))
        if closeAfterReply { written.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
