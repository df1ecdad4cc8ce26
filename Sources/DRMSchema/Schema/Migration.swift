import Foundation

/// One numbered, append-only step of the schema: operations to go up, and the ones that undo them.
public struct Migration: Sendable {
    /// The revision id stored in `alembic_version.version_num`, e.g. `0001`.
    public var revision: String
    public var message: String
    public var up: [SchemaOperation]
    /// `nil`: derived from `up` by ``SchemaOperation/inverse(before:)``, in reverse order.
    public var down: [SchemaOperation]?

    public init(_ revision: String, _ message: String, up: [SchemaOperation], down: [SchemaOperation]? = nil) {
        self.revision = revision
        self.message = message
        self.up = up
        self.down = down
    }

    /// The operations that undo this migration on `schema`, the schema it was applied to.
    public func downOperations(before schema: DatabaseSchema) throws -> [SchemaOperation] {
        if let down { return down }
        var state = schema
        var inverses: [SchemaOperation] = []
        for operation in up {
            guard let inverse = operation.inverse(before: state) else {
                throw MigrationError.irreversible(revision: revision, operation: "\(operation)".prefix(80).description)
            }
            inverses.append(inverse)
            try state.apply(operation)
        }
        return inverses.reversed()
    }
}

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

/// The ordered migrations, from the baseline to head.
public struct MigrationChain: Sendable {
    public let migrations: [Migration]

    public init(_ migrations: [Migration]) throws {
        var seen = Set<String>()
        for migration in migrations where !seen.insert(migration.revision).inserted {
            throw MigrationError.duplicateRevision(migration.revision)
        }
        self.migrations = migrations
    }

    /// The latest revision.
    public var head: String? { migrations.last?.revision }

    /// The position of `revision` in the chain (0 for the baseline).
    public func position(of revision: String) -> Int? {
        migrations.firstIndex { $0.revision == revision }
    }

    /// The declared schema at `revision` (`nil`: the empty schema before the baseline).
    public func schema(at revision: String?) throws -> DatabaseSchema {
        var schema = DatabaseSchema()
        guard let revision else { return schema }
        guard let end = position(of: revision) else { throw MigrationError.unknownRevision(revision) }
        for migration in migrations[...end] {
            for operation in migration.up { try schema.apply(operation) }
        }
        return schema
    }

    /// The declared schema at head.
    public func headSchema() throws -> DatabaseSchema { try schema(at: head) }
}
