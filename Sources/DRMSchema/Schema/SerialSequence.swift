import Foundation

/// The sequence behind a `serial` column, as PostgreSQL keeps it. Only a live PostgreSQL schema carries these
/// (``Table/sequences``): a declared `serial` column always means the standard one (``standard(table:column:)``).
public struct SerialSequence: Sendable, Hashable, Codable {
    /// The column whose default draws on the sequence.
    public var column: String
    public var name: String
    public var increment: Int
    public var start: Int
    public var minValue: Int
    public var maxValue: Int
    public var cycles: Bool
    /// Whether the sequence is owned by the column (dropped with it), as `serial` makes it.
    public var isOwnedByColumn: Bool

    public init(
        column: String, name: String, increment: Int, start: Int, minValue: Int, maxValue: Int, cycles: Bool,
        isOwnedByColumn: Bool
    ) {
        self.column = column
        self.name = name
        self.increment = increment
        self.start = start
        self.minValue = minValue
        self.maxValue = maxValue
        self.cycles = cycles
        self.isOwnedByColumn = isOwnedByColumn
    }

    /// What `serial` creates: `<table>_<column>_seq`, increment 1 from 1 to 2147483647, no cycle, owned.
    public static func standard(table: String, column: String) -> SerialSequence {
        SerialSequence(
            column: column, name: "\(table)_\(column)_seq", increment: 1, start: 1, minValue: 1,
            maxValue: 2_147_483_647, cycles: false, isOwnedByColumn: true)
    }

    /// Its parameters, the way a difference line shows them.
    public func parameters(table: String) -> String {
        "INCREMENT \(increment) START \(start) MINVALUE \(minValue) MAXVALUE \(maxValue) \(cycles ? "CYCLE" : "NO CYCLE") "
            + "OWNED BY \(isOwnedByColumn ? "\(table).\(column)" : "NONE")"
    }

    /// The statement that gives this sequence the standard parameters back.
    public func repair(table: String) -> String {
        "ALTER SEQUENCE \"\(name)\" INCREMENT BY 1 START WITH 1 MINVALUE 1 MAXVALUE 2147483647 NO CYCLE "
            + "OWNED BY \"\(table)\".\"\(column)\""
    }
}

extension Table {
    /// The sequence behind `column` on a live PostgreSQL database, if the introspection saw one.
    func sequence(of column: String) -> SerialSequence? { sequences?.first { $0.column == column } }

    /// The serial columns whose sequence differs from what `serial` makes: (declared, found).
    func drifted(serialsOf declared: Table) -> [(expected: SerialSequence, found: SerialSequence)] {
        guard sequences != nil else { return [] }
        return declared.columns.filter { $0.type == .serial }.compactMap { column in
            guard let found = sequence(of: column.name) else { return nil }
            let expected = SerialSequence.standard(table: declared.name, column: column.name)
            var comparable = found
            comparable.name = expected.name  // a renamed sequence still serves; only its parameters matter here
            return comparable == expected ? nil : (expected, found)
        }
    }
}
