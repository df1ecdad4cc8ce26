import DRMCore
import DRMEngine
import Foundation

/// One field of the job form's action rows: a parameter of one action type (or a setting of every action's
/// config) with its own input, read into the JSON the engine checks and drawn back from it.
///
/// Every row posts every field of every type (the script only hides the other types' fields), so the parallel
/// lists of the form stay aligned; a row reads the fields of its own type.
struct ActionField: Sendable {
    /// How the field is typed in and what JSON it becomes.
    enum Kind: Sendable, Equatable {
        /// One line of text: a string.
        case line
        /// Text of several lines, kept as written (line ends made `\n`): a string.
        case text
        /// One string per line: a list of strings.
        case lines
        /// Whole numbers separated by commas or spaces: a list of numbers.
        case numbers
        /// One of fixed values: a string.
        case choice([String])
        /// A whole number.
        case integer
        /// A number, fractions allowed.
        case number
        /// `Name: value` per line: an object of strings.
        case headers
        /// yes or no: `true`, or nothing.
        case flag
    }

    /// The parameter's key, as the API spells it.
    var key: String
    var label: String
    var kind: Kind
    var placeholder = ""

    /// The scope of the config fields, shared by every action type.
    static let configScope = "config"

    /// The form's name of this field in `scope` (an action type, or ``configScope``).
    func name(in scope: String) -> String { "field[\(scope).\(key)][]" }

    /// The key of this field in ``JobForm/field``.
    func formKey(in scope: String) -> String { "\(scope).\(key)" }

    /// The fields of each action type's parameters.
    static func parameters(of type: ActionType) -> [ActionField] {
        switch type {
        case .command:
            [
                .init(key: "command", label: "Command", kind: .text, placeholder: "uptime"),
                .init(key: "working_directory", label: "Working directory", kind: .line, placeholder: "/tmp"),
                .init(key: "expected_exit_codes", label: "Exit codes that succeed", kind: .numbers, placeholder: "0"),
            ]
        case .script:
            [
                .init(key: "content", label: "Script", kind: .text, placeholder: "#!/bin/sh"),
                .init(key: "interpreter", label: "Interpreter", kind: .line, placeholder: "/bin/sh"),
                .init(key: "arguments", label: "Arguments (one a line)", kind: .lines),
                .init(key: "expected_exit_codes", label: "Exit codes that succeed", kind: .numbers, placeholder: "0"),
            ]
        case .fileTransfer:
            [
                .init(key: "direction", label: "Direction", kind: .choice(["upload", "download"])),
                .init(key: "remote_path", label: "Remote path", kind: .line, placeholder: "/etc/motd"),
                .init(key: "mode", label: "Mode (upload)", kind: .line, placeholder: "0644"),
                .init(key: "content", label: "Content (upload)", kind: .text),
                .init(key: "source", label: "Or a server file (upload)", kind: .line, placeholder: "motd.txt"),
                .init(key: "max_bytes", label: "Largest size (download)", kind: .integer, placeholder: "104857600"),
            ]
        case .httpRequest:
            [
                .init(
                    key: "method", label: "Method",
                    kind: .choice(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])),
                .init(key: "url", label: "URL or path", kind: .line, placeholder: "https://… or /health"),
                .init(key: "headers", label: "Headers (Name: value, one a line)", kind: .headers),
                .init(key: "body", label: "Body", kind: .text),
                .init(key: "expected_status", label: "Statuses that succeed", kind: .numbers, placeholder: "any 2xx"),
            ]
        }
    }

    /// The fields of every action's config.
    static let config: [ActionField] = [
        .init(key: "timeout_seconds", label: "Time-out (s)", kind: .integer, placeholder: "300"),
        .init(key: "retries", label: "Retries", kind: .integer, placeholder: "0"),
        .init(key: "retry_backoff_seconds", label: "First retry after (s)", kind: .number, placeholder: "1"),
        .init(key: "continue_on_error", label: "Go on after a failure", kind: .flag),
        .init(key: "idempotent", label: "Safe to run twice", kind: .flag),
    ]

    /// Whether a value typed in says something (a choice or a flag always has a value, so it says nothing alone).
    func isFilled(_ text: String) -> Bool {
        switch kind {
        case .choice, .flag: false
        default: !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
    }

    /// The JSON value of `text` as typed in, `nil` when it is empty; a refusal names `field`.
    func value(_ text: String, field: String) throws(JobError) -> JSONValue? {
        let written = text.replacingOccurrences(of: "\r\n", with: "\n")
        let trimmed = written.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        switch kind {
        case .line, .choice: return .string(trimmed)
        case .text: return .string(written)
        case .lines:
            return .array(
                written.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    .map(JSONValue.string))
        case .numbers:
            let parts = trimmed.split(whereSeparator: { $0 == "," || $0.isWhitespace })
            var numbers: [JSONValue] = []
            for part in parts {
                guard let number = Int(part) else {
                    throw .invalid(field: field, message: "must be whole numbers separated by commas")
                }
                numbers.append(.number(Double(number)))
            }
            return .array(numbers)
        case .integer:
            guard let number = Int(trimmed) else { throw .invalid(field: field, message: "must be a whole number") }
            return .number(Double(number))
        case .number:
            guard let number = Double(trimmed), number.isFinite else {
                throw .invalid(field: field, message: "must be a number")
            }
            return .number(number)
        case .headers:
            var headers: [String: JSONValue] = [:]
            for line in written.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let colon = line.firstIndex(of: ":") else {
                    throw .invalid(field: field, message: "each line must be Name: value")
                }
                let name = line[..<colon].trimmingCharacters(in: .whitespaces)
                headers[name] = .string(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            return .object(headers)
        case .flag: return trimmed == "yes" ? .bool(true) : nil
        }
    }

    /// The text a stored value shows as in this field, or `nil` when the field can't show it (it then stays in
    /// the row's JSON).
    func text(of value: JSONValue) -> String? {
        switch (kind, value) {
        case (.line, .string(let text)) where !text.contains(where: \.isNewline): return text
        case (.text, .string(let text)): return text
        case (.choice(let values), .string(let text)) where values.contains(text.uppercased()):
            return text.uppercased()
        case (.choice(let values), .string(let text)) where values.contains(text): return text
        case (.lines, .array(let items)):
            let texts = items.compactMap { item -> String? in
                guard case .string(let text) = item, !text.contains(where: \.isNewline), !text.isEmpty else {
                    return nil
                }
                return text
            }
            return texts.count == items.count ? texts.joined(separator: "\n") : nil
        case (.numbers, .array(let items)):
            let numbers = items.compactMap(Self.whole)
            return numbers.count == items.count ? numbers.map(String.init).joined(separator: ", ") : nil
        case (.integer, _): return Self.whole(value).map(String.init)
        case (.number, .number(let number)): return Self.whole(value).map(String.init) ?? String(number)
        case (.headers, .object(let fields)):
            var lines: [String] = []
            for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
                guard case .string(let text) = value, !name.contains(":"), !(name + text).contains(where: \.isNewline)
                else { return nil }
                lines.append("\(name): \(text)")
            }
            return lines.joined(separator: "\n")
        case (.flag, .bool(let flag)): return flag ? "yes" : "no"
        default: return nil
        }
    }

    static func whole(_ value: JSONValue) -> Int? {
        guard case .number(let number) = value, number.rounded() == number, abs(number) < 1e15 else { return nil }
        return Int(number)
    }
}
