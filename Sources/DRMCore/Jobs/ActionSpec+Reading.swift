import Foundation

extension ActionSpec.Command {
    init(reading reader: inout FieldReader) throws(FieldError) {
        guard let command = try reader.string("command"), !command.trimmingSpaces.isEmpty else {
            throw FieldError(field: reader.field("command"), message: "must not be empty")
        }
        self.command = command
        workingDirectory = try reader.string("working_directory")
        expectedExitCodes = try reader.integerList("expected_exit_codes", in: 0...255) ?? [0]
    }
}

extension ActionSpec.Script {
    init(reading reader: inout FieldReader) throws(FieldError) {
        guard let content = try reader.string("content"), !content.trimmingSpaces.isEmpty else {
            throw FieldError(field: reader.field("content"), message: "must not be empty")
        }
        self.content = content
        interpreter = try reader.string("interpreter") ?? "/bin/sh"
        guard !interpreter.trimmingSpaces.isEmpty, !interpreter.contains(where: \.isNewline) else {
            throw FieldError(field: reader.field("interpreter"), message: "must be a command such as /bin/bash")
        }
        arguments = try reader.stringList("arguments") ?? []
        expectedExitCodes = try reader.integerList("expected_exit_codes", in: 0...255) ?? [0]
    }
}

extension ActionSpec.FileTransfer {
    init(reading reader: inout FieldReader) throws(FieldError) {
        direction = try reader.choice("direction", default: Direction.upload)
        guard let path = try reader.string("remote_path"), !path.trimmingSpaces.isEmpty else {
            throw FieldError(field: reader.field("remote_path"), message: "must not be empty")
        }
        remotePath = path
        maxBytes = try reader.integer("max_bytes", in: 1...(1 << 30), default: 100 << 20)
        let modeText = try reader.string("mode") ?? "0644"
        guard let mode = Int(modeText, radix: 8), (0...0o7777).contains(mode) else {
            throw FieldError(field: reader.field("mode"), message: "must be an octal mode such as 0644")
        }
        self.mode = mode
        let text = try reader.string("content")
        let base64 = try reader.string("content_base64")
        let serverFile = try reader.string("source")
        switch (direction, text, base64, serverFile) {
        case (.download, nil, nil, nil):
            source = nil
        case (.download, _, _, _):
            throw FieldError(
                field: reader.field("direction"), message: "a download takes no content, content_base64 or source")
        case (.upload, let text?, nil, nil):
            source = .text(text)
        case (.upload, nil, let base64?, nil):
            guard let bytes = Data(base64Encoded: base64) else {
                throw FieldError(field: reader.field("content_base64"), message: "must be base64")
            }
            source = .bytes(bytes)
        case (.upload, nil, nil, let file?):
            let parts = file.split(separator: "/")
            guard !file.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0 == "." }) else {
                throw FieldError(
                    field: reader.field("source"), message: "must be a relative path under the server's files folder")
            }
            source = .serverFile(file)
        case (.upload, _, _, _):
            throw FieldError(
                field: reader.field("content"),
                message: "an upload takes exactly one of content, content_base64, source")
        }
    }
}

extension ActionSpec.HTTPRequest {
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    init(reading reader: inout FieldReader) throws(FieldError) {
        method = (try reader.string("method") ?? "GET").uppercased()
        guard Self.methods.contains(method) else {
            throw FieldError(
                field: reader.field("method"),
                message: "must be one of \(Self.methods.sorted().joined(separator: ", "))")
        }
        guard let url = try reader.string("url"), !url.isEmpty else {
            throw FieldError(field: reader.field("url"), message: "must not be empty")
        }
        let lowered = url.lowercased()
        guard url.hasPrefix("/") || lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw FieldError(
                field: reader.field("url"),
                message: "must be an http(s):// URL or a path starting with / (on the target's REST API)")
        }
        self.url = url
        headers = try reader.stringMap("headers")
        for (name, value) in headers where name.isEmpty || (name + value).contains(where: \.isNewline) {
            throw FieldError(field: reader.field("headers.\(name)"), message: "must be one line")
        }
        body = try reader.string("body")
        expectedStatus = try reader.integerList("expected_status", in: 100...599) ?? []
    }

    /// Whether `status` counts as success.
    public func accepts(status: Int) -> Bool {
        expectedStatus.isEmpty ? (200...299).contains(status) : expectedStatus.contains(status)
    }
}
