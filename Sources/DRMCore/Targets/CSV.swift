/// RFC 4180 comma-separated values: quoted fields with `""` for a quote, CRLF or LF (or CR) line ends, an optional
/// UTF-8 byte order mark. Reading and writing are linear in the size of the text.
public enum CSV {
    /// One record and the line of the text it starts on (1-based, counting line breaks inside quoted fields).
    public struct Record: Sendable, Hashable {
        /// The line the record starts on.
        public var line: Int
        /// Its fields, unquoted.
        public var fields: [String]

        /// A record of `fields` starting on `line`.
        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The records of `text`. A line break at the very end doesn't start another record; an empty line elsewhere is a
    /// record with one empty field.
    public static func parse(_ text: String) throws(CSVError) -> [Record] {
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var index = scalars.startIndex
        var fieldStarted = false

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
        }

        while index < scalars.endIndex {
            let scalar = scalars[index]
            scalars.formIndex(after: &index)
            switch scalar {
            case "\"" where field.isEmpty && !fieldStarted:
                let quoteLine = line
                var closed = false
                while index < scalars.endIndex {
                    let inner = scalars[index]
                    scalars.formIndex(after: &index)
                    if inner == "\"" {
                        if index < scalars.endIndex, scalars[index] == "\"" {
                            field.append("\"")
                            scalars.formIndex(after: &index)
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        // A CR LF pair counts as one line break.
                        if inner == "\n" || (inner == "\r" && (index == scalars.endIndex || scalars[index] != "\n")) {
                            line += 1
                        }
                        field.append(inner)
                    }
                }
                guard closed else { throw CSVError(line: quoteLine, message: "a quoted field is not closed") }
                fieldStarted = true
                if index < scalars.endIndex, !",\r\n".unicodeScalars.contains(scalars[index]) {
                    throw CSVError(
                        line: line, message: "text after a closing quote; a quote in a field is written \"\"")
                }
            case "\"":
                throw CSVError(line: line, message: "a quote inside an unquoted field; quote the whole field")
            case ",":
                endField()
                fieldStarted = false
            case "\r", "\n":
                if scalar == "\r", index < scalars.endIndex, scalars[index] == "\n" { scalars.formIndex(after: &index) }
                endField()
                fieldStarted = false
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                line += 1
                recordLine = line
            default:
                field.append(scalar)
                fieldStarted = true
            }
        }
        if fieldStarted || !fields.isEmpty {
            endField()
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }

    /// `rows` as CSV text with CRLF line ends, each field quoted when it holds a comma, a quote, a line break or
    /// leading or trailing spaces, and made inert for spreadsheets (``neutralised(_:)``). Every export uses this.
    public static func write(_ rows: [[String]]) -> String {
        var text = ""
        for row in rows {
            text += row.map { quoted(neutralised($0)) }.joined(separator: ",")
            text += "\r\n"
        }
        return text
    }

    /// `field`, made inert for spreadsheets: a field that starts with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return would be read as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+1+1`), so it gets a leading apostrophe,
    /// which spreadsheets show as text and hide. Plain numbers (`-1`, `+2.5`) are left as they are.
    public static func neutralised(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        let rest = field.unicodeScalars.dropFirst()
        let isNumber =
            (first == "+" || first == "-") && !rest.isEmpty
            && rest.allSatisfy { ("0"..."9").contains($0) || $0 == "." } && rest.filter { $0 == "." }.count <= 1
            && rest.first != "." && rest.last != "."
        return isNumber ? field : "'" + field
    }

    /// `field` as one CSV field.
    public static func quoted(_ field: String) -> String {
        let needsQuotes =
            field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        return "\"" + field.replacingQuotes() + "\""
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == "\"" { result.append("\"") }
            result.append(scalar)
        }
        return String(result)
    }
}
