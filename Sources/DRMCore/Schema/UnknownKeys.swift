/// A request that names keys its type doesn't have (`target_filer` for `target_filter`): refused, naming them,
/// rather than ignored (#14 item 10). The field is the first unknown key's path (`actions.0.action_params`).
public struct UnknownKeysError: DomainError, Equatable {
    /// The unknown keys, as paths, in alphabetical order.
    public var keys: [String]
    /// The keys the object may have.
    public var known: [String]

    public init(keys: [String], known: [String]) {
        self.keys = keys
        self.known = known
    }

    public var kind: ErrorKind { .invalid }
    public var field: String? { keys.first }
    public var message: String {
        let noun = keys.count == 1 ? "unknown key" : "unknown keys"
        return "\(noun) \(keys.joined(separator: ", ")); allowed: \(known.joined(separator: ", "))"
    }
}

extension CodingUserInfoKey {
    /// Set to `true` by the decoders of requests (API bodies, CLI files): their types refuse unknown keys. Stored
    /// data is read without it, so a key an older version wrote never makes a row unreadable.
    public static let refusesUnknownKeys = CodingUserInfoKey(rawValue: "enabledrm.refusesUnknownKeys")!
}

extension Decoder {
    /// Throws ``UnknownKeysError`` when the object being decoded has a key that `Keys` doesn't list and this
    /// decoder reads a request (``CodingUserInfoKey/refusesUnknownKeys``). Call it first in `init(from:)`.
    public func refuseUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        guard userInfo[.refusesUnknownKeys] as? Bool == true else { return }
        let container = try container(keyedBy: AnyCodingKey.self)
        let known = Keys.allCases.map(\.stringValue)
        let unknown = container.allKeys.map(\.stringValue).filter { !known.contains($0) }.sorted()
        guard !unknown.isEmpty else { return }
        let prefix = codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
        throw UnknownKeysError(
            keys: unknown.map { (prefix + [$0]).joined(separator: ".") }, known: known.sorted())
    }
}

/// Any key of a JSON object.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}
