import DRMCore
import Foundation
import Synchronization
import Vapor

/// The API's JSON body decoder: before a body becomes its request type, every key of every object in it must be one
/// the type reads (#14 item 10, for every request DTO at once). The keys a type reads come from walking its
/// `Decodable` side (``SchemaNode``, as the response schemas do); objects the type reads as free-form JSON or as a
/// dictionary take any key. A misspelt key is a 422 naming its path (`communication_methods.0.credential.pasword`).
struct StrictJSONDecoder: ContentDecoder {
    let decoder: JSONDecoder

    /// The key tree of each type walked so far.
    static let shapes = Mutex<[ObjectIdentifier: JSONValue]>([:])

    func decode<D: Decodable>(_ type: D.Type, from body: ByteBuffer, headers: HTTPHeaders) throws -> D {
        let data = Data(body.readableBytesView)
        if let shape = Self.shape(of: type), let value = try? JSONDecoder().decode(JSONValue.self, from: data) {
            var unknown: [String] = []
            Self.collect(value, against: shape, path: [], into: &unknown)
            if !unknown.isEmpty {
                throw UnknownKeysError(keys: unknown.sorted(), known: Self.known(at: unknown.sorted()[0], in: shape))
            }
        }
        return try decoder.decode(type, from: data)
    }

    static func shape(of type: any Decodable.Type) -> JSONValue? {
        let id = ObjectIdentifier(type)
        if let known = shapes.withLock({ $0[id] }) { return known }
        guard let schema = ResponseSchema.of(type)?.schema else { return nil }
        shapes.withLock { $0[id] = schema }
        return schema
    }

    /// The keys of `value` that `shape` doesn't read, as paths.
    static func collect(_ value: JSONValue, against shape: JSONValue, path: [String], into unknown: inout [String]) {
        switch value {
        case .object(let members):
            // An object without declared properties is free-form (JSON, a dictionary): any key goes.
            guard case .object(let properties)? = shape["properties"] else { return }
            for (key, member) in members {
                guard let child = properties[key] else {
                    unknown.append((path + [key]).joined(separator: "."))
                    continue
                }
                collect(member, against: child, path: path + [key], into: &unknown)
            }
        case .array(let items):
            guard let itemShape = shape["items"] else { return }
            for (index, item) in items.enumerated() {
                collect(item, against: itemShape, path: path + [String(index)], into: &unknown)
            }
        default:
            return
        }
    }

    /// The keys allowed beside the first unknown one.
    static func known(at path: String, in shape: JSONValue) -> [String] {
        var node = shape
        for component in path.split(separator: ".").dropLast() {
            if Int(component) != nil, let items = node["items"] {
                node = items
            } else if let child = node["properties"]?[String(component)] {
                node = child
            }
        }
        guard case .object(let properties)? = node["properties"] else { return [] }
        return properties.keys.sorted()
    }
}
