import Foundation

/// Errors of the migration chain and the migrator.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownRevision(String)
    case irreversible(revision: String, operation: String)
    case noSuchTarget(String)
    case foreignKeyViolation(revision: String, table: String)
    case duplicateRevision(String)

    public var description: String {
        switch self {
        case .unknownRevision(let revision):
            "the database is at revision \(revision), which this version of EnableDRM doesn't know"
        case .irreversible(let revision, let operation):
            "migration \(revision) can't be reversed (\(operation))"
        case .noSuchTarget(let target): "no revision \(target) (see `enabledrm db history`)"
        case .foreignKeyViolation(let revision, let table):
            "migration \(revision) would leave rows in \(table) that break a foreign key"
        case .duplicateRevision(let revision): "revision \(revision) appears twice in the migration chain"
        }
    }
}
