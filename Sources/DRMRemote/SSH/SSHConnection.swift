public import Foundation
import NIOCore
import NIOSSH

/// An authenticated SSH connection. Commands run on their own channels, any number at a time.
public final class SSHConnection: Sendable {
    public let host: String
    public let port: Int
    public let username: String
    /// The host key the server presented (store it to pin it next time).
    public let hostKey: SSHPublicKey
    /// The most bytes kept of each of a command's stdout and stderr.
    public let outputLimit: Int
    let channel: any Channel
    let handler: NIOLoopBound<NIOSSHHandler>

    init(
        channel: any Channel, handler: NIOLoopBound<NIOSSHHandler>, host: String, port: Int, username: String,
        hostKey: SSHPublicKey, outputLimit: Int
    ) {
        self.channel = channel
        self.handler = handler
        self.host = host
        self.port = port
        self.username = username
        self.hostKey = hostKey
        self.outputLimit = outputLimit
    }

    /// `SHA256:…`, as `ssh-keygen -lf` prints it.
    public var hostKeyFingerprint: String { hostKey.fingerprint }

    /// False once the connection has closed (by ``close()``, the server or a network failure).
    public var isActive: Bool { channel.isActive }

    /// Runs `command` on a new channel and waits for it to end.
    ///
    /// `input`, if given, is written to the command's stdin (at the pace the server's window allows), then stdin is
    /// closed, so `cat` or `scp -t` see EOF. Without `input`, stdin stays open until the command ends.
    ///
    /// When `timeout` passes or the calling task is cancelled, the command gets a `TERM` signal (then `KILL`) and
    /// its channel is closed; this throws a `.timeout` ``ConnectionError`` or `CancellationError` at once.
    /// `output`, if given, sees every chunk as it arrives (on an event loop: keep it short).
    public func execute(
        _ command: String, input: Data? = nil, timeout: Duration, output: (@Sendable (OutputChunk) -> Void)? = nil
    ) async throws -> CommandResult {
        try await run(command, input: input, timeout: timeout, observe: output)
    }

    /// ``execute(_:input:timeout:output:)`` with an observer that may stop the command by throwing: the command gets
    /// `TERM`, its channel closes, and this rethrows the observer's error.
    /// Without `keepingOutput`, stdout goes to the observer only (stderr is kept).
    func run(
        _ command: String, input: Data?, timeout: Duration, keepingOutput: Bool = true,
        observe: (@Sendable (OutputChunk) throws -> Void)?
    ) async throws -> CommandResult {
        guard channel.isActive else {
            throw ConnectionError(.other, "the SSH connection to \(host):\(port) is closed")
        }
        let eventLoop = channel.eventLoop
        let result = eventLoop.makePromise(of: CommandResult.self)
        let opened = eventLoop.makePromise(of: (any Channel).self)
        let limit = outputLimit
        eventLoop.execute { [handler] in
            handler.value.createChannel(opened, channelType: .session) { child, _ in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        ExecHandler(
                            command: command, input: input, outputLimit: limit, keepsStdout: keepingOutput,
                            output: observe, result: result))
                }
            }
        }
        opened.futureResult.whenFailure { [host, port] error in
            result.fail(ConnectionError.classify(error, host: host, port: port))
        }
        @Sendable func stop(_ error: any Error) {
            result.fail(error)
            opened.futureResult.whenSuccess { $0.triggerUserOutboundEvent(TerminateCommand(), promise: nil) }
        }
        let timer = eventLoop.scheduleTask(in: timeout.timeAmount) {
            stop(ConnectionError(.timeout, "the command did not finish within \(timeout)"))
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                try await result.futureResult.get()
            } onCancel: {
                stop(CancellationError())
            }
        } catch let error as CancellationError {
            throw error
        } catch let stop as ObserverStop {
            throw stop.reason
        } catch {
            throw ConnectionError.classify(error, host: host, port: port)
        }
    }

    /// Closes the connection and with it every channel still open.
    public func close() async {
        try? await channel.close()
    }
}
