extension TargetFilter {
    /// Why a filter's text doesn't parse: where (a character offset from 0) and what, for people.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The offset, in characters from the start of the text, where the problem was found.
        public var offset: Int
        /// The whole message, offset included, e.g. `unknown field 'colour' at 0; fields: name, host, …`.
        public var message: String

        /// An error at `offset` with `message`.
        public init(offset: Int, message: String) {
            self.offset = offset
            self.message = message
        }

        /// The message.
        public var description: String { message }
    }

    /// The deepest nesting of parentheses and `not` accepted, so hostile input can't exhaust the stack.
    public static let maximumDepth = 64

    /// The filter that `text` spells.
    public static func parse(_ text: String) throws(ParseError) -> TargetFilter {
        var parser = Parser(tokens: try Lexer.tokens(of: text))
        guard parser.peek.kind != .end else {
            throw ParseError(offset: 0, message: "empty filter at 0; expected a comparison such as tag=web")
        }
        let filter = try parser.parseOr(depth: 0)
        let next = parser.peek
        guard next.kind == .end else {
            throw ParseError(
                offset: next.offset,
                message: "unexpected \(next.quoted) at \(next.offset); expected 'and', 'or' or the end")
        }
        return filter
    }

    /// Whether `character` may appear in a bare (unquoted) word.
    static func isWordCharacter(_ character: Character) -> Bool {
        !character.isWhitespace && !"()=!~\"".contains(character)
    }
}

private struct Token {
    enum Kind: Equatable {
        case word(String)
        case string(String)
        case op(TargetFilter.Operator)
        case open, close, end
    }
    var kind: Kind
    var offset: Int

    var quoted: String {
        switch kind {
        case .word(let word): "'\(word)'"
        case .string(let value): "\"\(value)\""
        case .op(let op): "'\(op.rawValue)'"
        case .open: "'('"
        case .close: "')'"
        case .end: "the end"
        }
    }

    func isKeyword(_ keyword: String) -> Bool {
        if case .word(let word) = kind { return word.lowercased() == keyword }
        return false
    }
}

private enum Lexer {
    static func tokens(of text: String) throws(TargetFilter.ParseError) -> [Token] {
        let characters = Array(text)
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let start = index
            switch character {
            case _ where character.isWhitespace:
                index += 1
            case "(":
                tokens.append(Token(kind: .open, offset: start))
                index += 1
            case ")":
                tokens.append(Token(kind: .close, offset: start))
                index += 1
            case "=":
                tokens.append(Token(kind: .op(.equals), offset: start))
                index += 1
            case "~":
                tokens.append(Token(kind: .op(.matches), offset: start))
                index += 1
            case "!":
                guard index + 1 < characters.count, characters[index + 1] == "=" else {
                    throw .init(offset: start, message: "expected '=' after '!' at \(start)")
                }
                tokens.append(Token(kind: .op(.notEquals), offset: start))
                index += 2
            case "\"":
                tokens.append(Token(kind: .string(try string(in: characters, at: &index)), offset: start))
            default:
                while index < characters.count, TargetFilter.isWordCharacter(characters[index]) { index += 1 }
                tokens.append(Token(kind: .word(String(characters[start..<index])), offset: start))
            }
        }
        tokens.append(Token(kind: .end, offset: characters.count))
        return tokens
    }

    /// The value of the quoted string that opens at `index`; leaves `index` after its closing quote.
    static func string(in characters: [Character], at index: inout Int) throws(TargetFilter.ParseError) -> String {
        let start = index
        var value = ""
        index += 1
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\"":
                index += 1
                return value
            case "\\":
                guard index + 1 < characters.count else {
                    throw .init(offset: start, message: "unterminated string at \(start)")
                }
                let escaped = characters[index + 1]
                switch escaped {
                case "\"", "\\": value.append(escaped)
                case "n": value.append("\n")
                case "t": value.append("\t")
                default:
                    throw .init(
                        offset: index,
                        message: #"unknown escape '\\#(escaped)' at \#(index); escapes: \" \\ \n \t"#)
                }
                index += 2
            default:
                value.append(character)
                index += 1
            }
        }
        throw .init(offset: start, message: "unterminated string at \(start)")
    }
}

private struct Parser {
    var tokens: [Token]
    var position = 0

    var peek: Token { tokens[position] }

    mutating func advance() -> Token {
        defer { if position < tokens.count - 1 { position += 1 } }
        return tokens[position]
    }

    mutating func parseOr(depth: Int) throws(TargetFilter.ParseError) -> TargetFilter {
        var filter = try parseAnd(depth: depth)
        while peek.isKeyword("or") {
            _ = advance()
            filter = .or(filter, try parseAnd(depth: depth))
        }
        return filter
    }

    mutating func parseAnd(depth: Int) throws(TargetFilter.ParseError) -> TargetFilter {
        var filter = try parseUnary(depth: depth)
        while peek.isKeyword("and") {
            _ = advance()
            filter = .and(filter, try parseUnary(depth: depth))
        }
        return filter
    }

    mutating func parseUnary(depth: Int) throws(TargetFilter.ParseError) -> TargetFilter {
        let token = peek
        guard depth < TargetFilter.maximumDepth else {
            throw .init(
                offset: token.offset,
                message: "filter nested too deeply at \(token.offset); at most \(TargetFilter.maximumDepth) levels")
        }
        if token.isKeyword("not") {
            _ = advance()
            return .not(try parseUnary(depth: depth + 1))
        }
        if token.kind == .open {
            _ = advance()
            let inner = try parseOr(depth: depth + 1)
            let close = advance()
            guard close.kind == .close else {
                throw .init(
                    offset: close.offset,
                    message: "expected ')' at \(close.offset) to close '(' at \(token.offset), found \(close.quoted)")
            }
            return inner
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(TargetFilter.ParseError) -> TargetFilter {
        let fieldToken = advance()
        let fieldList = TargetFilter.Field.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .word(let name) = fieldToken.kind else {
            throw .init(
                offset: fieldToken.offset,
                message: "expected a field at \(fieldToken.offset), found \(fieldToken.quoted); fields: \(fieldList)")
        }
        guard let field = TargetFilter.Field(rawValue: name.lowercased()) else {
            throw .init(
                offset: fieldToken.offset,
                message: "unknown field '\(name)' at \(fieldToken.offset); fields: \(fieldList)")
        }
        let opToken = advance()
        guard case .op(let op) = opToken.kind else {
            throw .init(
                offset: opToken.offset,
                message: "expected =, != or ~ after '\(name)' at \(opToken.offset), found \(opToken.quoted)")
        }
        let valueToken = advance()
        switch valueToken.kind {
        case .word(let value), .string(let value):
            return .comparison(field, op, value)
        default:
            throw .init(
                offset: valueToken.offset,
                message: "expected a value after '\(op.rawValue)' at \(valueToken.offset), found \(valueToken.quoted)")
        }
    }
}

extension TargetFilter: Codable {
    /// Reads a filter from its text form, e.g. a job's stored target filter.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try TargetFilter.parse(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Writes the filter as its text form (``description``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
