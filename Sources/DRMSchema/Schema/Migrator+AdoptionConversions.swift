import Foundation
import SQLKit

/// How adoption fills and moves the values of an original ENABLEDRM database whose tables hold rows.
///
/// - A column the baseline adds as NOT NULL to a table with rows is added nullable, filled from the row
///   (``derivations``) or, for a serial number, from the row's id (`JOB-000042` for id 42), then constrained.
/// - A column that becomes NOT NULL gets its NULLs replaced by the derived value or the column's default first.
/// - The metric-threshold rows of the 04-shaped `alert_rules` are copied, id for id, into
///   `analytics_alert_rules`; `alert_rules` keeps the rows in the notification shape (rule type
///   `metric_threshold`, the threshold in `condition_config`, owned by the first administrator).
/// - A value whose home changes (``movedColumns``) is dropped from its old column only after it has been copied.
/// - A row that can't be converted refuses the whole adoption, listing it (``unconvertibleRows``).
enum AdoptionConversion {
    /// A value for `table.column` computed from the row, and the live columns it reads.
    struct Derivation {
        var table: String
        var column: String
        var sql: String
        var reads: [String]
    }

    /// The first administrator, or the first user: who owns what the original kept without an owner.
    static let firstOwner =
        "(SELECT id FROM users ORDER BY (role = 'administrator') DESC, id LIMIT 1)"

    /// Values for columns the baseline adds or makes NOT NULL, derived from the row.
    static let derivations: [Derivation] = [
        Derivation(table: "alert_rules", column: "rule_type", sql: "'metric_threshold'", reads: ["metric_type"]),
        Derivation(
            table: "alert_rules", column: "condition_config",
            sql:
                "jsonb_build_object('metric_type', metric_type, 'condition', condition, 'threshold_value', "
                + "threshold_value, 'evaluation_period', evaluation_period, 'analytics_alert_rule_id', id)",
            reads: ["metric_type", "condition", "threshold_value", "evaluation_period"]),
        Derivation(table: "alert_rules", column: "created_by", sql: firstOwner, reads: []),
        Derivation(table: "alert_logs", column: "alert_type", sql: "'performance'", reads: []),
        Derivation(
            table: "target_communication_methods", column: "method_name", sql: "method_type || '_' || id",
            reads: ["method_type"]),
        Derivation(
            table: "target_communication_methods", column: "config", sql: "method_config",
            reads: ["method_config"]),
        Derivation(
            table: "target_credentials", column: "communication_method_id",
            sql:
                "(SELECT m.id FROM target_communication_methods m WHERE m.target_id = target_credentials.target_id "
                + "ORDER BY m.is_primary DESC NULLS LAST, m.id LIMIT 1)",
            reads: ["target_id"]),
        Derivation(
            table: "target_credentials", column: "credential_name", sql: "credential_type",
            reads: ["credential_type"]),
        Derivation(
            table: "target_credentials", column: "encrypted_credentials", sql: "credential_data::text",
            reads: ["credential_data"]),
        Derivation(
            table: "notification_templates", column: "subject_template", sql: "left(name, 200)", reads: ["name"]),
    ]

    /// Old columns whose values a derivation or a copy has moved elsewhere: dropped once moved.
    static let movedColumns: [(table: String, column: String, to: String)] =
        [
            ("target_communication_methods", "method_config", "target_communication_methods.config"),
            ("target_credentials", "credential_data", "target_credentials.encrypted_credentials"),
            ("target_credentials", "target_id", "target_communication_methods.target_id"),
        ]
        + analyticsColumns.filter {
            !["id", "name", "description", "is_active", "severity", "created_at", "updated_at"]
                .contains($0)
        }.map { ("alert_rules", $0, "analytics_alert_rules.\($0)") }

    /// The columns of the 04-shaped `alert_rules`, all of which `analytics_alert_rules` has.
    static let analyticsColumns = [
        "id", "name", "description", "metric_type", "condition", "threshold_value", "evaluation_period", "is_active",
        "severity", "notification_channels", "last_triggered", "trigger_count", "created_at", "updated_at",
    ]

    /// Whether `alert_rules` is in the 04 metric-threshold shape.
    static func hasMetricAlertRules(_ live: DatabaseSchema) -> Bool {
        guard let table = live.table("alert_rules") else { return false }
        return table.column("metric_type") != nil && table.column("rule_type") == nil
    }

    /// Rows that can't be converted, as preconditions: each returns one line per row at fault.
    static func unconvertibleRows(live: DatabaseSchema) -> [SchemaPlanner.Precondition] {
        var result: [SchemaPlanner.Precondition] = []
        if hasMetricAlertRules(live) {
            result.append(
                SchemaPlanner.Precondition(
                    message: "alert_rules rows whose condition isn't gt, lt, eq, gte or lte can't become "
                        + "analytics_alert_rules rows",
                    sql:
                        "SELECT 'id ' || id || ' (' || name || '): condition ' || coalesce(condition, 'NULL') AS value "
                        + "FROM alert_rules WHERE condition IS NULL OR condition NOT IN ('gt', 'lt', 'eq', 'gte', 'lte')"
                ))
            result.append(
                SchemaPlanner.Precondition(
                    message: "alert_rules rows need an owner, but users has no row",
                    sql:
                        "SELECT 'id ' || id || ' (' || name || ')' AS value FROM alert_rules "
                        + "WHERE NOT EXISTS (SELECT 1 FROM users)"))
        }
        if let credentials = live.table("target_credentials"), credentials.column("target_id") != nil,
            credentials.column("communication_method_id") == nil
        {
            result.append(
                SchemaPlanner.Precondition(
                    message: "target_credentials rows whose target has no communication method to hang them on",
                    sql:
                        "SELECT 'id ' || c.id || ' (target ' || c.target_id || ', ' || c.credential_type || ')' AS value "
                        + "FROM target_credentials c WHERE NOT EXISTS "
                        + "(SELECT 1 FROM target_communication_methods m WHERE m.target_id = c.target_id)"))
        }
        return result
    }

    /// Rewrites `plan` so that it fills and moves values instead of failing on rows: see the type's comment.
    static func apply(
        to plan: inout SchemaPlanner.Plan, live: DatabaseSchema, target: DatabaseSchema, populated: Set<String>
    ) {
        func derivation(_ table: String, _ column: String) -> Derivation? {
            derivations.first { derivation in
                derivation.table == table && derivation.column == column
                    && derivation.reads.allSatisfy { live.table(table)?.column($0) != nil }
            }
        }
        var filled = Set<String>()
        var operations: [SchemaOperation] = []
        var copiedAlertRules = false
        for operation in plan.operations {
            switch operation {
            case .addColumn(let table, let column) where !column.isNullable && populated.contains(table):
                var value = derivation(table, column.name)?.sql
                if value == nil, case .serialNumber(let prefix, let width) = column.defaultValue {
                    value = "'\(prefix)' || lpad(id::text, \(width), '0')"
                }
                guard let value else {
                    operations.append(operation)
                    continue
                }
                var loose = column
                loose.isNullable = true
                loose.defaultValue = nil
                operations += [
                    .addColumn(table: table, loose),
                    .sql(postgres: "UPDATE \"\(table)\" SET \"\(column.name)\" = \(value)", sqlite: nil),
                ]
                if let value = column.defaultValue {
                    operations.append(.setDefault(table: table, column: column.name, value))
                }
                operations.append(.setNullable(table: table, column: column.name, false))
            case .setNullable(let table, let name, false) where populated.contains(table):
                let column = target.table(table)?.column(name)
                let fallback = column.flatMap { column in
                    column.defaultValue.flatMap {
                        SQLRenderer(.postgres).defaultExpression($0, column: column, table: table)
                    }
                }
                if let value = derivation(table, name)?.sql ?? fallback {
                    operations.append(
                        .sql(
                            postgres: "UPDATE \"\(table)\" SET \"\(name)\" = \(value) WHERE \"\(name)\" IS NULL",
                            sqlite: nil))
                    filled.insert("\(table).\(name)")
                }
                operations.append(operation)
            case .dropColumn("alert_rules", _) where hasMetricAlertRules(live) && !copiedAlertRules:
                // The rules' semantics move to analytics_alert_rules before their columns leave alert_rules.
                copiedAlertRules = true
                let columns = analyticsColumns.filter { live.table("alert_rules")?.column($0) != nil }
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                operations += [
                    .sql(
                        postgres: "INSERT INTO analytics_alert_rules (\(list)) SELECT \(list) FROM alert_rules",
                        sqlite: nil),
                    .sql(
                        postgres:
                            "SELECT setval('analytics_alert_rules_id_seq', coalesce((SELECT max(id) FROM "
                            + "analytics_alert_rules), 0) + 1, false)",
                        sqlite: nil),
                    operation,
                ]
            default:
                operations.append(operation)
            }
        }
        plan.operations = operations
        plan.preconditions.removeAll { precondition in
            filled.contains { precondition.message.hasPrefix("\($0) has NULLs") }
        }
        plan.preconditions += unconvertibleRows(live: live)
    }

    /// Whether dropping `table.column` only removes a value that adoption has moved elsewhere.
    static func isMoved(_ table: String, _ column: String, live: DatabaseSchema) -> Bool {
        guard movedColumns.contains(where: { $0.table == table && $0.column == column }) else { return false }
        return table != "alert_rules" || hasMetricAlertRules(live)
    }
}
