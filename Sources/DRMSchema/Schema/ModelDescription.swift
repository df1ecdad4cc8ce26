import Foundation

/// What an application model expects of its table: the fields it reads and writes, with their Swift types.
/// ``ModelDescription/mismatches(against:)`` finds where the model and the declared schema disagree.
public struct ModelDescription: Sendable, Hashable {
    /// A stored field of a model.
    public struct Field: Sendable, Hashable {
        public var column: String
        public var kind: Kind
        public var isOptional: Bool

        public init(_ column: String, _ kind: Kind, optional isOptional: Bool = false) {
            self.column = column
            self.kind = kind
            self.isOptional = isOptional
        }
    }

    /// The Swift type of a field, as far as storage goes.
    public enum Kind: Sendable, Hashable, CustomStringConvertible {
        case int, int64, string, bool, date, uuid, double, decimal
        /// A `Codable` value stored as JSON.
        case json
        /// A Swift enum stored in a database enum type with these values.
        case databaseEnum(values: [String])
        /// A Swift enum stored as text.
        case textEnum(values: [String])

        public var description: String {
            switch self {
            case .int: "Int"
            case .int64: "Int64"
            case .string: "String"
            case .bool: "Bool"
            case .date: "Date"
            case .uuid: "UUID"
            case .double: "Double"
            case .decimal: "Decimal"
            case .json: "JSON"
            case .databaseEnum(let values): "enum(\(values.joined(separator: ", ")))"
            case .textEnum: "string enum"
            }
        }
    }

    public var table: String
    public var fields: [Field]

    public init(table: String, fields: [Field]) {
        self.table = table
        self.fields = fields
    }

    /// Every disagreement between this model and its table in `schema`.
    public func mismatches(against schema: DatabaseSchema) -> [String] {
        guard let table = schema.table(self.table) else {
            return ["\(self.table): the model's table is not in the schema"]
        }
        var problems: [String] = []
        for field in fields {
            let object = "\(self.table).\(field.column)"
            guard let column = table.column(field.column) else {
                problems.append("\(object): the model has a field for a column the table doesn't have")
                continue
            }
            if let reason = field.kind.incompatibility(with: column.type, in: schema) {
                problems.append(
                    "\(object): model type \(field.kind) doesn't fit column type \(column.type.postgresName)\(reason)")
            }
            if column.isNullable, !field.isOptional {
                problems.append("\(object): the column is nullable but the model field is not optional")
            }
            if !column.isNullable, field.isOptional, column.defaultValue == nil {
                problems.append("\(object): the column is NOT NULL without a default but the model field is optional")
            }
        }
        let modelled = Set(fields.map(\.column))
        for column in table.columns where !modelled.contains(column.name) {
            problems.append("\(self.table).\(column.name): the table has a column the model doesn't map")
        }
        return problems
    }
}

extension ModelDescription.Kind {
    /// `nil` when values of this kind store faithfully in `type`; otherwise a detail ("" when none).
    func incompatibility(with type: ColumnType, in schema: DatabaseSchema) -> String? {
        switch (self, type) {
        case (.int, .integer), (.int, .serial), (.int, .smallint), (.int64, .bigint), (.int64, .integer),
            (.string, .varchar), (.string, .text), (.string, .inet), (.textEnum, .varchar), (.textEnum, .text),
            (.bool, .boolean), (.date, .timestamptz), (.uuid, .uuid), (.double, .doublePrecision), (.double, .real),
            (.decimal, .numeric), (.json, .jsonb):
            return nil
        case (.databaseEnum(let values), .enumeration(let name)):
            guard let declared = schema.enumType(name)?.values else { return " (no enum type \(name))" }
            return declared == values ? nil : " (enum values: model \(values), database \(declared))"
        default:
            return ""
        }
    }
}
