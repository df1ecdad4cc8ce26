import Foundation

/// A declared, typed run-time parameter of a job (`{{name}}` in its actions), with an optional default.
public struct JobOption: Sendable, Hashable, Codable {
    /// The types a parameter can have.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case string, integer, boolean
    }

    /// Letters, digits and `_`, starting with a letter: what `{{…}}` refers to.
    public var name: String
    public var type: Kind
    /// Whether a run must give a value when there is no default.
    public var required: Bool
    /// The value when a run gives none.
    public var defaultValue: JSONValue?
    /// For strings: the only values allowed, when not empty.
    public var allowed: [String]
    public var description: String?
    /// Whether values are secret (a password, a token): a run's value is masked as ``masked`` in its parameters,
    /// logs, outputs, exports and pages. A secret option is a string without a default.
    public var secret: Bool

    /// What a secret value is shown as.
    public static let masked = "********"

    public init(
        name: String, type: Kind = .string, required: Bool = false, defaultValue: JSONValue? = nil,
        allowed: [String] = [], description: String? = nil, secret: Bool = false
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.allowed = allowed
        self.description = description
        self.secret = secret
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, type, required, allowed, description, secret
        case defaultValue = "default"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decodeIfPresent(Kind.self, forKey: .type) ?? .string
        required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        defaultValue = try container.decodeIfPresent(JSONValue.self, forKey: .defaultValue)
        allowed = try container.decodeIfPresent([String].self, forKey: .allowed) ?? []
        description = try container.decodeIfPresent(String.self, forKey: .description)
        secret = try container.decodeIfPresent(Bool.self, forKey: .secret) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        try container.encode(required, forKey: .required)
        try container.encodeIfPresent(defaultValue, forKey: .defaultValue)
        try container.encode(allowed, forKey: .allowed)
        try container.encodeIfPresent(description, forKey: .description)
        // Written only when set, so jobs without secret options read and compare as before.
        if secret { try container.encode(true, forKey: .secret) }
    }

    /// `parameters` with the values of the secret `options` replaced by ``masked``: what is shown, logged and
    /// exported of a run's parameters.
    public static func masked(_ parameters: [String: JSONValue], options: [JobOption]) -> [String: JSONValue] {
        let secret = Set(options.filter(\.secret).map(\.name))
        var shown = parameters
        for name in shown.keys where secret.contains(name) { shown[name] = .string(masked) }
        return shown
    }

    /// The values of the secret `options` in `parameters`: masked wherever a run's output could repeat them (like
    /// credentials, values under 4 characters are left out: masking them would garble ordinary output).
    public static func secretValues(_ parameters: [String: JSONValue], options: [JobOption]) -> [String] {
        options.filter(\.secret).compactMap { parameters[$0.name]?.plainText }.filter { $0.count >= 4 }
    }

    /// Checks a job's options: valid, distinct names and defaults of the declared type (errors name `options.N…`).
    public static func validate(_ options: [JobOption]) throws(FieldError) {
        var seen: Set<String> = []
        for (index, option) in options.enumerated() {
            let field = "options.\(index)"
            guard TemplateText.isVariableName(option.name), !option.name.contains(".") else {
                throw FieldError(
                    field: "\(field).name", message: "must be letters, digits and _, starting with a letter")
            }
            guard seen.insert(option.name).inserted else {
                throw FieldError(field: "\(field).name", message: "'\(option.name)' is declared twice")
            }
            if let value = option.defaultValue {
                // Every reader of the job sees its definition, so a secret can't be its default.
                guard !option.secret else {
                    throw FieldError(field: "\(field).default", message: "a secret option can't have a default")
                }
                _ = try option.coerce(value, field: "\(field).default")
            }
            if option.secret && option.type != .string {
                throw FieldError(field: "\(field).secret", message: "only a string option can be secret")
            }
        }
    }

    /// `value` as this option's type: a JSON value of the type, or text that spells one (from the CLI or a form).
    public func coerce(_ value: JSONValue, field: String) throws(FieldError) -> JSONValue {
        switch (type, value) {
        case (.string, .string(let text)):
            guard allowed.isEmpty || allowed.contains(text) else {
                throw FieldError(field: field, message: "must be one of \(allowed.joined(separator: ", "))")
            }
            return value
        case (.string, .number), (.string, .bool):
            return try coerce(.string(value.plainText), field: field)
        case (.integer, .number(let number)) where number.rounded() == number && abs(number) < 1e15:
            return value
        case (.integer, .string(let text)):
            guard let number = Int(text.trimmingSpaces) else { break }
            return .number(Double(number))
        case (.boolean, .bool):
            return value
        case (.boolean, .string(let text)):
            switch text.lowercased() {
            case "true", "yes", "1": return .bool(true)
            case "false", "no", "0": return .bool(false)
            default: break
            }
        default: break
        }
        let expected = ["string": "a string", "integer": "a whole number", "boolean": "true or false"][type.rawValue]!
        throw FieldError(field: field, message: "must be \(expected)")
    }

    /// The parameters of one run: the given values checked against `options`, plus the defaults. Unknown names,
    /// missing required values and values of the wrong type are refused, naming `parameters.<name>`.
    public static func resolve(_ options: [JobOption], given: [String: JSONValue]) throws(FieldError)
        -> [String: JSONValue]
    {
        let declared = Dictionary(options.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        if let unknown = given.keys.filter({ declared[$0] == nil }).sorted().first {
            throw FieldError(field: "parameters.\(unknown)", message: "is not an option of this job")
        }
        var resolved: [String: JSONValue] = [:]
        for option in options {
            let field = "parameters.\(option.name)"
            if option.required, option.type == .string, case .string(let text)? = given[option.name],
                text.trimmingSpaces.isEmpty
            {
                // A required string needs something in it: an empty one is as good as none (#14 item 14).
                throw FieldError(field: field, message: "is required and must not be empty")
            }
            if let value = given[option.name], value != .null {
                resolved[option.name] = try option.coerce(value, field: field)
            } else if let value = option.defaultValue {
                // A default may be text that spells the type (`"5"` for an integer): store it as the type.
                resolved[option.name] = try option.coerce(value, field: field)
            } else if option.required {
                throw FieldError(field: field, message: "is required")
            }
        }
        return resolved
    }
}

extension JSONValue {
    /// The value as text for a template: strings as they are, numbers without a needless `.0`, JSON otherwise.
    public var plainText: String {
        switch self {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        case .number(let number):
            if number.rounded() == number, abs(number) < 1e15 { return String(Int(number)) }
            return String(number)
        case .array, .object:
            return (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }
}
