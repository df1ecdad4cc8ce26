import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A listening NIO socket on a loopback address at a port the kernel picks, for the test servers written in Swift
/// (SMTP, HTTP). It runs on the process's shared event loops, in the test process itself: nothing to install, and
/// nothing left behind when the process ends.
final class LoopbackListener: Sendable {
    let channel: any Channel
    let host: String
    let port: Int
    private let children: ChildChannels

    private init(channel: any Channel, host: String, port: Int, children: ChildChannels) {
        self.channel = channel
        self.host = host
        self.port = port
        self.children = children
    }

    /// Binds `host` (any 127.x.y.z address; Linux routes them all to `lo`) and sets up each accepted connection
    /// with `initialize`, on the connection's event loop.
    static func bind(
        host: String, initialize: @escaping @Sendable (any Channel) throws -> Void
    ) async throws -> LoopbackListener {
        let children = ChildChannels()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                children.add(child)
                return child.eventLoop.makeCompletedFuture { try initialize(child) }
            }
            .bind(host: host, port: 0).get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw TestSupportError.serverDidNotStart("listener on \(host)", log: "no local port")
        }
        return LoopbackListener(channel: channel, host: host, port: port, children: children)
    }

    /// Stops accepting and closes every open connection. Returns at once (callable from `defer`).
    func stop() {
        channel.close(promise: nil)
        children.closeAll()
    }

    /// Like ``stop()``, and waits until the listening socket is closed.
    func shutdown() async {
        stop()
        try? await channel.closeFuture.get()
    }
}

/// The connections a listener accepted, so that stopping the server ends them too.
private final class ChildChannels: Sendable {
    private let channels = Mutex<[any Channel]>([])

    func add(_ channel: any Channel) {
        channels.withLock { open in
            open.append(channel)
            if open.count > 64 { open.removeAll { !$0.isActive } }
        }
    }

    func closeAll() {
        for channel in channels.withLock({ $0 }) { channel.close(promise: nil) }
    }
}

extension NIOSSLContext {
    /// A server context for `certificate` (PEM certificate and key files).
    static func server(_ certificate: TestCertificate) throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMFile(certificate.certificatePath).map {
            NIOSSLCertificateSource.certificate($0)
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain,
            privateKey: .privateKey(try NIOSSLPrivateKey(file: certificate.keyPath, format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }
}

/// Splits the byte stream into lines (LF or CRLF, the terminator removed); a line over 1 MiB closes the connection.
struct LineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    struct LineTooLong: Error {}

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 1 << 20 { throw LineTooLong() }
            return .needMoreData
        }
        var line = buffer.readSlice(length: newline - view.startIndex)!
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") {
            line = line.getSlice(at: line.readerIndex, length: line.readableBytes - 1)!
        }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
