public import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A real HTTP server on a loopback address that records every request it gets (headers, body, arrival time) and
/// answers each with what a script says: e.g. 503 twice, then 429 with `Retry-After: 1`, then 200.
public final class WebhookSink: Sendable {
    /// One request as received.
    public struct Received: Sendable {
        public var method: String
        public var path: String
        /// Header names in lower case.
        public var headers: [String: String]
        public var body: String
        public var at: Date
    }

    /// An answer: a status and extra headers, after `delay` seconds (a slow or hung receiver).
    public struct Answer: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var delay: Double

        public init(_ status: Int, headers: [String: String] = [:], delay: Double = 0) {
            self.status = status
            self.headers = headers
            self.delay = delay
        }
    }

    public let host: String
    let listener: LoopbackListener
    let state: SinkLog

    public var port: Int { listener.port }
    public var url: String { "http://\(host):\(port)/hook" }

    /// Everything received so far, in order.
    public var received: [Received] { state.entries.withLock { $0 } }

    private init(host: String, listener: LoopbackListener, state: SinkLog) {
        self.host = host
        self.listener = listener
        self.state = state
    }

    /// Starts a sink on `host` at a free port; `script(n)` answers the n-th request (0-based).
    public static func start(
        host: String = "127.0.0.1", script: @escaping @Sendable (Int) -> Answer = { _ in Answer(200) }
    ) async throws -> WebhookSink {
        let state = SinkLog()
        let record: @Sendable (Received) -> Answer = { request in
            let index = state.entries.withLock { received in
                received.append(request)
                return received.count - 1
            }
            return script(index)
        }
        let listener = try await LoopbackListener.bind(host: host) { channel in
            let pipeline = channel.pipeline.syncOperations
            try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
            try pipeline.addHandler(WebhookSinkHandler(record: record))
        }
        return WebhookSink(host: host, listener: listener, state: state)
    }

    /// Stops accepting and closes open connections.
    public func stop() { listener.stop() }
}

/// What a sink received, shared by its connections.
final class SinkLog: Sendable {
    let entries = Mutex<[WebhookSink.Received]>([])
}

final class WebhookSinkHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let record: @Sendable (WebhookSink.Received) -> WebhookSink.Answer
    var head: HTTPRequestHead?
    var body = ByteBuffer()

    init(record: @escaping @Sendable (WebhookSink.Received) -> WebhookSink.Answer) { self.record = record }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk): body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            self.head = nil
            let headers = Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }) { _, last in last }
            let answer = record(
                .init(
                    method: head.method.rawValue, path: head.uri, headers: headers, body: String(buffer: body),
                    at: Date()))
            guard answer.delay > 0 else { return respond(context, head, answer) }
            _ = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(answer.delay * 1000))) {
                self.respond(context, head, answer)
            }
        }
    }

    func respond(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ answer: WebhookSink.Answer) {
        guard context.channel.isActive else { return }
        let text = ByteBuffer(string: "status \(answer.status)")
        var outgoing = HTTPHeaders([("Content-Length", "\(text.readableBytes)")])
        for (name, value) in answer.headers { outgoing.add(name: name, value: value) }
        context.write(
            wrapOutboundOut(
                .head(
                    HTTPResponseHead(
                        version: head.version, status: HTTPResponseStatus(statusCode: answer.status),
                        headers: outgoing))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(text))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
