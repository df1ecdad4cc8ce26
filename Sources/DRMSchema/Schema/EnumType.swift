import Foundation

/// A PostgreSQL enum type with its values in order.
public struct EnumType: Sendable, Hashable, Codable {
    public var name: String
    public var values: [String]

    public init(_ name: String, _ values: [String]) {
        self.name = name
        self.values = values
    }
}
