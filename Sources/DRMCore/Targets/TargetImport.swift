public import Foundation

/// The target import and export formats: CSV with a header row, or a JSON array of objects, both with the columns
/// `name, host, port, username, password, key_file, tags, os_type` (all required in a CSV header) and optionally
/// `environment` and `description`. Cells may be empty; `tags` are separated by `;` (in JSON also an array).
///
/// Each row comes back validated or with all its problems, so one bad row doesn't hide the others. The caller limits
/// the input's size; parsing is linear.
public enum TargetImport {
    /// The columns a CSV header must have, in export order.
    public static let requiredColumns = ["name", "host", "port", "username", "password", "key_file", "tags", "os_type"]
    /// The columns it may also have.
    public static let optionalColumns = ["environment", "description", "host_key"]
    /// The environments a row may name.
    public static let environments = ["production", "staging", "development", "testing"]

    /// One imported row: where it was and what came of it.
    public typealias Outcome = Result<TargetImportRow, RowErrors>

    /// Every problem of one row (never empty).
    public struct RowErrors: Error, Sendable, Hashable {
        /// The problems, in column order.
        public var errors: [TargetImportRowError]
    }

    /// The rows of a CSV text, each validated. Blank lines are skipped.
    public static func parseCSV(_ text: String) throws(TargetImportError) -> [Outcome] {
        let records: [CSV.Record]
        do {
            records = try CSV.parse(text)
        } catch {
            throw TargetImportError(message: "CSV \(error)")
        }
        guard let header = records.first else {
            throw TargetImportError(message: "the CSV is empty; it needs a header row")
        }
        let columns = try checkedColumns(header.fields.map { $0.trimmingSpaces.lowercased() })
        return records.dropFirst().compactMap { record in
            if record.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) { return nil }
            guard record.fields.count == columns.count else {
                let problem = "has \(record.fields.count) fields; the header has \(columns.count)"
                return .failure(.init(errors: [TargetImportRowError(row: record.line, field: nil, message: problem)]))
            }
            let cells = Dictionary(zip(columns, record.fields), uniquingKeysWith: { first, _ in first })
            return validated(cells, row: record.line, tags: nil)
        }
    }

    /// The rows of a JSON array of objects, each validated; `port` may be a number or a string, `tags` an array of
    /// strings or one `;`-separated string. A key that isn't a column is a problem of its row.
    public static func parseJSON(_ data: Data) throws(TargetImportError) -> [Outcome] {
        guard let document = try? JSONDecoder().decode(JSONValue.self, from: data), case .array(let items) = document
        else { throw TargetImportError(message: "JSON: expected an array of objects") }
        let known = Set(requiredColumns + optionalColumns)
        return items.enumerated().map { offset, item in
            let row = offset + 1
            guard case .object(let object) = item else {
                return .failure(
                    .init(errors: [TargetImportRowError(row: row, field: nil, message: "is not an object")]))
            }
            var errors: [TargetImportRowError] = []
            var cells: [String: String] = [:]
            var tags: [String]?
            for key in object.keys.sorted() where !known.contains(key) {
                errors.append(TargetImportRowError(row: row, field: key, message: "unknown column"))
            }
            for key in object.keys.sorted() where known.contains(key) {
                switch (key, object[key]!) {
                case (_, .null): break
                case (_, .string(let text)): cells[key] = text
                case ("port", .number(let number)) where number.rounded() == number && abs(number) < 1e9:
                    cells[key] = String(Int(number))
                case ("tags", .array(let elements)):
                    let strings = elements.compactMap { if case .string(let tag) = $0 { tag } else { nil } }
                    if strings.count == elements.count {
                        tags = strings
                    } else {
                        errors.append(TargetImportRowError(row: row, field: key, message: "must be strings"))
                    }
                case ("port", _):
                    errors.append(
                        TargetImportRowError(row: row, field: key, message: "must be a whole number or a string"))
                case ("tags", _):
                    errors.append(
                        TargetImportRowError(row: row, field: key, message: "must be a string or an array of strings"))
                default:
                    errors.append(TargetImportRowError(row: row, field: key, message: "must be a string"))
                }
            }
            switch validated(cells, row: row, tags: tags) {
            case .success(let imported) where errors.isEmpty: return .success(imported)
            case .success: return .failure(.init(errors: errors))
            case .failure(let problems): return .failure(.init(errors: errors + problems.errors))
            }
        }
    }

    /// `rows` as CSV: the header in ``requiredColumns`` order then ``optionalColumns``, one line per row.
    public static func exportCSV(_ rows: [TargetImportRow]) -> String {
        exportCSVHeader + exportCSVLines(rows)
    }

    /// The header line of ``exportCSV(_:)``.
    public static var exportCSVHeader: String { CSV.write([requiredColumns + optionalColumns]) }

    /// The lines of `rows` in ``exportCSV(_:)``, without the header: what a streamed export writes per batch.
    public static func exportCSVLines(_ rows: [TargetImportRow]) -> String {
        CSV.write(
            rows.map { row in
                [
                    row.name, row.host, row.port.map(String.init) ?? "", row.username ?? "", row.password ?? "",
                    row.keyFile ?? "", row.tags.joined(separator: ";"), row.osType ?? "", row.environment ?? "",
                    row.description ?? "", row.hostKey ?? "",
                ]
            })
    }

    static func checkedColumns(_ columns: [String]) throws(TargetImportError) -> [String] {
        let allowed = requiredColumns + optionalColumns
        let unknown = columns.filter { !allowed.contains($0) }
        guard unknown.isEmpty else {
            throw TargetImportError(
                message:
                    "unknown columns: \(unknown.joined(separator: ", ")); columns: \(allowed.joined(separator: ", "))")
        }
        var seen = Set<String>()
        let repeated = columns.filter { !seen.insert($0).inserted }
        guard repeated.isEmpty else {
            throw TargetImportError(message: "repeated columns: \(repeated.joined(separator: ", "))")
        }
        let missing = requiredColumns.filter { !columns.contains($0) }
        guard missing.isEmpty else {
            throw TargetImportError(message: "missing columns: \(missing.joined(separator: ", "))")
        }
        return columns
    }
}
