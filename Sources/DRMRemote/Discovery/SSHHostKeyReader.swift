import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSH

/// Reads an SSH server's host key: a key exchange on its own connection, which stops when the key arrives, so
/// no authentication is attempted (nothing lands in the server's failed-login log).
enum SSHHostKeyReader {
    struct Stop: Error {}

    /// The host key `host:port` presents, or nil if none arrived within `timeout`.
    static func read(host: String, port: Int, timeout: TimeAmount, group: any EventLoopGroup) async -> SSHPublicKey? {
        let eventLoop = group.next()
        let received = eventLoop.makePromise(of: SSHPublicKey?.self)
        let deadline = eventLoop.scheduleTask(in: timeout) { received.succeed(nil) }
        defer { deadline.cancel() }
        let channel = try? await ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let configuration = SSHClientConfiguration(
                        userAuthDelegate: NoAuthentication(), serverAuthDelegate: KeyCatcher(received: received))
                    try channel.pipeline.syncOperations.addHandlers(
                        NIOSSHHandler(
                            role: .client(configuration), allocator: channel.allocator,
                            inboundChildChannelInitializer: nil),
                        CloseWatcher(received: received))
                }
            }
            .connect(host: host, port: port).get()
        guard let channel else {
            received.succeed(nil)
            return nil
        }
        let key = try? await received.futureResult.get()
        channel.close(promise: nil)
        return key ?? nil
    }

    final class KeyCatcher: NIOSSHClientServerAuthenticationDelegate {
        let received: EventLoopPromise<SSHPublicKey?>
        init(received: EventLoopPromise<SSHPublicKey?>) { self.received = received }

        func validateHostKey(hostKey: NIOSSHPublicKey, validationCompletePromise: EventLoopPromise<Void>) {
            received.succeed(SSHPublicKey(hostKey))
            validationCompletePromise.fail(Stop())
        }
    }

    final class NoAuthentication: NIOSSHClientUserAuthenticationDelegate {
        func nextAuthenticationType(
            availableMethods: NIOSSHAvailableUserAuthenticationMethods,
            nextChallengePromise: EventLoopPromise<NIOSSHUserAuthenticationOffer?>
        ) {
            nextChallengePromise.succeed(nil)
        }
    }

    final class CloseWatcher: ChannelInboundHandler {
        typealias InboundIn = Any
        let received: EventLoopPromise<SSHPublicKey?>
        init(received: EventLoopPromise<SSHPublicKey?>) { self.received = received }

        func channelInactive(context: ChannelHandlerContext) {
            received.succeed(nil)
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
