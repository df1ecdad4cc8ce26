public import DRMCore
public import FluentKit
import Foundation

/// A row of `generated_reports`: produced report instances.
public final class GeneratedReport: Model, @unchecked Sendable {
    public static let schema = "generated_reports"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @OptionalField(key: "template_id") public var templateID: Int?
    @Field(key: "name") public var name: String
    @Field(key: "report_period_start") public var reportPeriodStart: Date
    @Field(key: "report_period_end") public var reportPeriodEnd: Date
    @OptionalField(key: "generated_by") public var generatedBy: Int?
    @OptionalField(key: "report_data") public var reportData: JSONValue?
    @OptionalField(key: "file_path") public var filePath: String?
    @OptionalField(key: "file_size") public var fileSize: Int64?
    @OptionalField(key: "status") public var status: String?
    @OptionalField(key: "error_message") public var errorMessage: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "completed_at") public var completedAt: Date?

    public init() {}
}
