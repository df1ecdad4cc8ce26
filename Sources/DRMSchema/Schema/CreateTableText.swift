import Foundation

/// The parts of a `CREATE TABLE` statement as SQLite keeps it, split at top-level commas and read once:
/// what the pragmas don't tell (constraint names, check expressions, AUTOINCREMENT, enum value lists).
struct CreateTableText {
    enum Kind: String, CaseIterable {
        case primaryKey = "PRIMARY KEY"
        case unique = "UNIQUE"
        case foreignKey = "FOREIGN KEY"
        case check = "CHECK"
    }

    /// A table constraint: its name, kind and the text after the kind's keyword.
    struct Constraint {
        var name: String
        var kind: Kind
        var body: Substring
    }

    let parts: [Substring]
    let constraints: [Constraint]

    init(_ sql: String) {
        guard let open = sql.firstIndex(of: "("), let close = sql.lastIndex(of: ")") else {
            parts = []
            constraints = []
            return
        }
        parts = Self.splitTopLevel(sql[sql.index(after: open)..<close])
        constraints = parts.compactMap(Self.constraint)
    }

    /// `CONSTRAINT "name" KIND body` → its pieces.
    static func constraint(_ part: Substring) -> Constraint? {
        guard part.hasPrefix("CONSTRAINT ") else { return nil }
        var rest = part.dropFirst("CONSTRAINT ".count).drop { $0 == " " }
        let name: Substring
        if rest.first == "\"" {
            rest = rest.dropFirst()
            name = rest.prefix { $0 != "\"" }
            rest = rest.dropFirst(name.count + 1)
        } else {
            name = rest.prefix { $0 != " " }
            rest = rest.dropFirst(name.count)
        }
        rest = rest.drop { $0 == " " }
        guard let kind = Kind.allCases.first(where: { rest.hasPrefix($0.rawValue) }) else { return nil }
        return Constraint(name: String(name), kind: kind, body: rest.dropFirst(kind.rawValue.count))
    }

    var uniques: [UniqueConstraint] {
        constraints.filter { $0.kind == .unique }.map { UniqueConstraint($0.name, Self.columnList($0.body)) }
    }

    var checks: [CheckConstraint] {
        constraints.filter { $0.kind == .check }.map { constraint in
            let expression = String(Self.balanced(constraint.body).dropFirst().dropLast())
            return CheckConstraint(constraint.name, postgres: expression, sqlite: expression)
        }
    }

    /// The name of the table constraint of `kind` on exactly `columns`, or of a column's inline primary key.
    func constraintName(_ kind: Kind, _ columns: [String]) -> String? {
        if let name = constraints.first(where: { $0.kind == kind && Self.columnList($0.body) == columns })?.name {
            return name
        }
        guard kind == .primaryKey, columns.count == 1, let part = columnPart(columns[0]),
            let key = part.range(of: " PRIMARY KEY"), let start = part.range(of: "CONSTRAINT ")
        else { return nil }
        return String(part[start.upperBound..<key.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
    }

    func isAutoincrement(_ column: String) -> Bool {
        columnPart(column)?.contains("AUTOINCREMENT") ?? false
    }

    /// The values of a column's `CHECK ("col" IN ('a', 'b'))`, which is how SQLite keeps an enum.
    func allowedValues(of column: String) -> [String]? {
        guard let part = columnPart(column), let check = part.range(of: "CHECK (\"\(column)\" IN (") else { return nil }
        var values: [String] = []
        var current: String?
        var previousQuote = false
        for character in part[check.upperBound...] {
            if var value = current {
                if character == "'" {
                    if previousQuote { value.append("'") }
                    previousQuote = !previousQuote
                    current = value
                    continue
                }
                if previousQuote {
                    values.append(value)
                    current = nil
                    previousQuote = false
                } else {
                    value.append(character)
                    current = value
                    continue
                }
            }
            if character == ")" { break }
            if character == "'" { current = "" }
        }
        return values
    }

    func columnPart(_ column: String) -> Substring? {
        parts.first { $0.hasPrefix("\"\(column)\" ") || $0.hasPrefix("\(column) ") }
    }

    /// `("a", "b") …` → `["a", "b"]`.
    static func columnList(_ text: Substring) -> [String] {
        balanced(text).dropFirst().dropLast().split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
    }

    /// The leading balanced parenthesised group of `text`, quotes respected.
    static func balanced(_ text: some StringProtocol) -> String {
        var depth = 0
        var quote: Character?
        var result = ""
        for character in text.drop(while: { $0 != "(" }) {
            result.append(character)
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"": quote = character
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return result }
            default: break
            }
        }
        return result
    }

    static func splitTopLevel(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var depth = 0
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
            } else if character == ",", depth == 0 {
                parts.append(text[start..<index])
                start = text.index(after: index)
            }
            index = text.index(after: index)
        }
        parts.append(text[start...])
        return parts.map { $0.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed() }
            .map { Substring(String($0)) }.filter { !$0.isEmpty }
    }
}
