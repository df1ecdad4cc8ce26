public import DRMCore
public import FluentKit
import Foundation

/// A row of `report_templates`: report definitions.
public final class ReportTemplate: Model, @unchecked Sendable {
    public static let schema = "report_templates"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var description: String?
    @Field(key: "report_type") public var reportType: String
    @Field(key: "data_sources") public var dataSources: JSONValue
    @OptionalField(key: "time_range") public var timeRange: String?
    @OptionalField(key: "format") public var format: String?
    @Field(key: "is_scheduled") public var isScheduled: Bool
    @OptionalField(key: "schedule_cron") public var scheduleCron: String?
    @OptionalField(key: "recipients") public var recipients: JSONValue?
    @OptionalField(key: "template_config") public var templateConfig: JSONValue?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}
