import DRMCore
import Foundation

/// The JSON Schema and an example of a response type, derived from the type itself (#14 item 5): a decoder walks
/// the type's `Decodable` side — the same `CodingKeys` its encoding uses — and records each key, whether it is
/// optional (nullable, not required), and the type of its value; the instance it builds on the way, encoded by
/// the API's encoder, is the example. So the document can't drift from what a handler returns.
enum ResponseSchema {
    /// The schema and example of `type`, or nil when the type can't be walked (a test fails on that).
    static func of(_ type: any Decodable.Type) -> (schema: JSONValue, example: JSONValue)? {
        let node = SchemaNode()
        guard let value = try? node.decode(type, key: nil),
            let example = try? JSONValue(encoding: AnyEncodable(value))
        else { return nil }
        return (node.json, example)
    }
}

/// Encodes whatever value the walk built.
struct AnyEncodable: Encodable {
    let value: any Decodable

    init(_ value: any Decodable) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        guard let encodable = value as? any Encodable else { return }
        try encodable.encode(to: encoder)
    }
}

/// One value's schema while the walk records it.
final class SchemaNode {
    enum Kind {
        case unknown, leaf([String: JSONValue]), object, array
    }

    var kind = Kind.unknown
    var properties: [(name: String, node: SchemaNode, required: Bool)] = []
    var items: SchemaNode?
    var nullable = false

    var json: JSONValue {
        var schema: [String: JSONValue]
        switch kind {
        case .unknown: return [:]
        case .leaf(let leaf): schema = leaf
        case .object:
            var seen: Set<String> = []
            let unique = properties.filter { seen.insert($0.name).inserted }
            schema = ["type": "object"]
            if !unique.isEmpty {
                schema["properties"] = .object(Dictionary(uniqueKeysWithValues: unique.map { ($0.name, $0.node.json) }))
                let required = unique.filter(\.required).map { JSONValue.string($0.name) }
                if !required.isEmpty { schema["required"] = .array(required) }
            }
        case .array: schema = ["type": "array", "items": items?.json ?? [:]]
        }
        if nullable, case .string(let type)? = schema["type"] { schema["type"] = [.string(type), "null"] }
        return .object(schema)
    }

    /// A value of `type` for the walk, recording its schema here. `key` names the example's strings.
    func decode<T: Decodable>(_ type: T.Type, key: String?) throws -> T {
        if let value = try leaf(type, key: key) { return value }
        return try T(from: SchemaDecoder(node: self))
    }

    func leaf<T: Decodable>(_ type: T.Type, key: String?) throws -> T? {
        func set(_ schema: [String: JSONValue], _ value: Any) -> T? {
            kind = .leaf(schema)
            return value as? T
        }
        switch type {
        case is String.Type: return set(["type": "string"], key ?? "text")
        case is Bool.Type: return set(["type": "boolean"], true)
        case is Int.Type: return set(["type": "integer"], 1)
        case is Int64.Type: return set(["type": "integer"], Int64(1))
        case is Int32.Type: return set(["type": "integer"], Int32(1))
        case is Double.Type: return set(["type": "number"], 1.5)
        case is Float.Type: return set(["type": "number"], Float(1.5))
        case is Date.Type:
            return set(["type": "string", "format": "date-time"], Date(timeIntervalSince1970: 1_796_000_000))
        case is UUID.Type:
            return set(["type": "string", "format": "uuid"], UUID(uuidString: "6F9619FF-8B86-D011-B42D-00CF4FC964FF")!)
        // Free-form JSON: any value where a key holds it (parameters, config), an object where a document or an
        // array's rows are one (the API document, a target export).
        case is JSONValue.Type: return set(key == nil ? ["type": "object"] : [:], JSONValue.object([:]))
        default: break
        }
        if let cases = type as? any CaseIterable.Type, let (first, raw) = Self.cases(of: cases) {
            return set(["type": "string", "enum": .array(raw.map(JSONValue.string))], first)
        }
        return nil
    }

    /// The first case and the raw values of a string enum.
    static func cases<C: CaseIterable>(of type: C.Type) -> (Any, [String])? {
        let all = Array(C.allCases)
        let raw = all.compactMap { ($0 as? any RawRepresentable)?.rawValue as? String }
        guard let first = all.first, raw.count == all.count else { return nil }
        return (first, raw)
    }
}

/// Walks a type's `init(from:)`.
struct SchemaDecoder: Decoder {
    let node: SchemaNode
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .unknown = node.kind { node.kind = .object }
        return KeyedDecodingContainer(SchemaKeyedContainer<Key>(node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        node.kind = .array
        return SchemaUnkeyedContainer(node: node)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SchemaSingleContainer(node: node)
    }
}

struct SchemaKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: SchemaNode
    var codingPath: [any CodingKey] = []
    /// None: a dictionary walked here is an object of any keys.
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func child(_ key: Key, required: Bool) -> SchemaNode {
        let child = SchemaNode()
        child.nullable = !required
        node.properties.append((key.stringValue, child, required))
        return child
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try child(key, required: true).decode(type, key: key.stringValue)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try child(key, required: false).decode(type, key: key.stringValue)
    }

    // The primitive overloads take the generic path (a container must implement each of them).
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try field(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try field(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try field(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try field(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try field(type, key) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optional(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optional(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optional(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optional(type, key) }

    func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try child(key, required: false).decode(type, key: key.stringValue)
    }

    func field<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        try child(key, required: true).decode(type, key: key.stringValue)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let child = child(key, required: true)
        child.kind = .object
        return KeyedDecodingContainer(SchemaKeyedContainer<NestedKey>(node: child))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let child = child(key, required: true)
        child.kind = .array
        return SchemaUnkeyedContainer(node: child)
    }

    func superDecoder() throws -> any Decoder { SchemaDecoder(node: node) }
    func superDecoder(forKey key: Key) throws -> any Decoder { SchemaDecoder(node: child(key, required: true)) }
}

struct SchemaUnkeyedContainer: UnkeyedDecodingContainer {
    let node: SchemaNode
    var codingPath: [any CodingKey] = []
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        let items = node.items ?? SchemaNode()
        node.items = items
        return try items.decode(type, key: nil)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        currentIndex += 1
        let items = SchemaNode()
        items.kind = .object
        node.items = items
        return KeyedDecodingContainer(SchemaKeyedContainer<NestedKey>(node: items))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        let items = SchemaNode()
        items.kind = .array
        node.items = items
        return SchemaUnkeyedContainer(node: items)
    }

    mutating func superDecoder() throws -> any Decoder { SchemaDecoder(node: node) }
}

struct SchemaSingleContainer: SingleValueDecodingContainer {
    let node: SchemaNode
    var codingPath: [any CodingKey] = []

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try node.decode(type, key: nil) }
}
