import Foundation

/// A unique constraint.
public struct UniqueConstraint: Sendable, Hashable, Codable {
    public var name: String
    public var columns: [String]

    public init(_ name: String, _ columns: [String]) {
        self.name = name
        self.columns = columns
    }
}
