public import DRMCore
public import DRMEngine
import Foundation

/// The formats a report is exported in.
public enum ReportFormat: String, Sendable, CaseIterable, Codable {
    case html
    case csv
    case json

    public var contentType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .json: "application/json"
        }
    }
}

/// Draws a report's data as a standalone HTML document with server-drawn SVG charts, as CSV, or as JSON; the
/// reports page shows the same ``body(_:)``.
public enum ReportRendering {
    public static func render(_ data: ReportData, as format: ReportFormat) throws -> String {
        switch format {
        case .json: String(decoding: try JSONEncoder.enableDRM(pretty: true).encode(data), as: UTF8.self)
        case .csv: csv(data)
        case .html:
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(HTML.escape(data.title)) — EnableDRM</title></head>
            <body>\(body(data).text)</body></html>
            """
        }
    }

    static func day(_ date: Date, hourly: Bool) -> String {
        let text = ISO8601DateFormatter().string(from: date)
        return hourly ? String(text.prefix(16)).replacingOccurrences(of: "T", with: " ") : String(text.prefix(10))
    }

    static func number(_ value: Double?, digits: Int = 2) -> String {
        guard let value else { return "" }
        return value == value.rounded() ? String(Int(value)) : String(format: "%.\(digits)f", value)
    }

    /// The report as HTML: its range, totals and trend, its charts and tables.
    static func body(_ data: ReportData) -> HTML {
        let hourly = data.range.chartPeriod == .hour
        let label = { (point: ReportData.Point) in day(point.start, hourly: hourly) }
        var charts: [HTML] = []
        switch data.kind {
        case .jobSuccess, .summary:
            charts.append(
                SVGChart(
                    title: "Success rate", style: .line,
                    points: data.points.map { (label($0), $0.figures.successRate) }, unit: "%"
                ).html)
            charts.append(
                SVGChart(
                    title: "Runs", style: .bar, points: data.points.map { (label($0), Double($0.figures.runs)) },
                    unit: "runs"
                ).html)
        case .targetHealth:
            charts.append(
                SVGChart(
                    title: "Unsuccessful runs by target", style: .bar,
                    points: data.mostFailing.map { ($0.name, Double($0.figures.failures + $0.figures.timedOut)) },
                    unit: "runs"
                ).html)
        case .durations:
            charts.append(
                SVGChart(
                    title: "p95 duration", style: .line, points: data.points.map { (label($0), $0.figures.p95) },
                    unit: "s"
                )
                .html)
            for subject in data.subjects where subject.points != nil {
                charts.append(
                    SVGChart(
                        title: "\(subject.name): p50", style: .line,
                        points: (subject.points ?? []).map { (label($0), $0.figures.p50) }, unit: "s", height: 140
                    ).html)
            }
        case .queueLoad:
            charts.append(
                SVGChart(
                    title: "Runs", style: .bar, points: data.points.map { (label($0), Double($0.figures.runs)) },
                    unit: "runs"
                ).html)
        }
        var sections: [HTML] = []
        if !data.slowest.isEmpty { sections.append(table("Slowest (p95)", data.slowest)) }
        if !data.mostFailing.isEmpty { sections.append(table("Most failing", data.mostFailing)) }
        if data.kind == .targetHealth || data.kind == .summary {
            let names = data.unreachable.map { "<li>\($0)</li>" as HTML }
            sections.append(
                data.unreachable.isEmpty
                    ? "<h3>Unreachable targets</h3><p class=\"empty\">None.</p>"
                    : "<h3>Unreachable targets</h3><ul class=\"unreachable\">\(names)</ul>")
        }
        if let depth = data.queueDepth {
            sections.append(
                "<h3>Queue now</h3><p class=\"queue\">\(depth) task(s) waiting; the oldest for \(number(data.oldestWaitingSeconds, digits: 0)) s.</p>"
            )
        }
        sections.append(table(data.kind == .targetHealth ? "Targets" : "Jobs", data.subjects))
        let filters =
            (data.jobIDs.isEmpty ? "" : " · jobs \(data.jobIDs.map(String.init).joined(separator: ", "))")
            + (data.tag.map { " · tag \($0)" } ?? "")
        return """
            <section class="report" id="report-\(data.kind.rawValue)"><h2>\(data.title)</h2>\
            <p class="range">\(day(data.range.start, hourly: true)) to \(day(data.range.end, hourly: true)) UTC\(filters)</p>\
            \(totals(data))\(charts)\(sections)</section>
            """
    }

    static func totals(_ data: ReportData) -> HTML {
        let now = data.totals
        let before = data.previous
        let trend: String =
            switch (now.successRate, before.successRate) {
            case (let a?, let b?): (a - b >= 0 ? "+" : "") + number(a - b) + " points"
            default: "no earlier runs"
            }
        return """
            <dl class="totals"><dt>Runs</dt><dd id="total-runs">\(now.runs)</dd>\
            <dt>Success rate</dt><dd id="total-success-rate">\(number(now.successRate))%</dd>\
            <dt>Trend</dt><dd>\(trend)</dd>\
            <dt>Failed</dt><dd>\(now.failures)</dd><dt>Timed out</dt><dd>\(now.timedOut)</dd>\
            <dt>Cancelled</dt><dd>\(now.cancelled)</dd>\
            <dt>p50</dt><dd id="total-p50">\(number(now.p50)) s</dd><dt>p95</dt><dd id="total-p95">\(number(now.p95)) s</dd>\
            <dt>Max</dt><dd>\(number(now.max)) s</dd></dl>
            """
    }

    static func table(_ title: String, _ subjects: [ReportData.Subject]) -> HTML {
        let rows = subjects.map { subject -> HTML in
            let f = subject.figures
            return """
                <tr><td>\(subject.name)</td><td>\(f.runs)</td><td>\(f.successes)</td><td>\(f.failures)</td>\
                <td>\(f.timedOut)</td><td>\(number(f.successRate))</td><td>\(number(f.p50))</td><td>\(number(f.p95))</td>\
                <td>\(number(f.max))</td></tr>
                """
        }
        return """
            <h3>\(title)</h3><table class="figures"><thead><tr><th>Name</th><th>Runs</th><th>Succeeded</th>\
            <th>Failed</th><th>Timed out</th><th>Success %</th><th>p50 s</th><th>p95 s</th><th>Max s</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """
    }

    /// One line per total, point and subject.
    static func csv(_ data: ReportData) -> String {
        let subjectKind = data.kind == .targetHealth ? "target" : "job"
        func line(_ section: String, _ id: Int?, _ name: String, _ start: Date?, _ f: ReportData.Figures) -> [String] {
            [
                section, id.map(String.init) ?? "", name, start.map { ISO8601DateFormatter().string(from: $0) } ?? "",
                String(f.runs), String(f.successes), String(f.failures), String(f.timedOut), String(f.cancelled),
                number(f.successRate), number(f.p50, digits: 3), number(f.p95, digits: 3), number(f.max, digits: 3),
            ]
        }
        var rows: [[String]] = [
            [
                "section", "id", "name", "start", "runs", "successes", "failures", "timed_out", "cancelled",
                "success_rate", "p50_seconds", "p95_seconds", "max_seconds",
            ],
            line("total", nil, data.title, data.range.start, data.totals),
            line("previous", nil, data.title, data.range.previous.start, data.previous),
        ]
        rows += data.points.map { line("point", nil, "", $0.start, $0.figures) }
        for subject in data.subjects {
            rows.append(line(subjectKind, subject.id, subject.name, nil, subject.figures))
            rows += (subject.points ?? []).map {
                line("\(subjectKind)_point", subject.id, subject.name, $0.start, $0.figures)
            }
        }
        return CSV.write(rows)
    }
}
