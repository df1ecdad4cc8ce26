import DRMCore
import DRMRemote
import Foundation
import Synchronization

extension BranchRun {
    /// Runs one attempt of an action.
    func execute(_ action: Action, on connection: SSHConnection?) async -> ActionOutcome {
        let timeout = Duration.seconds(action.spec.policy.timeoutSeconds)
        do {
            switch action.spec.kind {
            case .command(let command):
                var text = render(command.command, escape: TemplateText.shellQuoted)
                if let directory = command.workingDirectory {
                    text = "cd \(TemplateText.shellQuoted(render(directory))) && \(text)"
                }
                return try await shell(
                    text, input: nil, expected: command.expectedExitCodes, on: connection, action: action,
                    timeout: timeout)
            case .script(let script):
                return try await shell(
                    scriptCommand(script), input: Data(script.content.utf8), expected: script.expectedExitCodes,
                    on: connection, action: action, timeout: timeout, shown: "\(script.interpreter) <script>")
            case .fileTransfer(let transfer):
                return try await fileTransfer(transfer, on: connection, timeout: timeout)
            case .httpRequest(let request):
                return try await http(request, timeout: timeout)
            }
        } catch {
            return ActionOutcome(status: status(of: error), error: Self.message(of: error))
        }
    }

    func render(_ text: String, escape: (String) -> String = { $0 }) -> String {
        (try? TemplateText(text))?.render(variables, escape: escape) ?? text
    }

    /// The command that runs a script sent on stdin: saved to a private temporary file, run by its interpreter with
    /// the run's variables as `DRM_…` environment variables, then removed.
    func scriptCommand(_ script: ActionSpec.Script) -> String {
        let environment = variables.sorted { $0.key < $1.key }.map { name, value in
            "DRM_" + name.uppercased().replacing(".", with: "_") + "=" + TemplateText.shellQuoted(value)
        }
        let arguments = script.arguments.map { TemplateText.shellQuoted(render($0)) }
        return
            #"f=$(mktemp) || exit 125; cat > "$f"; chmod 700 "$f"; "#
            + (environment + [script.interpreter, #""$f""#] + arguments).joined(separator: " ")
            + #"; rc=$?; rm -f "$f"; exit $rc"#
    }

    func shell(
        _ command: String, input: Data?, expected: [Int], on connection: SSHConnection?, action: Action,
        timeout: Duration, shown: String? = nil
    ) async throws -> ActionOutcome {
        guard let connection else { throw ActionError("no SSH connection") }
        let lines = OutputLines(plan: plan, recorder: recorder, limit: context.logLinesPerAction, now: context.now)
        let result = try await connection.execute(command, input: input, timeout: timeout) { chunk in
            lines.append(chunk)
        }
        lines.finish()
        let ok = result.exitCode.map(expected.contains) ?? false
        let stdout = result.stdoutText
        let stderr = result.stderrText
        return ActionOutcome(
            status: ok ? .completed : .failed, output: stdout,
            error: ok
                ? (stderr.isEmpty ? nil : stderr)
                : result.exitSignal.map { "killed by signal \($0)" }
                    ?? (stderr.isEmpty ? "exit code \(result.exitCode ?? -1)" : stderr),
            exitCode: result.exitCode, command: shown ?? command, truncated: result.truncated)
    }

    func fileTransfer(_ transfer: ActionSpec.FileTransfer, on connection: SSHConnection?, timeout: Duration)
        async throws -> ActionOutcome
    {
        guard let connection else { throw ActionError("no SSH connection") }
        let remotePath = render(transfer.remotePath)
        switch transfer.direction {
        case .upload:
            let data: Data
            switch transfer.source {
            case .text(let text)?: data = Data(render(text).utf8)
            case .bytes(let bytes)?: data = bytes
            case .serverFile(let path)?:
                let url = context.filesDirectory.appending(path: path)
                guard let bytes = FileManager.default.contents(atPath: url.path) else {
                    throw ActionError("the server has no file '\(path)' in \(context.filesDirectory.path)")
                }
                data = bytes
            case nil: throw ActionError("nothing to upload")
            }
            let upload = try await connection.upload(data, to: remotePath, mode: transfer.mode, timeout: timeout)
            return ActionOutcome(
                status: .completed, output: "uploaded \(upload.bytes) bytes to \(remotePath), sha256 \(upload.sha256)",
                command: "scp -t \(remotePath)")
        case .download:
            let folder = context.downloadsDirectory.appending(path: context.executionSerial)
                .appending(path: Self.safeName(plan.target.name))
            let file = folder.appending(path: Self.safeName((remotePath as NSString).lastPathComponent))
            // Streamed to disk as it arrives: a download is never held in memory.
            let download = try await connection.download(
                from: remotePath, to: file, maxBytes: transfer.maxBytes, timeout: timeout)
            return ActionOutcome(
                status: .completed,
                output:
                    "downloaded \(download.bytes) bytes from \(remotePath) to \(file.path), sha256 \(download.sha256)",
                command: "scp -f \(remotePath)")
        }
    }

    func http(_ request: ActionSpec.HTTPRequest, timeout: Duration) async throws -> ActionOutcome {
        var url = render(request.url, escape: TemplateText.urlComponent)
        var headers: [(name: String, value: String)] = []
        var verifyTLS = true
        if request.isRelative {
            guard let api = plan.api else { throw ActionError("the target has no REST API method") }
            url = api.config.baseURL.trimmingSuffix("/") + url
            verifyTLS = api.config.verifyTLS
            headers = api.config.defaultHeaders.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            do throws(CredentialLoginError) {
                headers += try api.login.get().httpHeaders
            } catch {
                throw ActionError(error.description, category: .authentication)
            }
        }
        headers += request.headers.sorted { $0.key < $1.key }.map { ($0.key, render($0.value)) }
        let response = try await context.http.execute(
            .init(
                method: request.method, url: url, headers: headers, body: request.body.map { Data(render($0).utf8) },
                timeout: timeout, verifyTLS: verifyTLS, maxResponseBytes: context.ssh.outputLimit))
        let ok = request.accepts(status: response.status)
        recorder.log(
            branch: plan, .actionExecution, .info, .communication, "\(request.method) \(url) → \(response.status)",
            details: ["status": .number(Double(response.status))])
        return ActionOutcome(
            status: ok ? .completed : .failed, output: response.bodyText,
            error: ok ? nil : "HTTP status \(response.status) is not an expected one", exitCode: response.status,
            command: "\(request.method) \(url)", truncated: response.truncated)
    }

    static func safeName(_ name: String) -> String {
        let cleaned = String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        return cleaned.isEmpty || cleaned.allSatisfy { $0 == "." } ? "_" : cleaned
    }
}

/// Splits a command's output into lines and logs each (up to a limit per action), as it arrives.
final class OutputLines: Sendable {
    private struct State {
        var partial: [OutputChunk.Stream: String] = [:]
        var logged = 0
    }

    let plan: BranchPlan
    let recorder: ExecutionRecorder
    let limit: Int
    let now: @Sendable () -> Date
    private let state = Mutex(State())

    init(plan: BranchPlan, recorder: ExecutionRecorder, limit: Int, now: @escaping @Sendable () -> Date) {
        self.plan = plan
        self.recorder = recorder
        self.limit = limit
        self.now = now
    }

    func append(_ chunk: OutputChunk) {
        let text = String(decoding: chunk.data, as: UTF8.self)
        let lines: [String] = state.withLock { state in
            var buffer = (state.partial[chunk.stream] ?? "") + text
            var complete: [String] = []
            while let newline = buffer.firstIndex(of: "\n") {
                complete.append(String(buffer[..<newline]))
                buffer = String(buffer[buffer.index(after: newline)...])
            }
            state.partial[chunk.stream] = buffer
            return take(complete, &state)
        }
        for line in lines { emit(line, stream: chunk.stream) }
    }

    func finish() {
        let rest: [(OutputChunk.Stream, String)] = state.withLock { state in
            let partial = state.partial.filter { !$0.value.isEmpty }.sorted { $0.key.rawValue < $1.key.rawValue }
            state.partial = [:]
            return partial.flatMap { stream, text in take([text], &state).map { (stream, $0) } }
        }
        for (stream, line) in rest { emit(line, stream: stream) }
    }

    private func take(_ lines: [String], _ state: inout State) -> [String] {
        let room = max(0, limit - state.logged)
        let kept = Array(lines.prefix(room))
        state.logged += lines.count
        if lines.count > room, state.logged - lines.count <= limit {
            return kept + ["… (the log keeps the first \(limit) lines of each action; the result keeps the output)"]
        }
        return kept
    }

    private func emit(_ line: String, stream: OutputChunk.Stream) {
        recorder.log(
            ExecutionLogLine(
                branchID: plan.id, targetName: plan.target.name, endpoint: plan.endpoint, phase: .actionExecution,
                level: stream == .stderr ? .warning : .info, category: .commandExecution, message: line,
                details: ["stream": .string(stream.rawValue)], timestamp: now()))
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
