import Logging
import NIOConcurrencyHelpers
public import NIOCore
public import NIOPosix
import NIOSSH

/// Opens SSH connections with swift-nio-ssh. One connection per target carries many commands (channels).
public struct SSHClient: Sendable {
    public var group: any EventLoopGroup
    /// The most bytes kept of each of a command's stdout and stderr (1 MiB unless set).
    public var outputLimit: Int

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, outputLimit: Int = 1 << 20) {
        self.group = group
        self.outputLimit = outputLimit
    }

    /// Connects, checks the host key and authenticates. `connectTimeout` bounds all of it together (TCP connect,
    /// key exchange and authentication), so a silent server, a wrong password or a wrong host key fails in time
    /// with a categorized ``ConnectionError``.
    public func connect(
        host: String, port: Int = 22, username: String, authentication: SSHAuthentication,
        hostKeyPolicy: SSHHostKeyPolicy, connectTimeout: Duration = .seconds(10)
    ) async throws -> SSHConnection {
        let endpoint = "\(host):\(port)"
        let eventLoop = group.next()
        let ready = eventLoop.makePromise(of: Void.self)
        let presented = NIOLockedValueBox<SSHPublicKey?>(nil)
        let deadline = eventLoop.scheduleTask(in: connectTimeout.timeAmount) {
            ready.fail(ConnectionError(.timeout, "no SSH session with \(endpoint) within \(connectTimeout)"))
        }
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout.timeAmount)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let configuration = SSHClientConfiguration(
                        userAuthDelegate: UserAuthenticator(
                            username: username, authentication: authentication, endpoint: endpoint),
                        serverAuthDelegate: HostKeyVerifier(
                            policy: hostKeyPolicy, endpoint: endpoint, presented: presented))
                    let ssh = NIOSSHHandler(
                        role: .client(configuration), allocator: channel.allocator, inboundChildChannelInitializer: nil)
                    try channel.pipeline.syncOperations.addHandlers(
                        ssh, HandshakeWatcher(ready: ready, endpoint: endpoint))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            deadline.cancel()
            ready.fail(error)
            throw ConnectionError.classify(error, host: host, port: port)
        }
        do {
            try await withTaskCancellationHandler {
                try await ready.futureResult.get()
            } onCancel: {
                ready.fail(CancellationError())
            }
            deadline.cancel()
            let handler = try await channel.eventLoop.submit {
                NIOLoopBound(
                    try channel.pipeline.syncOperations.handler(type: NIOSSHHandler.self), eventLoop: channel.eventLoop)
            }.get()
            guard let hostKey = presented.withLockedValue({ $0 }) else {
                throw ConnectionError(.protocol, "\(endpoint) authenticated without presenting a host key")
            }
            return SSHConnection(
                channel: channel, handler: handler, host: host, port: port, username: username, hostKey: hostKey,
                outputLimit: outputLimit)
        } catch {
            deadline.cancel()
            channel.close(promise: nil)
            if error is CancellationError { throw error }
            throw ConnectionError.classify(error, host: host, port: port)
        }
    }
}
