import Foundation

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
