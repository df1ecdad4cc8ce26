import Foundation

/// Why an operation can't apply to a schema.
public struct SchemaOperationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: String
    public var reason: String

    public var description: String { "\(operation): \(reason)" }
}
