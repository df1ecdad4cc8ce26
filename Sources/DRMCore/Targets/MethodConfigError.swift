/// Why a communication method's configuration was refused: the field at fault (e.g. `config.port`) and what is wrong.
public struct MethodConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field at fault, as the API spells it: `method_type`, `config`, `config.port`, `config.default_headers.X-A`.
    public var field: String
    /// What is wrong with it, e.g. `must be 1…65535`.
    public var message: String

    /// An error about `field`.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}

/// Reads one method type's fields from a JSON object, naming the field at fault and refusing keys it never read.
struct MethodConfigReader {
    let object: [String: JSONValue]
    private(set) var read: Set<String> = []

    init(_ config: JSONValue) throws(MethodConfigError) {
        guard case .object(let object) = config else {
            throw MethodConfigError(field: "config", message: "must be a JSON object")
        }
        self.object = object
    }

    static func field(_ key: String) -> String { "config.\(key)" }

    /// The value of `key`; `nil` when it is absent or null.
    mutating func value(_ key: String) -> JSONValue? {
        read.insert(key)
        switch object[key] {
        case .none, .null?: return nil
        case let value?: return value
        }
    }

    mutating func string(_ key: String) throws(MethodConfigError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, "a string") }
        return text
    }

    mutating func host(_ key: String = "host") throws(MethodConfigError) -> String {
        guard let host = try string(key)?.trimmingSpaces, !host.isEmpty else {
            throw MethodConfigError(field: Self.field(key), message: "must not be empty")
        }
        guard HostAddress.isValid(host) else {
            throw MethodConfigError(field: Self.field(key), message: "must be an IPv4 or IPv6 address or a DNS name")
        }
        return host
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>, default fallback: Int) throws(MethodConfigError)
        -> Int
    {
        guard let value = value(key) else { return fallback }
        guard case .number(let number) = value, number.rounded() == number, abs(number) < 1e15 else {
            throw wrongType(key, "a whole number")
        }
        guard range.contains(Int(number)) else {
            throw MethodConfigError(
                field: Self.field(key), message: "must be \(range.lowerBound)…\(range.upperBound)")
        }
        return Int(number)
    }

    mutating func port(default fallback: Int) throws(MethodConfigError) -> Int {
        try integer("port", in: 1...65535, default: fallback)
    }

    mutating func timeout() throws(MethodConfigError) -> Int {
        try integer("timeout", in: 1...3600, default: 30)
    }

    mutating func bool(_ key: String, default fallback: Bool) throws(MethodConfigError) -> Bool {
        guard let value = value(key) else { return fallback }
        guard case .bool(let flag) = value else { throw wrongType(key, "true or false") }
        return flag
    }

    /// One of `Choice`'s raw values, or an alias the original wrote for one.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, default fallback: Choice, aliases: [String: Choice] = [:]
    ) throws(MethodConfigError) -> Choice where Choice.RawValue == String {
        guard let text = try string(key) else { return fallback }
        if let choice = Choice(rawValue: text) ?? aliases[text] { return choice }
        let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        throw MethodConfigError(field: Self.field(key), message: "must be one of \(allowed)")
    }

    mutating func stringMap(_ key: String) throws(MethodConfigError) -> [String: String] {
        guard let value = value(key) else { return [:] }
        guard case .object(let entries) = value else { throw wrongType(key, "an object of strings") }
        var map: [String: String] = [:]
        for (name, entry) in entries {
            guard case .string(let text) = entry else {
                throw MethodConfigError(field: Self.field("\(key).\(name)"), message: "must be a string")
            }
            map[name] = text
        }
        return map
    }

    /// Refuses the keys that no field read, naming the first in alphabetical order.
    func finish(methodType: CommunicationMethodConfig.MethodType) throws(MethodConfigError) {
        guard let unknown = object.keys.filter({ !read.contains($0) }).sorted().first else { return }
        throw MethodConfigError(
            field: Self.field(unknown),
            message: "unknown key for \(methodType.rawValue); keys: \(read.sorted().joined(separator: ", "))")
    }

    func wrongType(_ key: String, _ expected: String) -> MethodConfigError {
        MethodConfigError(field: Self.field(key), message: "must be \(expected)")
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
