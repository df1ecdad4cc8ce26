public import Foundation

/// One action of a job, read and checked from its stored `action_type`, `action_parameters` and `action_config`.
///
/// Errors name the field as the API spells it: `actions.<index>.parameters.command`.
public struct ActionSpec: Sendable, Hashable {
    /// What the action does.
    public enum Kind: Sendable, Hashable {
        case command(Command)
        case script(Script)
        case fileTransfer(FileTransfer)
        case httpRequest(HTTPRequest)
    }

    /// A shell command, run by the target's login shell.
    public struct Command: Sendable, Hashable {
        public var command: String
        public var workingDirectory: String?
        public var expectedExitCodes: [Int]
    }

    /// A script, uploaded on stdin and run by `interpreter` with `arguments`; the run's parameters are in its
    /// environment as `DRM_<NAME>` (`DRM_VERSION`, `DRM_TARGET_HOST`).
    public struct Script: Sendable, Hashable {
        public var content: String
        public var interpreter: String
        public var arguments: [String]
        public var expectedExitCodes: [Int]
    }

    /// A file copied to or from the target over SCP, checked by size and SHA-256.
    public struct FileTransfer: Sendable, Hashable {
        public enum Direction: String, Sendable, Hashable, CaseIterable {
            case upload, download
        }

        /// Where an uploaded file's bytes come from.
        public enum Source: Sendable, Hashable {
            /// Text given in the action (variables are substituted).
            case text(String)
            /// Bytes given in the action as base64.
            case bytes(Data)
            /// A file under the server's `<data_dir>/files/`, by relative path.
            case serverFile(String)
        }

        public var direction: Direction
        /// Upload: the bytes to send. Download: nil.
        public var source: Source?
        /// Upload: the remote destination path. Download: the remote file to fetch.
        public var remotePath: String
        /// Upload: the file's mode (`0644`).
        public var mode: Int
        /// Download: the largest file accepted.
        public var maxBytes: Int
    }

    /// An HTTP request: an absolute `http(s)://` URL, or a path resolved against the target's REST API base URL.
    public struct HTTPRequest: Sendable, Hashable {
        public var method: String
        public var url: String
        public var headers: [String: String]
        public var body: String?
        /// The statuses that count as success (any 2xx when empty).
        public var expectedStatus: [Int]

        /// Whether `url` needs a target's REST API method to resolve against.
        public var isRelative: Bool { url.hasPrefix("/") }
    }

    public var type: ActionType
    public var name: String
    public var kind: Kind
    public var policy: ActionPolicy

    /// Reads action number `index` (0-based) of a job.
    public init(type: ActionType, name: String, parameters: JSONValue?, config: JSONValue?, index: Int)
        throws(FieldError)
    {
        let field = "actions.\(index)"
        guard !name.trimmingSpaces.isEmpty, name.count <= 255 else {
            throw FieldError(field: "\(field).action_name", message: "must be 1…255 characters")
        }
        var reader = try FieldReader(parameters ?? .object([:]), prefix: "\(field).parameters")
        switch type {
        case .command: kind = .command(try Command(reading: &reader))
        case .script: kind = .script(try Script(reading: &reader))
        case .fileTransfer: kind = .fileTransfer(try FileTransfer(reading: &reader))
        case .httpRequest: kind = .httpRequest(try HTTPRequest(reading: &reader))
        }
        try reader.finish(kind: type.rawValue)
        self.type = type
        self.name = name
        policy = try ActionPolicy(config, field: "\(field).config")
    }

    /// The communication method the action needs on every target it runs on, if any.
    public var requiredMethod: CommunicationMethodConfig.MethodType? {
        switch kind {
        case .command, .script, .fileTransfer: .ssh
        case .httpRequest(let request): request.isRelative ? .restAPI : nil
        }
    }

    /// The texts in which `{{…}}` variables are substituted, by field.
    public var templates: [(field: String, text: String)] {
        switch kind {
        case .command(let command):
            [("command", command.command)] + (command.workingDirectory.map { [("working_directory", $0)] } ?? [])
        case .script(let script):
            script.arguments.enumerated().map { ("arguments.\($0.offset)", $0.element) }
        case .fileTransfer(let transfer):
            if case .text(let text)? = transfer.source {
                [("remote_path", transfer.remotePath), ("content", text)]
            } else {
                [("remote_path", transfer.remotePath)]
            }
        case .httpRequest(let request):
            [("url", request.url)] + (request.body.map { [("body", $0)] } ?? [])
                + request.headers.sorted { $0.key < $1.key }.map { ("headers.\($0.key)", $0.value) }
        }
    }

    /// Checks that every `{{…}}` in the action names a builtin or one of `options`.
    public func checkVariables(options: Set<String>, index: Int) throws(FieldError) {
        for (field, text) in templates {
            let path = "actions.\(index).parameters.\(field)"
            let template: TemplateText
            do { template = try TemplateText(text) } catch { throw FieldError(field: path, error) }
            for name in template.variables where !options.contains(name) && !TemplateText.builtins.contains(name) {
                throw FieldError(field: path, message: "{{\(name)}} is neither an option of the job nor a builtin")
            }
        }
    }
}
