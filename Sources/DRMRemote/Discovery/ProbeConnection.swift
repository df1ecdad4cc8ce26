import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// One TCP connection of service identification: bytes in, everything read collected, with waits that end when
/// enough has arrived, the server closes, or a time-out passes (whatever arrived by then is the answer).
final class ProbeConnection: Sendable {
    let channel: any Channel
    let collector: ResponseCollector

    private init(channel: any Channel, collector: ResponseCollector) {
        self.channel = channel
        self.collector = collector
    }

    /// Connects to `host:port` within `timeout`; with `tls`, completes a handshake (verification off) first and
    /// returns the server's leaf certificate too.
    static func open(
        host: String, port: Int, timeout: TimeAmount, tls: Bool = false,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> ProbeConnection {
        let collector = ResponseCollector()
        let eventLoop = group.next()
        let handshake = eventLoop.makePromise(of: Void.self)
        let sslContext: NIOSSLContext? = try tls ? Self.clientContext() : nil
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        if let sslContext {
                            let sni = IPAddressCheck.isIP(host) ? nil : host
                            try pipeline.addHandler(try NIOSSLClientHandler(context: sslContext, serverHostname: sni))
                            try pipeline.addHandler(TLSHandshakeWatcher(done: handshake))
                        }
                        try pipeline.addHandler(collector)
                    }
                }
                .connect(host: host, port: port).get()
        } catch {
            handshake.fail(error)
            throw error
        }
        let connection = ProbeConnection(channel: channel, collector: collector)
        if tls {
            let deadline = eventLoop.scheduleTask(in: timeout) { handshake.fail(ChannelError.connectTimeout(timeout)) }
            defer { deadline.cancel() }
            do {
                try await handshake.futureResult.get()
            } catch {
                connection.close()
                throw error
            }
        } else {
            handshake.succeed()
        }
        return connection
    }

    static func clientContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return try NIOSSLContext(configuration: configuration)
    }

    /// The server's leaf certificate in DER (TLS connections only).
    func peerCertificate() async throws -> [UInt8]? {
        try await channel.nioSSL_peerCertificate().get()?.toDERBytes()
    }

    /// Sends `bytes`.
    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Waits until `isComplete` holds for what has been read since the last ``take()``, the server closes, or
    /// `timeout` passes; returns what was read (and keeps it for the next wait).
    func read(within timeout: TimeAmount, until isComplete: @escaping @Sendable ([UInt8]) -> Bool) async -> [UInt8] {
        let promise = channel.eventLoop.makePromise(of: [UInt8].self)
        collector.wait(on: channel.eventLoop, timeout: timeout, until: isComplete, promise: promise)
        return (try? await promise.futureResult.get()) ?? []
    }

    /// Forgets what was read so far (before the next exchange on the same connection).
    func take() {
        collector.reset()
    }

    /// Whether the server has closed the connection.
    var isClosed: Bool { collector.isClosed }

    func close() {
        channel.close(promise: nil)
    }
}

/// Collects the bytes of a connection and completes one waiter at a time.
final class ResponseCollector: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    private struct State {
        var bytes: [UInt8] = []
        var closed = false
        var waiter: (until: @Sendable ([UInt8]) -> Bool, promise: EventLoopPromise<[UInt8]>, timer: Scheduled<Void>)?
    }
    private let state = NIOLockedValueBox(State())
    /// At most this much is kept.
    static let limit = 65_536

    var isClosed: Bool { state.withLockedValue(\.closed) }

    func reset() { state.withLockedValue { $0.bytes.removeAll() } }

    func wait(
        on eventLoop: any EventLoop, timeout: TimeAmount, until isComplete: @escaping @Sendable ([UInt8]) -> Bool,
        promise: EventLoopPromise<[UInt8]>
    ) {
        let timer = eventLoop.scheduleTask(in: timeout) { [self] in finish() }
        let done = state.withLockedValue { state in
            if state.closed || isComplete(state.bytes) { return true }
            state.waiter = (isComplete, promise, timer)
            return false
        }
        if done {
            timer.cancel()
            promise.succeed(state.withLockedValue(\.bytes))
        }
    }

    private func finish() {
        let (waiter, bytes) = state.withLockedValue { state in
            defer { state.waiter = nil }
            return (state.waiter, state.bytes)
        }
        waiter?.timer.cancel()
        waiter?.promise.succeed(bytes)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let complete = state.withLockedValue { state in
            if state.bytes.count < Self.limit, let bytes = buffer.readBytes(length: buffer.readableBytes) {
                state.bytes += bytes.prefix(Self.limit - state.bytes.count)
            }
            return state.waiter.map { $0.until(state.bytes) } ?? false
        }
        if complete { finish() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        state.withLockedValue { $0.closed = true }
        finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

enum IPAddressCheck {
    static func isIP(_ host: String) -> Bool { (try? SocketAddress(ipAddress: host, port: 0)) != nil }
}
