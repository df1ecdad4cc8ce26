import Foundation

/// A primary key constraint.
public struct PrimaryKey: Sendable, Hashable, Codable {
    public var name: String
    public var columns: [String]

    public init(_ name: String, _ columns: [String]) {
        self.name = name
        self.columns = columns
    }
}
