import Foundation

/// A migration that failed, with the statement at fault. The transaction was rolled back.
public struct MigrationStatementError: Error, Sendable, CustomStringConvertible {
    public var revision: String
    public var statement: String
    public var underlying: String

    public var description: String {
        "migration \(revision) failed and was rolled back: \(underlying) (in: \(statement.prefix(200)))"
    }
}
