import DRMSchema
public import FluentKit
import SQLKit

/// Where a database's schema stands against the migrations this build carries (for readiness probes).
public struct SchemaStatus: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The latest revision this build knows.
    public static var head: String? { MigrationChain.enableDRM.head }

    /// The revision the database is at (`nil` at base); throws when the database doesn't answer.
    public func currentRevision() async throws -> String? {
        try await Migrator(database: database as! any SQLDatabase).currentRevision()
    }
}

extension SchemaStatus {
    /// A database error as one line for the log, without credentials.
    public static func describe(_ error: any Error) -> String { SQLErrorText.describe(error) }
}
