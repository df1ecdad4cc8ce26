import Foundation
public import SQLKit

/// `db check`: how a live database compares with the declared schema at its revision.
public struct SchemaCheck: Sendable {
    public let database: any SQLDatabase
    public let chain: MigrationChain
    public let declared: DatabaseSchema

    /// Revisions of the original ENABLEDRM (Alembic) whose databases EnableDRM can adopt.
    public static let originalRevisions = [
        "2d9a04ef6730", "4b6ff43c35af", "411cc655f122", "fe31121f9555", "ca54b7cb43e1", "ce98fe37e307", "9f49c241529f",
    ]

    public init(database: any SQLDatabase, chain: MigrationChain = .enableDRM, declared: DatabaseSchema = .declared) {
        self.database = database
        self.chain = chain
        self.declared = declared
    }

    /// Where the database's revision stands.
    public enum RevisionStatus: String, Sendable, Codable {
        /// At head.
        case current
        /// At an older revision of the chain: `db upgrade` brings it to head.
        case behind
        /// No revision and no tables.
        case empty
        /// Tables but no revision: not made by EnableDRM.
        case unversioned
        /// A revision of the original ENABLEDRM platform: `db upgrade` adopts it.
        case original
        /// A revision this version doesn't know, perhaps from a newer EnableDRM.
        case unknown
    }

    /// The outcome of a check.
    public struct Report: Sendable, Codable {
        public var dialect: SchemaDialect
        public var revision: String?
        public var head: String?
        public var status: RevisionStatus
        /// The schema the database was compared with: the declared schema at its revision (head otherwise).
        public var comparedWith: String
        public var differences: [SchemaDifference]

        /// Aligned: at head, with no difference.
        public var isAligned: Bool { status == .current && differences.isEmpty }

        /// One line about the revision, for people.
        public var revisionLine: String {
            let at = revision ?? "none"
            return switch status {
            case .current: "revision \(at) (head)"
            case .behind: "revision \(at) is behind head \(head ?? "-"): run `enabledrm db upgrade`"
            case .empty: "empty database (no revision): run `enabledrm db upgrade`"
            case .unversioned: "no revision recorded, but tables exist: not an EnableDRM database"
            case .original: "revision \(at) of the original ENABLEDRM: `enabledrm db upgrade` adopts it (back up first)"
            case .unknown:
                "revision \(at) is unknown to this EnableDRM (newer, or not EnableDRM's); head is \(head ?? "-")"
            }
        }
    }

    /// Compares the live database with the declared schema at its revision. On PostgreSQL that is two round trips:
    /// the catalog, then the revision (when there is a version table).
    public func run() async throws -> Report {
        let live = try await database.introspectSchema()
        let revision =
            live.table("alembic_version") == nil ? nil : try await Migrator.recordedRevision(on: database)
        let status: RevisionStatus
        var expected = declared
        var comparedWith = "declared schema (head \(chain.head ?? "-"))"
        switch revision {
        case nil:
            status = live.tables.isEmpty ? .empty : .unversioned
        case let revision? where revision == chain.head:
            status = .current
        case let revision? where chain.position(of: revision) != nil:
            status = .behind
            expected = try chain.schema(at: revision)
            comparedWith = "declared schema at revision \(revision)"
        case let revision? where Self.originalRevisions.contains(revision):
            status = .original
        default:
            status = .unknown
        }
        let differences =
            status == .empty
            ? [] : SchemaComparator(database.schemaDialect).differences(expected: expected, found: live)
        return Report(
            dialect: database.schemaDialect, revision: revision, head: chain.head, status: status,
            comparedWith: comparedWith, differences: differences
        )
    }
}
