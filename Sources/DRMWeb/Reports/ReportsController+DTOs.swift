import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// `GET /api/v1/reports`: the reports and the latest runs.
struct ReportListResponse: Content {
    struct Report: Codable, Sendable {
        var name: String
        var title: String
    }

    /// One `generated_reports` row.
    struct Run: Codable, Sendable {
        var id: Int
        var name: String
        var status: String
        var periodStart: Date
        var periodEnd: Date
        var generatedBy: Int?
        var fileSize: Int64?
        var createdAt: Date?
        var completedAt: Date?
        var errorMessage: String?

        init(_ row: GeneratedReport) {
            id = row.id ?? 0
            name = row.name
            status = row.status ?? "generating"
            periodStart = row.reportPeriodStart
            periodEnd = row.reportPeriodEnd
            generatedBy = row.generatedBy
            fileSize = row.fileSize
            createdAt = row.createdAt
            completedAt = row.completedAt
            errorMessage = row.errorMessage
        }

        enum CodingKeys: String, CodingKey {
            case id, name, status
            case periodStart = "period_start"
            case periodEnd = "period_end"
            case generatedBy = "generated_by"
            case fileSize = "file_size"
            case createdAt = "created_at"
            case completedAt = "completed_at"
            case errorMessage = "error_message"
        }
    }

    var reports: [Report]
    var runs: [Run]
}

/// What retention would delete or deleted, per kind, and the policy it followed.
struct RetentionResponse: Content {
    struct Kind: Codable, Sendable {
        var kind: String
        var days: Int
        var before: Date
        var rows: Int
        var bytes: Int
    }

    var kinds: [Kind]
    var keptPerJob: Int

    init(_ figures: [RetentionPurge.Figure], policy: RetentionPolicy) {
        kinds = figures.map {
            Kind(
                kind: $0.kind.rawValue, days: policy.effectiveDays($0.kind), before: $0.before, rows: $0.rows,
                bytes: $0.bytes)
        }
        keptPerJob = policy.keptPerJob
    }

    enum CodingKeys: String, CodingKey {
        case kinds
        case keptPerJob = "kept_per_job"
    }
}

/// An execution's pin.
struct PinResponse: Content {
    var executionID: Int
    var pinnedAt: Date?

    enum CodingKeys: String, CodingKey {
        case executionID = "execution_id"
        case pinnedAt = "pinned_at"
    }
}
