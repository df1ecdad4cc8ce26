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
