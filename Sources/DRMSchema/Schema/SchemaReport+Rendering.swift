import Foundation

extension SchemaReport {
    /// The report as text, one section after another.
    public var text: String {
        var lines = ["Schema health report", check.revisionLine, ""]
        lines.append("Tables (\(tables.count)):")
        lines += tables.map { "  \($0.name): \($0.rows) rows" + ($0.bytes.map { ", \(Self.size($0))" } ?? "") }
        lines.append("")
        lines.append("Foreign keys (\(foreignKeys.count)), without an index: \(unindexedForeignKeys.count)")
        lines += unindexedForeignKeys.map {
            "  no index: \($0.name) on \($0.table) (\($0.columns.joined(separator: ", ")))"
        }
        lines += foreignKeys.filter { !$0.isValidated }.map { "  not validated: \($0.name)" }
        lines.append("Orphaned rows: \(orphans.isEmpty ? "none" : "")")
        lines += orphans.map { "  \($0.table): \($0.orphanedRows) rows point nowhere through \($0.name)" }
        lines.append("")
        lines.append("Indexes (\(indexes.count)):")
        lines += indexes.map { index in
            "  \(index.name) on \(index.table) (\(index.columns.joined(separator: ", ")))"
                + (index.scans.map { ", \($0) scans" } ?? "")
        }
        lines.append("Views (\(views.count)):\(views.isEmpty ? " none" : "")")
        lines += views.map { "  \($0)" }
        lines.append("Duplicate or redundant indexes: \(redundantIndexes.isEmpty ? "none" : "")")
        lines += redundantIndexes.map { "  \($0)" }
        lines.append("Naming-convention violations: \(namingViolations.isEmpty ? "none" : "")")
        lines += namingViolations.map { "  \($0)" }
        lines.append("")
        lines.append("Drift from the \(check.comparedWith): \(check.differences.isEmpty ? "none" : "")")
        lines += check.differences.map { "  \($0)" }
        return lines.joined(separator: "\n")
    }

    /// The report as one self-contained HTML page (inline CSS, no scripts).
    public var html: String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        func table(_ headers: [String], _ rows: [[String]]) -> String {
            guard !rows.isEmpty else { return "<p class=ok>None.</p>" }
            let head = headers.map { "<th>\(escape($0))</th>" }.joined()
            let body = rows.map { "<tr>" + $0.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }.joined(
                separator: "\n")
            return "<table><thead><tr>\(head)</tr></thead><tbody>\n\(body)\n</tbody></table>"
        }
        let sections: [(String, String)] = [
            (
                "Drift",
                table(
                    ["category", "object", "expected", "found"],
                    check.differences.map {
                        [$0.category.rawValue, $0.object, $0.expected ?? "", $0.found ?? ""]
                    })
            ),
            (
                "Tables",
                table(
                    ["table", "rows", "size"],
                    tables.map { [$0.name, String($0.rows), $0.bytes.map(Self.size) ?? "–"] })
            ),
            (
                "Foreign keys without an index",
                table(
                    ["table", "foreign key", "columns"],
                    unindexedForeignKeys.map {
                        [$0.table, $0.name, $0.columns.joined(separator: ", ")]
                    })
            ),
            (
                "Orphaned rows",
                table(["table", "foreign key", "rows"], orphans.map { [$0.table, $0.name, String($0.orphanedRows)] })
            ),
            ("Views", table(["view"], views.map { [$0] })),
            ("Duplicate or redundant indexes", table(["finding"], redundantIndexes.map { [$0] })),
            ("Naming-convention violations", table(["finding"], namingViolations.map { [$0] })),
            (
                "Foreign keys",
                table(
                    ["table", "name", "columns", "references", "on delete", "indexed"],
                    foreignKeys.map {
                        [
                            $0.table, $0.name, $0.columns.joined(separator: ", "), $0.references, $0.onDelete,
                            $0.isIndexed ? "yes" : "no",
                        ]
                    })
            ),
            (
                "Indexes",
                table(
                    ["table", "name", "columns", "unique", "scans"],
                    indexes.map {
                        [
                            $0.table, $0.name, $0.columns.joined(separator: ", "), $0.isUnique ? "yes" : "",
                            $0.scans.map(String.init) ?? "–",
                        ]
                    })
            ),
        ]
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>EnableDRM schema health</title>
            <style>
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1d2330; }
            h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
            table { border-collapse: collapse; } th, td { border: 1px solid #d4d8e0; padding: .25rem .6rem; text-align: left; }
            th { background: #eef1f6; } .ok { color: #2d7a3e; } .status { font-weight: 600; }
            </style></head><body>
            <h1>EnableDRM schema health</h1>
            <p class=status>\(escape(check.revisionLine))</p>
            \(sections.map { "<h2>\(escape($0.0))</h2>\n\($0.1)" }.joined(separator: "\n"))
            </body></html>
            """
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MiB", Double(bytes) / 1_048_576) : "\(bytes / 1024) KiB"
    }
}
