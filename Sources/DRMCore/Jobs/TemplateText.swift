/// Text with `{{name}}` variables: a job's parameters (`{{version}}`) and what the run knows (`{{target.host}}`).
///
/// Substitution is a single pass: a value that itself contains `{{…}}` is not expanded again.
public struct TemplateText: Sendable, Hashable {
    /// The variables every run provides, beside the job's options.
    public static let builtins: Set<String> = [
        "job.name", "job.serial", "execution.serial", "execution.id", "target.name", "target.host", "target.port",
        "target.serial", "target.os", "target.environment",
    ]

    enum Piece: Sendable, Hashable {
        case text(Substring)
        case variable(String)
    }

    let pieces: [Piece]

    /// Reads `text`; an unclosed `{{` or an empty or malformed name is refused.
    public init(_ text: String) throws(FieldError.Reason) {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{{") {
            pieces.append(.text(rest[..<open.lowerBound]))
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                throw FieldError.Reason("has '{{' without a closing '}}'")
            }
            let name = String(rest[open.upperBound..<close.lowerBound]).trimmingSpaces
            guard Self.isVariableName(name) else {
                throw FieldError.Reason("'{{\(name)}}' is not a variable name")
            }
            pieces.append(.variable(name))
            rest = rest[close.upperBound...]
        }
        pieces.append(.text(rest))
        self.pieces = pieces
    }

    /// The names the text refers to, in order of first use.
    public var variables: [String] {
        var seen: Set<String> = []
        return pieces.compactMap {
            guard case .variable(let name) = $0, seen.insert(name).inserted else { return nil }
            return name
        }
    }

    /// The text with each variable replaced by `escape(value)`; a variable without a value becomes empty.
    public func render(_ values: [String: String], escape: (String) -> String = { $0 }) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .variable(let name): out += escape(values[name] ?? "")
            }
        }
        return out
    }

    /// `value` percent-encoded for any one URL component (a path segment, a query name or value): only RFC 3986's
    /// unreserved characters stay as they are, so a parameter can never change a URL's scheme, host, port or path
    /// structure (`@`, `:`, `/`, `?`, `#` and `%` are all encoded).
    public static func urlComponent(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// Letters, digits and `_`, in dot-separated parts that each start with a letter (`version`, `target.host`).
    public static func isVariableName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty
            && parts.allSatisfy { part in
                guard let first = part.unicodeScalars.first, first.isASCIILetter else { return false }
                return part.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
            }
    }

    /// `text` in single quotes for a POSIX shell, e.g. `it's` → `'it'\''s'`.
    public static func shellQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: #"'\''"#) + "'"
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
