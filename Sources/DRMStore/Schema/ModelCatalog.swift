import DRMCore
public import DRMSchema
public import FluentKit
import Foundation

/// Every application model, one per table of the schema except `alembic_version`.
public enum ModelCatalog {
    /// The model types, in the order of the baseline schema.
    public static let all: [any Model.Type] = [
        User.self, UserSession.self, Target.self, CommunicationMethod.self, Credential.self, SystemSetting.self,
        Job.self, JobAction.self, JobTarget.self, Execution.self, ExecutionBranch.self, ActionResult.self,
        ExecutionLog.self, PerformanceMetric.self, HealthSnapshot.self, AnalyticsAlertRule.self, ReportTemplate.self,
        GeneratedReport.self, DiscoveryJob.self, DiscoveredDevice.self, DiscoveryTemplate.self, DiscoverySchedule.self,
        JobSchedule.self, ScheduleExecution.self, NotificationTemplate.self, NotificationLog.self,
        AlertRule.self,
        AlertLog.self, TaskRecord.self, QueueMetricsSnapshot.self, DeviceTypeCategory.self, DeviceType.self,
        DeviceTypeTemplate.self, DeviceTypeUsage.self, AuditEvent.self, LoginThrottleRecord.self, SchedulerLease.self,
        NotificationDestination.self, NotificationRule.self, NotificationDelivery.self,
    ]

    /// What each model expects of its table, read from its Fluent properties.
    public static func descriptions() -> [ModelDescription] {
        all.map { describe($0) }
    }

    /// The fields of one model type.
    public static func describe(_ type: any Model.Type) -> ModelDescription {
        let fields = type.init().properties.compactMap { property -> ModelDescription.Field? in
            guard let queryable = property as? any AnyQueryableProperty, let column = queryable.path.last?.description
            else {
                return nil
            }
            var valueType = Swift.type(of: property).anyValueType
            var isOptional = false
            if let optional = valueType as? any OptionalType.Type {
                isOptional = true
                valueType = optional.wrappedType
            }
            return ModelDescription.Field(column, kind(of: valueType), optional: isOptional)
        }
        return ModelDescription(table: type.schema, fields: fields)
    }

    static func kind(of type: Any.Type) -> ModelDescription.Kind {
        switch type {
        case is Int.Type: .int
        case is Int64.Type: .int64
        case is String.Type: .string
        case is Bool.Type: .bool
        case is Date.Type: .date
        case is UUID.Type: .uuid
        case is Double.Type: .double
        case is Decimal.Type: .decimal
        case let stored as any StoredDatabaseEnum.Type: .databaseEnum(values: stored.storedValues)
        case let stored as any StoredTextEnum.Type: .textEnum(values: stored.storedValues)
        default: .json
        }
    }
}

/// Lets reflection see through `Optional`.
protocol OptionalType {
    static var wrappedType: Any.Type { get }
}

extension Optional: OptionalType {
    static var wrappedType: Any.Type { Wrapped.self }
}
