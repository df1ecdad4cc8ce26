import DRMCore
import Foundation
import Testing

@Suite struct ActionSpecTests {
    static func spec(
        _ type: ActionType, _ parameters: JSONValue?, config: JSONValue? = nil, name: String = "step", index: Int = 0
    ) throws(FieldError) -> ActionSpec {
        try ActionSpec(type: type, name: name, parameters: parameters, config: config, index: index)
    }

    /// The error reading the action throws, or nil.
    static func error(
        _ type: ActionType, _ parameters: JSONValue?, config: JSONValue? = nil, name: String = "step", index: Int = 0
    ) -> FieldError? {
        do {
            _ = try spec(type, parameters, config: config, name: name, index: index)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Happy paths

    @Test func command() throws {
        let spec = try Self.spec(
            .command, ["command": "uptime", "working_directory": "/tmp", "expected_exit_codes": [0, 3]])
        guard case .command(let command) = spec.kind else { Issue.record("not a command"); return }
        #expect(command.command == "uptime")
        #expect(command.workingDirectory == "/tmp")
        #expect(command.expectedExitCodes == [0, 3])
        #expect(spec.type == .command && spec.name == "step")
        #expect(spec.policy == ActionPolicy())
        #expect(spec.requiredMethod == .ssh)
        guard case .command(let bare) = try Self.spec(.command, ["command": "ls"]).kind else {
            Issue.record("not a command")
            return
        }
        #expect(bare.workingDirectory == nil)
        #expect(bare.expectedExitCodes == [0])
    }

    @Test func script() throws {
        let spec = try Self.spec(.script, ["content": "echo hi", "arguments": ["-x", "{{version}}"]])
        guard case .script(let script) = spec.kind else { Issue.record("not a script"); return }
        #expect(script.content == "echo hi")
        #expect(script.interpreter == "/bin/sh")
        #expect(script.arguments == ["-x", "{{version}}"])
        #expect(script.expectedExitCodes == [0])
        #expect(spec.requiredMethod == .ssh)
        let bash = try Self.spec(.script, ["content": "x", "interpreter": "/bin/bash", "expected_exit_codes": [1]])
        guard case .script(let other) = bash.kind else { Issue.record("not a script"); return }
        #expect(other.interpreter == "/bin/bash")
        #expect(other.arguments == [])
        #expect(other.expectedExitCodes == [1])
    }

    @Test func fileTransferUploads() throws {
        let text = try Self.spec(.fileTransfer, ["remote_path": "/etc/app.conf", "content": "a=1", "mode": "0600"])
        guard case .fileTransfer(let upload) = text.kind else { Issue.record("not a transfer"); return }
        #expect(upload.direction == .upload)
        #expect(upload.source == .text("a=1"))
        #expect(upload.remotePath == "/etc/app.conf")
        #expect(upload.mode == 0o600)
        #expect(upload.maxBytes == 100 << 20)
        let bytes = try Self.spec(.fileTransfer, ["remote_path": "/bin/x", "content_base64": "AAEC"])
        guard case .fileTransfer(let transfer) = bytes.kind else { Issue.record("not a transfer"); return }
        #expect(transfer.source == .bytes(Data([0, 1, 2])))
        #expect(transfer.mode == 0o644)
        let file = try Self.spec(.fileTransfer, ["remote_path": "/opt/a.tgz", "source": "releases/a.tgz"])
        guard case .fileTransfer(let served) = file.kind else { Issue.record("not a transfer"); return }
        #expect(served.source == .serverFile("releases/a.tgz"))
        #expect(file.requiredMethod == .ssh)
    }

    @Test func fileTransferDownloads() throws {
        let spec = try Self.spec(
            .fileTransfer, ["direction": "download", "remote_path": "/var/log/syslog", "max_bytes": 1024])
        guard case .fileTransfer(let transfer) = spec.kind else { Issue.record("not a transfer"); return }
        #expect(transfer.direction == .download)
        #expect(transfer.source == nil)
        #expect(transfer.maxBytes == 1024)
        #expect(transfer.remotePath == "/var/log/syslog")
    }

    @Test func httpRequest() throws {
        let spec = try Self.spec(
            .httpRequest,
            [
                "method": "post", "url": "https://example.com/hook", "headers": ["X-A": "1"], "body": "{}",
                "expected_status": [201, 202],
            ])
        guard case .httpRequest(let request) = spec.kind else { Issue.record("not a request"); return }
        #expect(request.method == "POST")
        #expect(request.url == "https://example.com/hook")
        #expect(request.headers == ["X-A": "1"])
        #expect(request.body == "{}")
        #expect(request.accepts(status: 201) && request.accepts(status: 202) && !request.accepts(status: 200))
        #expect(spec.requiredMethod == nil, "an absolute URL needs no method of the target")

        let relative = try Self.spec(.httpRequest, ["url": "/api/health"])
        guard case .httpRequest(let get) = relative.kind else { Issue.record("not a request"); return }
        #expect(get.method == "GET")
        #expect(get.isRelative)
        #expect(get.accepts(status: 204) && !get.accepts(status: 301) && !get.accepts(status: 199))
        #expect(relative.requiredMethod == .restAPI)
    }

    @Test func config() throws {
        let spec = try Self.spec(
            .command, ["command": "x"],
            config: [
                "timeout_seconds": 60, "continue_on_error": true, "retries": 2, "retry_backoff_seconds": 0.5,
                "idempotent": true,
            ])
        #expect(
            spec.policy
                == ActionPolicy(
                    timeoutSeconds: 60, continueOnError: true, retries: 2, retryBackoffSeconds: 0.5, idempotent: true))
    }

    @Test func backoffDoubles() {
        let policy = ActionPolicy(retries: 5, retryBackoffSeconds: 1.5)
        #expect((1...5).map { policy.backoff(beforeRetry: $0) } == [1.5, 3, 6, 12, 24])
        #expect(policy.backoff(beforeRetry: 0) == 1.5)
        #expect(ActionPolicy(retryBackoffSeconds: 1).backoff(beforeRetry: 100) == 65_536, "capped at 2^16")
    }

    // MARK: Field errors

    @Test(
        arguments: [ParameterCase]([
            // Command.
            ParameterCase(.command, [:], "parameters.command", "must not be empty"),
            ParameterCase(.command, ["command": "  "], "parameters.command", "must not be empty"),
            ParameterCase(.command, ["command": 5], "parameters.command", "must be a string"),
            ParameterCase(
                .command, ["command": "ls", "colour": "red"], "parameters.colour",
                "unknown key for command; keys: command, expected_exit_codes, working_directory"
            ),
            ParameterCase(
                .command, ["command": "ls", "expected_exit_codes": [0, 256]], "parameters.expected_exit_codes.1",
                "must be 0…255"),
            ParameterCase(
                .command, ["command": "ls", "expected_exit_codes": [-1]], "parameters.expected_exit_codes.0",
                "must be 0…255"),
            ParameterCase(
                .command, ["command": "ls", "expected_exit_codes": [1.5]], "parameters.expected_exit_codes.0",
                "must be 0…255"),
            ParameterCase(
                .command, ["command": "ls", "expected_exit_codes": [1e20]], "parameters.expected_exit_codes.0",
                "must be 0…255"),
            ParameterCase(
                .command, ["command": "ls", "expected_exit_codes": []], "parameters.expected_exit_codes",
                "must be a list of whole numbers"
            ),
            ParameterCase(.command, "ls", "parameters", "must be a JSON object"),
            // Script.
            ParameterCase(.script, ["content": ""], "parameters.content", "must not be empty"),
            ParameterCase(
                .script, ["content": "x", "interpreter": "bash\nrm"], "parameters.interpreter",
                "must be a command such as /bin/bash"),
            ParameterCase(
                .script, ["content": "x", "arguments": ["a", 1]], "parameters.arguments.1", "must be a string"),
            ParameterCase(
                .script, ["content": "x", "arguments": "a"], "parameters.arguments", "must be a list of strings"),
            // File transfer.
            ParameterCase(.fileTransfer, ["content": "x"], "parameters.remote_path", "must not be empty"),
            ParameterCase(
                .fileTransfer, ["remote_path": "/a", "direction": "sideways", "content": "x"], "parameters.direction",
                "must be one of upload, download"
            ),
            ParameterCase(
                .fileTransfer, ["remote_path": "/a", "content": "x", "source": "a.txt"], "parameters.content",
                "an upload takes exactly one of content, content_base64, source"
            ),
            ParameterCase(
                .fileTransfer, ["remote_path": "/a"], "parameters.content",
                "an upload takes exactly one of content, content_base64, source"
            ),
            ParameterCase(
                .fileTransfer, ["remote_path": "/a", "direction": "download", "content": "x"], "parameters.direction",
                "a download takes no content, content_base64 or source"
            ),
            ParameterCase(
                .fileTransfer, ["remote_path": "/a", "content": "x", "mode": "999"], "parameters.mode",
                "must be an octal mode such as 0644"),
            ParameterCase(
                .fileTransfer, ["remote_path": "/a", "content": "x", "mode": "17777"], "parameters.mode",
                "must be an octal mode such as 0644"),
            ParameterCase(
                .fileTransfer, ["remote_path": "/a", "content_base64": "!!"], "parameters.content_base64",
                "must be base64"),
            ParameterCase(
                .fileTransfer, ["remote_path": "/a", "source": "../etc/passwd"], "parameters.source",
                "must be a relative path under the server's files folder"
            ),
            ParameterCase(
                .fileTransfer, ["remote_path": "/a", "source": "/etc/passwd"], "parameters.source",
                "must be a relative path under the server's files folder"
            ),
            ParameterCase(
                .fileTransfer, ["remote_path": "/a", "content": "x", "max_bytes": 0], "parameters.max_bytes",
                "must be 1…1073741824"),
            // HTTP request.
            ParameterCase(.httpRequest, ["method": "GET"], "parameters.url", "must not be empty"),
            ParameterCase(
                .httpRequest, ["url": "example.com/x"], "parameters.url",
                "must be an http(s):// URL or a path starting with / (on the target's REST API)"
            ),
            ParameterCase(
                .httpRequest, ["url": "ftp://example.com/x"], "parameters.url",
                "must be an http(s):// URL or a path starting with / (on the target's REST API)"
            ),
            ParameterCase(
                .httpRequest, ["url": "/x", "method": "TRACE"], "parameters.method",
                "must be one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
            ),
            ParameterCase(
                .httpRequest, ["url": "/x", "headers": ["X-A": "a\r\nX-B: b"]], "parameters.headers.X-A",
                "must be one line"),
            ParameterCase(
                .httpRequest, ["url": "/x", "headers": ["X-A": 1]], "parameters.headers.X-A", "must be a string"),
            ParameterCase(
                .httpRequest, ["url": "/x", "expected_status": [99]], "parameters.expected_status.0", "must be 100…599"),
        ]))
    func parameterError(_ error: ParameterCase) {
        #expect(
            Self.error(error.type, error.parameters, index: 2)
                == FieldError(field: "actions.2." + error.field, message: error.message))
    }

    static let configErrors: [(JSONValue, String, String)] = [
        (["timeout_seconds": 0], "config.timeout_seconds", "must be 1…86400"),
        (["timeout_seconds": 86_401], "config.timeout_seconds", "must be 1…86400"),
        (["timeout_seconds": "60"], "config.timeout_seconds", "must be a whole number"),
        (["retries": 11], "config.retries", "must be 0…10"),
        (["retries": -1], "config.retries", "must be 0…10"),
        (["retry_backoff_seconds": 3601], "config.retry_backoff_seconds", "must be 0.0…3600.0"),
        (["continue_on_error": "yes"], "config.continue_on_error", "must be true or false"),
        (
            ["retry": 1], "config.retry",
            "unknown key for an action's config; keys: continue_on_error, idempotent, retries, retry_backoff_seconds, timeout_seconds"
        ),
        ([1], "config", "must be a JSON object"),
    ]

    @Test(arguments: configErrors)
    func configError(config: JSONValue, field: String, message: String) {
        #expect(
            Self.error(.command, ["command": "ls"], config: config)
                == FieldError(field: "actions.0." + field, message: message))
    }

    @Test(arguments: ["", "   ", String(repeating: "a", count: 256)])
    func actionNames(name: String) {
        #expect(
            Self.error(.command, ["command": "ls"], name: name, index: 4)
                == FieldError(field: "actions.4.action_name", message: "must be 1…255 characters"))
    }

    @Test func nullParametersAreAnEmptyObject() {
        #expect(
            Self.error(.command, nil) == FieldError(field: "actions.0.parameters.command", message: "must not be empty")
        )
        #expect(Self.error(.command, ["command": "ls", "working_directory": .null]) == nil)
    }

    // MARK: Variables

    @Test func variablesMustBeOptionsOrBuiltins() throws {
        let spec = try Self.spec(.command, ["command": "deploy {{version}} to {{target.host}} as {{job.serial}}"])
        try spec.checkVariables(options: ["version"], index: 1)
        #expect(
            throws: FieldError(
                field: "actions.1.parameters.command",
                message: "{{version}} is neither an option of the job nor a builtin")
        ) {
            try spec.checkVariables(options: [], index: 1)
        }
    }

    @Test func everyBuiltinIsAccepted() throws {
        let text = TemplateText.builtins.sorted().map { "{{\($0)}}" }.joined(separator: " ")
        #expect(TemplateText.builtins.count == 10)
        try Self.spec(.command, ["command": .string(text)]).checkVariables(options: [], index: 0)
    }

    static let unknownVariables: [(ActionType, JSONValue, String)] = [
        (.command, ["command": "ls", "working_directory": "/{{dir}}"], "working_directory"),
        (.script, ["content": "echo {{ignored}}", "arguments": ["a", "{{dir}}"]], "arguments.1"),
        (.fileTransfer, ["remote_path": "/{{dir}}/a", "content": "x"], "remote_path"),
        (.fileTransfer, ["remote_path": "/a", "content": "v={{dir}}"], "content"),
        (.httpRequest, ["url": "/x/{{dir}}"], "url"),
        (.httpRequest, ["url": "/x", "body": "{{dir}}"], "body"),
        (.httpRequest, ["url": "/x", "headers": ["X-B": "ok", "X-Token": "{{dir}}"]], "headers.X-Token"),
    ]

    @Test(arguments: unknownVariables)
    func unknownVariablesAreNamedWithTheirField(type: ActionType, parameters: JSONValue, field: String) throws {
        let spec = try Self.spec(type, parameters)
        #expect(
            throws: FieldError(
                field: "actions.3.parameters." + field, message: "{{dir}} is neither an option of the job nor a builtin"
            )
        ) {
            try spec.checkVariables(options: ["version"], index: 3)
        }
        try spec.checkVariables(options: ["dir"], index: 3)
    }

    @Test func malformedTemplatesAreNamed() throws {
        let spec = try Self.spec(.command, ["command": "echo {{oops"])
        #expect(
            throws: FieldError(field: "actions.0.parameters.command", message: "has '{{' without a closing '}}'")
        ) {
            try spec.checkVariables(options: [], index: 0)
        }
    }
}

/// One refused action: its type and parameters, and the field (under `actions.2.`) and message of the error.
struct ParameterCase: Sendable, CustomTestStringConvertible {
    var type: ActionType
    var parameters: JSONValue
    var field: String
    var message: String

    init(_ type: ActionType, _ parameters: JSONValue, _ field: String, _ message: String) {
        self.type = type
        self.parameters = parameters
        self.field = field
        self.message = message
    }

    var testDescription: String { "\(type.rawValue) \(field)" }
}
