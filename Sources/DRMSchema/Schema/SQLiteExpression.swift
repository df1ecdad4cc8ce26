import Foundation

/// SQLite spellings of what PostgreSQL has built in.
enum SQLiteExpression {
    /// Seconds since 1970 as a REAL, the way SQLiteNIO stores a `Date`.
    static let now = "(CAST((julianday('now') - 2440587.5) * 86400.0 AS REAL))"

    /// A random version-4 UUID in canonical text form.
    static let randomUUID = """
        (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) \
        || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' \
        || lower(hex(randomblob(6))))
        """

    /// What SQLite can't enforce by type: booleans are 0 or 1, JSON is valid, enum values are in the enum.
    static func typeCheck(for column: Column, in schema: DatabaseSchema, quote: (String) -> String) -> String? {
        let name = quote(column.name)
        switch column.type {
        case .boolean: return "\(name) IN (0, 1)"
        case .jsonb, .json: return "json_valid(\(name))"
        case .enumeration(let type):
            guard let values = schema.enumType(type)?.values else { return nil }
            return
                "\(name) IN (\(values.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ", ")))"
        default: return nil
        }
    }
}
