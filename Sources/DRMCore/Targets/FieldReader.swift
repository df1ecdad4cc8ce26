/// Reads fields from a JSON object (a method's configuration, an action's parameters), naming the field at fault
/// under `prefix` and refusing keys it never read.
struct FieldReader {
    let object: [String: JSONValue]
    let prefix: String
    private(set) var read: Set<String> = []

    init(_ config: JSONValue, prefix: String = "config") throws(FieldError) {
        guard case .object(let object) = config else {
            throw FieldError(field: prefix, message: "must be a JSON object")
        }
        self.object = object
        self.prefix = prefix
    }

    func field(_ key: String) -> String { "\(prefix).\(key)" }

    /// The value of `key`; `nil` when it is absent or null.
    mutating func value(_ key: String) -> JSONValue? {
        read.insert(key)
        switch object[key] {
        case .none, .null?: return nil
        case let value?: return value
        }
    }

    mutating func string(_ key: String) throws(FieldError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, "a string") }
        return text
    }

    mutating func host(_ key: String = "host") throws(FieldError) -> String {
        guard let host = try string(key)?.trimmingSpaces, !host.isEmpty else {
            throw FieldError(field: field(key), message: "must not be empty")
        }
        guard HostAddress.isValid(host) else {
            throw FieldError(field: field(key), message: "must be an IPv4 or IPv6 address or a DNS name")
        }
        return host
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>, default fallback: Int) throws(FieldError)
        -> Int
    {
        guard let value = value(key) else { return fallback }
        guard case .number(let number) = value, number.rounded() == number, abs(number) < 1e15 else {
            throw wrongType(key, "a whole number")
        }
        guard range.contains(Int(number)) else {
            throw FieldError(
                field: field(key), message: "must be \(range.lowerBound)…\(range.upperBound)")
        }
        return Int(number)
    }

    mutating func port(default fallback: Int) throws(FieldError) -> Int {
        try integer("port", in: 1...65535, default: fallback)
    }

    mutating func timeout() throws(FieldError) -> Int {
        try integer("timeout", in: 1...3600, default: 30)
    }

    mutating func bool(_ key: String, default fallback: Bool) throws(FieldError) -> Bool {
        guard let value = value(key) else { return fallback }
        guard case .bool(let flag) = value else { throw wrongType(key, "true or false") }
        return flag
    }

    /// One of `Choice`'s raw values, or an alias the original wrote for one.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, default fallback: Choice, aliases: [String: Choice] = [:]
    ) throws(FieldError) -> Choice where Choice.RawValue == String {
        guard let text = try string(key) else { return fallback }
        if let choice = Choice(rawValue: text) ?? aliases[text] { return choice }
        let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
        throw FieldError(field: field(key), message: "must be one of \(allowed)")
    }

    mutating func stringMap(_ key: String) throws(FieldError) -> [String: String] {
        guard let value = value(key) else { return [:] }
        guard case .object(let entries) = value else { throw wrongType(key, "an object of strings") }
        var map: [String: String] = [:]
        for (name, entry) in entries {
            guard case .string(let text) = entry else {
                throw FieldError(field: field("\(key).\(name)"), message: "must be a string")
            }
            map[name] = text
        }
        return map
    }

    mutating func stringList(_ key: String) throws(FieldError) -> [String]? {
        guard let value = value(key) else { return nil }
        guard case .array(let items) = value else { throw wrongType(key, "a list of strings") }
        var strings: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                throw FieldError(field: field("\(key).\(index)"), message: "must be a string")
            }
            strings.append(text)
        }
        return strings
    }

    mutating func integerList(_ key: String, in range: ClosedRange<Int>) throws(FieldError) -> [Int]? {
        guard let value = value(key) else { return nil }
        guard case .array(let items) = value, !items.isEmpty else { throw wrongType(key, "a list of whole numbers") }
        var numbers: [Int] = []
        for (index, item) in items.enumerated() {
            // `abs` first: `Int(_:)` traps on a Double beyond Int's range (e.g. 1e20 in a request).
            guard case .number(let number) = item, number.rounded() == number, abs(number) < 1e15,
                range.contains(Int(number))
            else {
                throw FieldError(
                    field: field("\(key).\(index)"), message: "must be \(range.lowerBound)…\(range.upperBound)")
            }
            numbers.append(Int(number))
        }
        return numbers
    }

    mutating func number(_ key: String, in range: ClosedRange<Double>, default fallback: Double) throws(FieldError)
        -> Double
    {
        guard let value = value(key) else { return fallback }
        guard case .number(let number) = value else { throw wrongType(key, "a number") }
        guard range.contains(number) else {
            throw FieldError(field: field(key), message: "must be \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    /// Refuses the keys that no field read, naming the first in alphabetical order.
    func finish(kind: String) throws(FieldError) {
        guard let unknown = object.keys.filter({ !read.contains($0) }).sorted().first else { return }
        throw FieldError(
            field: field(unknown),
            message: "unknown key for \(kind); keys: \(read.sorted().joined(separator: ", "))")
    }

    func wrongType(_ key: String, _ expected: String) -> FieldError {
        FieldError(field: field(key), message: "must be \(expected)")
    }
}
