import Foundation
import NIOCore
import NIOSSH

/// Ask a command's channel to stop: a `signal` request, then (after a grace period) `KILL`, then close.
struct TerminateCommand: Sendable {
    var grace: TimeAmount = .milliseconds(500)
}

/// The error an output observer threw, carried through the channel so the caller gets it unchanged.
struct ObserverStop: Error {
    let reason: any Error
}

/// Runs one command on a session channel and collects its output, exit status or signal into `result`.
///
/// `input`, if given, goes to the command's stdin once the server accepted the exec request, in chunks that follow
/// the channel's writability (the SSH window), then stdin is closed (EOF). When `output` throws, the command gets a
/// `TERM` signal, its channel closes and `result` fails with that error.
final class ExecHandler: ChannelDuplexHandler {
    typealias InboundIn = SSHChannelData
    typealias OutboundIn = SSHChannelData
    typealias OutboundOut = SSHChannelData

    let command: String
    let outputLimit: Int
    let output: (@Sendable (OutputChunk) throws -> Void)?
    let result: EventLoopPromise<CommandResult>
    let started = ContinuousClock.now
    private var stdout = Data()
    private var stderr = Data()
    private var truncated = false
    /// Whether stdout is kept in the result (a download's bytes go to a file instead; stderr is always kept).
    let keepsStdout: Bool
    private var exitCode: Int?
    private var exitSignal: String?
    private var failure: (any Error)?
    private var completed = false
    private var aborted = false
    private var input: Data?
    private var inputOffset = 0
    private var execAccepted = false
    /// Small enough not to hold a large upload twice in the channel's buffer, large enough to fill the window fast.
    static let inputChunkSize = 32 * 1024

    init(
        command: String, input: Data? = nil, outputLimit: Int, keepsStdout: Bool = true,
        output: (@Sendable (OutputChunk) throws -> Void)?, result: EventLoopPromise<CommandResult>
    ) {
        self.command = command
        self.keepsStdout = keepsStdout
        self.input = input
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
        guard !aborted, case .byteBuffer(let buffer) = message.data else { return }
        let bytes = Data(buffer.readableBytesView)
        let stream: OutputChunk.Stream = message.type == .stdErr ? .stderr : .stdout
        do {
            try output?(OutputChunk(stream: stream, data: bytes))
        } catch {
            abort(context: context, error: error)
            return
        }
        switch stream {
        case .stdout: if keepsStdout { append(bytes, to: &stdout) }
        case .stderr: append(bytes, to: &stderr)
        }
    }

    /// The observer refused the output: stop the command and fail with the observer's error.
    private func abort(context: ChannelHandlerContext, error: any Error) {
        aborted = true
        if failure == nil { failure = ObserverStop(reason: error) }
        input = nil
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.SignalRequest(signal: "TERM"), promise: nil)
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        writeInput(context: context)
        context.fireChannelWritabilityChanged()
    }

    /// Writes as much of `input` as the channel takes now; after the last byte, closes stdin.
    private func writeInput(context: ChannelHandlerContext) {
        guard execAccepted, let input else { return }
        while inputOffset < input.count, context.channel.isWritable {
            let end = min(inputOffset + Self.inputChunkSize, input.count)
            var buffer = context.channel.allocator.buffer(capacity: end - inputOffset)
            buffer.writeBytes(input[(input.startIndex + inputOffset)..<(input.startIndex + end)])
            context.write(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(buffer))), promise: nil)
            inputOffset = end
        }
        context.flush()
        if inputOffset == input.count {
            self.input = nil
            context.close(mode: .output, promise: nil)
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
        case is ChannelSuccessEvent:
            execAccepted = true
            writeInput(context: context)
        case is ChannelFailureEvent:
            failure = ConnectionError(.other, "the server refused to run the command")
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
            result.fail(ConnectionError(.protocol, "the channel closed before the command reported an exit status"))
        } else {
            result.succeed(
                CommandResult(
                    exitCode: exitCode, exitSignal: exitSignal, stdout: stdout, stderr: stderr, truncated: truncated,
                    duration: ContinuousClock.now - started))
        }
    }
}
