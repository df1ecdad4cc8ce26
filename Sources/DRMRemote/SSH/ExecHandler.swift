import Foundation
import NIOCore
import NIOSSH

/// Ask a command's channel to stop: a `signal` request, then (after a grace period) `KILL`, then close.
struct TerminateCommand: Sendable {
    var grace: TimeAmount = .milliseconds(500)
}

/// Runs one command on a session channel and collects its output, exit status or signal into `result`.
final class ExecHandler: ChannelDuplexHandler {
    typealias InboundIn = SSHChannelData
    typealias OutboundIn = SSHChannelData
    typealias OutboundOut = SSHChannelData

    let command: String
    let outputLimit: Int
    let output: (@Sendable (OutputChunk) -> Void)?
    let result: EventLoopPromise<CommandResult>
    let started = ContinuousClock.now
    private var stdout = Data()
    private var stderr = Data()
    private var truncated = false
    private var exitCode: Int?
    private var exitSignal: String?
    private var failure: (any Error)?
    private var completed = false

    init(
        command: String, outputLimit: Int, output: (@Sendable (OutputChunk) -> Void)?,
        result: EventLoopPromise<CommandResult>
    ) {
        self.command = command
        self.outputLimit = outputLimit
        self.output = output
        self.result = result
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // The exit status arrives after the server's EOF; without half-closure NIO would close the channel first.
        context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).whenFailure { [result] error in
            result.fail(error)
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        let request = SSHChannelRequestEvent.ExecRequest(command: command, wantReply: true)
        context.triggerUserOutboundEvent(request, promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .byteBuffer(let buffer) = message.data else { return }
        let bytes = Data(buffer.readableBytesView)
        let stream: OutputChunk.Stream = message.type == .stdErr ? .stderr : .stdout
        output?(OutputChunk(stream: stream, data: bytes))
        switch stream {
        case .stdout: append(bytes, to: &stdout)
        case .stderr: append(bytes, to: &stderr)
        }
    }

    private func append(_ bytes: Data, to data: inout Data) {
        let room = outputLimit - data.count
        if bytes.count > room {
            truncated = true
            if room > 0 { data.append(bytes.prefix(room)) }
        } else {
            data.append(bytes)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let status as SSHChannelRequestEvent.ExitStatus:
            exitCode = status.exitStatus
        case let signal as SSHChannelRequestEvent.ExitSignal:
            exitSignal = signal.signalName
        case is ChannelFailureEvent:
            failure = ConnectionFailure(.other, "the server refused to run the command")
            context.close(promise: nil)
        case ChannelEvent.inputClosed:
            break  // EOF: the exit status and the close follow
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let terminate = event as? TerminateCommand else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        promise?.succeed()
        guard context.channel.isActive else { return }
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.SignalRequest(signal: "TERM"), promise: nil)
        let channel = context.channel
        context.eventLoop.scheduleTask(in: terminate.grace) {
            guard channel.isActive else { return }
            channel.triggerUserOutboundEvent(SSHChannelRequestEvent.SignalRequest(signal: "KILL")).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if failure == nil { failure = error }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        complete()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        complete()
    }

    private func complete() {
        guard !completed else { return }
        completed = true
        if let failure {
            result.fail(failure)
        } else if exitCode == nil, exitSignal == nil {
            result.fail(ConnectionFailure(.protocol, "the channel closed before the command reported an exit status"))
        } else {
            result.succeed(
                CommandResult(
                    exitCode: exitCode, exitSignal: exitSignal, stdout: stdout, stderr: stderr, truncated: truncated,
                    duration: ContinuousClock.now - started))
        }
    }
}
