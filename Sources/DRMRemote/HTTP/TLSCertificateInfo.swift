public import Foundation
public import NIOCore
public import NIOPosix
import NIOSSL
import NIOTLS
import SwiftASN1
import X509

/// The leaf certificate a TLS server presents, read with a handshake that verifies nothing (so that an untrusted
/// or expired certificate can still be reported).
public struct TLSCertificateInfo: Sendable, Equatable {
    /// The subject's distinguished name, e.g. `CN=example.com`.
    public var subject: String
    public var issuer: String
    public var notAfter: Date

    /// `certificate_subject`, `certificate_issuer`, `certificate_not_after` (ISO 8601) for probe details.
    public var details: [String: String] {
        [
            "certificate_subject": subject, "certificate_issuer": issuer,
            "certificate_not_after": notAfter.formatted(.iso8601),
        ]
    }

    /// Handshakes with `host:port` and returns the server's leaf certificate. `serverName` is sent as SNI
    /// (ignored for IP addresses, which SNI does not allow).
    public static func fetch(
        host: String, port: Int, serverName: String? = nil, timeout: Duration = .seconds(10),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> TLSCertificateInfo {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        let context = try NIOSSLContext(configuration: configuration)
        let name = serverName ?? host
        let sni: String? = isIPAddress(name) ? nil : name
        let eventLoop = group.next()
        let handshake = eventLoop.makePromise(of: Void.self)
        let deadline = eventLoop.scheduleTask(in: timeout.timeAmount) {
            handshake.fail(ConnectionError(.timeout, "no TLS handshake with \(host):\(port) within \(timeout)"))
        }
        defer { deadline.cancel() }
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(timeout.timeAmount)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandlers(
                            try NIOSSLClientHandler(context: context, serverHostname: sni),
                            TLSHandshakeWatcher(done: handshake))
                    }
                }
                .connect(host: host, port: port).get()
        } catch {
            handshake.fail(error)
            throw ConnectionError.classify(error, host: host, port: port)
        }
        do {
            try await handshake.futureResult.get()
            let certificate = try await channel.nioSSL_peerCertificate().get()
            channel.close(promise: nil)
            guard let certificate else { throw ConnectionError(.tls, "\(host):\(port) sent no certificate") }
            let parsed = try Certificate(derEncoded: try certificate.toDERBytes())
            return TLSCertificateInfo(
                subject: parsed.subject.description, issuer: parsed.issuer.description, notAfter: parsed.notValidAfter)
        } catch {
            channel.close(promise: nil)
            throw ConnectionError.classify(error, host: host, port: port)
        }
    }

    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}

/// Completes `done` when the TLS handshake has finished, or fails it with the first error or an early close.
final class TLSHandshakeWatcher: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let done: EventLoopPromise<Void>

    init(done: EventLoopPromise<Void>) { self.done = done }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { done.succeed() }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        done.fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        done.fail(ConnectionError(.tls, "the server closed the connection during the TLS handshake"))
        context.fireChannelInactive()
    }
}
