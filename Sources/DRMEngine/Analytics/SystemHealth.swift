public import DRMCore
import DRMSchema
import DRMStore
public import FluentKit
public import Foundation
import SQLKit

/// How the platform is, as `GET /api/v1/system/health`, the system page and the health snapshots show it: the
/// database, the queue, the workers, the scheduler's leader, the data directory's disk and this process.
public struct SystemHealth: Sendable, Hashable, Codable {
    /// The database as this process reaches it.
    public struct DatabaseState: Sendable, Hashable, Codable {
        public var reachable: Bool
        /// Round trip of a trivial statement, in milliseconds.
        public var latencyMilliseconds: Double?
        public var sizeBytes: Int?
        public var dialect: String
        public var schemaRevision: String?
        public var headRevision: String?

        enum CodingKeys: String, CodingKey {
            case reachable, dialect
            case latencyMilliseconds = "latency_ms"
            case sizeBytes = "size_bytes"
            case schemaRevision = "schema_revision"
            case headRevision = "head_revision"
        }
    }

    /// A worker by its latest heartbeat.
    public struct WorkerState: Sendable, Hashable, Codable {
        public var name: String
        public var lastSeen: Date
        public var live: Bool

        enum CodingKeys: String, CodingKey {
            case name, live
            case lastSeen = "last_seen"
        }
    }

    /// The scheduler's lease.
    public struct LeaderState: Sendable, Hashable, Codable {
        /// `nil` when no node holds it (on SQLite the one process leads without a lease row).
        public var holder: String?
        public var expiresAt: Date?
        public var singleNode: Bool

        enum CodingKeys: String, CodingKey {
            case holder
            case expiresAt = "expires_at"
            case singleNode = "single_node"
        }
    }

    /// The data directory's file system.
    public struct DiskState: Sendable, Hashable, Codable {
        public var path: String
        public var freeBytes: Int?
        public var totalBytes: Int?

        enum CodingKeys: String, CodingKey {
            case path
            case freeBytes = "free_bytes"
            case totalBytes = "total_bytes"
        }
    }

    /// This process.
    public struct ProcessState: Sendable, Hashable, Codable {
        public var residentBytes: Int?
        public var startedAt: Date
        public var uptimeSeconds: Double
        public var version: String

        enum CodingKeys: String, CodingKey {
            case version
            case residentBytes = "resident_bytes"
            case startedAt = "started_at"
            case uptimeSeconds = "uptime_seconds"
        }
    }

    /// `ok`, or `degraded` with ``problems`` saying why.
    public var status: String
    public var problems: [String]
    public var checkedAt: Date
    public var database: DatabaseState
    /// `nil` when the database can't be read.
    public var queue: QueueSample?
    public var workers: [WorkerState]
    public var leader: LeaderState?
    public var disk: DiskState
    public var process: ProcessState

    enum CodingKeys: String, CodingKey {
        case status, problems, database, queue, workers, leader, disk, process
        case checkedAt = "checked_at"
    }
}
