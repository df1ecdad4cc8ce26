/// A problem with one imported row: its line (CSV) or position (JSON, from 1), the column at fault and what is wrong.
public struct TargetImportRowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The CSV line the row starts on, or the 1-based position of the JSON object.
    public var row: Int
    /// The column at fault, or `nil` for a problem with the whole row.
    public var field: String?
    /// What is wrong, e.g. `must be 1…65535`.
    public var message: String

    /// A problem with `field` of `row`.
    public init(row: Int, field: String?, message: String) {
        self.row = row
        self.field = field
        self.message = message
    }

    /// `row 3: port: must be 1…65535`.
    public var description: String {
        if let field { return "row \(row): \(field): \(message)" }
        return "row \(row): \(message)"
    }
}
