import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// A real HTTP or HTTPS server written on SwiftNIO, running inside the test process on a loopback address at a
/// free port.
///
/// Routes: `GET /` → 200 `ok`; `/status/NNN` (any method) → status NNN; `/echo` (any method) → 200 with JSON
/// `{"method", "path", "query", "headers", "body"}` (header names in lower case); `/slow/S` → answers after S
/// seconds (without holding a thread). HTTPS uses a self-signed certificate for `localhost`/127.0.0.1
/// (``certificate``).
public final class HTTPTestServer: Sendable {
    public let host: String
    public let certificate: TestCertificate?
    let listener: LoopbackListener

    public var port: Int { listener.port }
    public var baseURL: String { "\(certificate == nil ? "http" : "https")://\(host):\(port)" }

    private init(host: String, certificate: TestCertificate?, listener: LoopbackListener) {
        self.host = host
        self.certificate = certificate
        self.listener = listener
    }

    /// Starts a server on `host` (any 127.x.y.z address) at a free port.
    public static func start(tls: Bool = false, host: String = "127.0.0.1") async throws -> HTTPTestServer {
        var certificate: TestCertificate?
        var context: NIOSSLContext?
        if tls {
            let directory = try TemporaryDirectory.make(prefix: "enabledrm-http")
            let made = try await Blocking.run { try TestCertificate.make(in: directory, host: host) }
            certificate = made
            context = try NIOSSLContext.server(made)
        }
        let listener = try await LoopbackListener.bind(host: host) { [context] channel in
            let pipeline = channel.pipeline.syncOperations
            if let context { try pipeline.addHandler(NIOSSLServerHandler(context: context)) }
            try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
            try pipeline.addHandler(HTTPTestHandler())
        }
        return HTTPTestServer(host: host, certificate: certificate, listener: listener)
    }

    /// Stops accepting and closes open connections. Returns at once, so `defer { server.stop() }` works.
    public func stop() { listener.stop() }
}

/// Answers one request at a time on a connection (HTTP/1.1 keep-alive).
final class HTTPTestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    var head: HTTPRequestHead?
    var body = ByteBuffer()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk): body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            self.head = nil
            respond(context, to: head, body: String(buffer: body))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func respond(_ context: ChannelHandlerContext, to head: HTTPRequestHead, body: String) {
        let url = URLComponents(string: head.uri)
        let path = url?.path ?? head.uri
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        switch parts[0] {
        case "" where parts.count == 1:
            send(context, head, status: 200, "ok")
        case "status" where parts.count == 2 && (100...999).contains(Int(parts[1]) ?? 0):
            send(context, head, status: Int(parts[1])!, "status \(parts[1])")
        case "echo":
            let headers = Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }) { _, last in last }
            send(
                context, head, status: 200,
                Self.json([
                    ("method", Self.quoted(head.method.rawValue)), ("path", Self.quoted(path)),
                    ("query", Self.quoted(url?.percentEncodedQuery ?? "")),
                    ("headers", Self.json(headers.sorted { $0.key < $1.key }.map { ($0.key, Self.quoted($0.value)) })),
                    ("body", Self.quoted(body)),
                ]), contentType: "application/json")
        case "slow" where parts.count == 2:
            let seconds = Double(parts[1]) ?? 0
            _ = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
                self.send(context, head, status: 200, "slow")
            }
        default:
            send(context, head, status: 404, "not found")
        }
    }

    func send(
        _ context: ChannelHandlerContext, _ request: HTTPRequestHead, status: Int, _ text: String,
        contentType: String = "text/plain"
    ) {
        guard context.channel.isActive else { return }
        let data = ByteBuffer(string: text)
        var headers = HTTPHeaders([("Content-Type", contentType), ("Content-Length", "\(data.readableBytes)")])
        if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(
            version: request.version, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if request.method != .HEAD { context.write(wrapOutboundOut(.body(.byteBuffer(data))), promise: nil) }
        let sent = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !request.isKeepAlive { sent.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
    }

    /// `{"a": 1, "b": 2}`: the separators of Python's `json.dumps`, which the tests' expectations were written for.
    static func json(_ members: [(String, String)]) -> String {
        "{" + members.map { quoted($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let encoded = (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) }
        return encoded ?? "\"\""
    }
}
