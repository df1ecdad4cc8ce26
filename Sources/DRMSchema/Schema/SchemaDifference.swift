import Foundation

/// One way in which a live database differs from the declared schema.
public struct SchemaDifference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kind of difference.
    public enum Category: String, Sendable, Hashable, Codable, CaseIterable {
        case missingTable = "missing_table"
        case extraTable = "extra_table"
        case missingColumn = "missing_column"
        case extraColumn = "extra_column"
        case type
        case nullability
        case `default`
        case missingIndex = "missing_index"
        case extraIndex = "extra_index"
        case changedIndex = "changed_index"
        case missingForeignKey = "missing_fk"
        case extraForeignKey = "extra_fk"
        case changedForeignKey = "changed_fk"
        case foreignKeyAction = "fk_action"
        case unique
        case check
        case missingEnum = "missing_enum"
        case extraEnum = "extra_enum"
        case enumValues = "enum_values"
        case primaryKey = "primary_key"
        /// A serial column's sequence has other parameters than `serial` gives it (PostgreSQL).
        case sequence
        /// A trigger no table declares (PostgreSQL): reported, never repaired.
        case extraTrigger = "extra_trigger"
        /// The object exists with the declared shape but under another name (e.g. `ix_` for `idx_`).
        case naming
        /// A declared view is not there.
        case missingView = "missing_view"
        /// A view that isn't declared: reported, and kept by repair (someone's query may read it).
        case extraView = "extra_view"
        /// A declared view whose query differs from the declared one.
        case changedView = "changed_view"
    }

    public var category: Category
    /// How the difference is named in a line: `table`, `table.column`, `table(columns) name`, or an enum's name.
    public var object: String
    /// The table the difference is in, if it is in one.
    public var table: String?
    /// The column or columns the difference is about: the column, or the index's, key's or check's columns.
    public var columns: [String]?
    /// The index, constraint or enum type's name, if the difference is about a named object.
    public var name: String?
    public var expected: String?
    public var found: String?

    /// A difference about a table or an enum type, named by `object` alone.
    public init(_ category: Category, _ object: String, expected: String? = nil, found: String? = nil) {
        self.category = category
        self.object = object
        self.expected = expected
        self.found = found
        switch category {
        case .missingTable, .extraTable: table = object
        case .missingEnum, .extraEnum, .enumValues, .missingView, .extraView, .changedView: name = object
        default: break
        }
    }

    /// A difference in `table`, about `columns` and the object called `name`: its line reads
    /// `table.column` for a column, `table(columns) name` for an index or constraint.
    public init(
        _ category: Category, table: String, columns: [String]? = nil, name: String? = nil, expected: String? = nil,
        found: String? = nil
    ) {
        self.category = category
        self.table = table
        self.columns = columns
        self.name = name
        self.expected = expected
        self.found = found
        let list = columns.map { "(\($0.joined(separator: ", ")))" } ?? ""
        switch (name, columns) {
        case (let name?, _): object = "\(table)\(list) \(name)"
        case (nil, let columns?) where columns.count == 1: object = "\(table).\(columns[0])"
        default: object = table + list
        }
    }

    public var description: String {
        var line = "\(category.rawValue) \(object)"
        if expected != nil || found != nil {
            line += ": expected \(expected ?? "nothing"), found \(found ?? "nothing")"
        }
        return line
    }
}

/// A schema object with a name of its own.
protocol NamedObject {
    var name: String { get }
}

extension UniqueConstraint: NamedObject {}
extension ForeignKey: NamedObject {}
extension CheckConstraint: NamedObject {}
extension Index: NamedObject {}
