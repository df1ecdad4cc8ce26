import Foundation

/// A foreign key constraint.
public struct ForeignKey: Sendable, Hashable, Codable {
    public var name: String
    public var columns: [String]
    public var referencedTable: String
    public var referencedColumns: [String]
    public var onDelete: ReferentialAction
    public var onUpdate: ReferentialAction

    public init(
        _ name: String,
        _ columns: [String],
        references referencedTable: String,
        _ referencedColumns: [String] = ["id"],
        onDelete: ReferentialAction = .noAction,
        onUpdate: ReferentialAction = .noAction
    ) {
        self.name = name
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
        self.onUpdate = onUpdate
    }
}

/// What a foreign key does when the referenced row is deleted or updated.
public enum ReferentialAction: String, Sendable, Hashable, Codable, CaseIterable {
    case noAction = "NO ACTION"
    case restrict = "RESTRICT"
    case cascade = "CASCADE"
    case setNull = "SET NULL"
    case setDefault = "SET DEFAULT"
}
