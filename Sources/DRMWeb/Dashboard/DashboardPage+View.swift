import DRMCore
import DRMEngine
import DRMStore
import Foundation

extension DashboardPage {
    /// The dashboard drawn from its model: a greeting, figure cards, and the last day's audit activity as a chart.
    struct View {
        var model: Model

        var body: HTML {
            let targets = model.figures.targetHealth
            var cards: [(String, String)] = [
                ("Targets", String(targets.count)),
                ("Healthy targets", "\(targets.filter { $0 == "healthy" }.count) of \(targets.count)"),
                ("Active users", "\(model.figures.activeUsers) of \(model.figures.users)"),
                ("Open sessions", String(model.figures.openSessions)),
            ]
            var chart: HTML = ""
            if model.withAudit {
                let events = model.figures.events
                let failed = events.filter { $0.action == AuditAction.loginFailed.rawValue }.count
                let denied = events.filter { $0.outcome == AuditOutcome.denied.rawValue }.count
                cards += [
                    ("Audit events, 24 h", String(events.count)), ("Failed log-ins, 24 h", String(failed)),
                    ("Denied requests, 24 h", String(denied)),
                ]
                chart = """
                    <h2>Activity in the last 24 hours</h2>
                    \(Self.hourlyChart(events.map { ($0.occurredAt, $0.outcome != AuditOutcome.success.rawValue) }, until: model.now))
                    """
            }
            var runs: HTML = ""
            if let week = model.runs {
                cards += [
                    ("Running executions", String(week.running.count)),
                    ("Success rate, 7 days", week.ended == 0 ? "—" : "\(week.completed * 100 / week.ended) %"),
                    ("Mean run time, 7 days", ExecutionsPage.duration(week.meanSeconds)),
                    ("Longest run, 7 days", ExecutionsPage.duration(week.longestSeconds)),
                ]
                let running = Self.runs("Running now", id: "running", week.running)
                runs = "\(running)\(Self.runs("Last failures", id: "failures", week.failures))"
            }
            let cardHTML = cards.map { label, value -> HTML in
                "<div class=\"card\"><div class=\"value\">\(value)</div><div class=\"label\">\(label)</div></div>"
            }
            return """
                <p>Welcome, \(model.username).</p>
                <div class="cards">\(cardHTML)</div>\(runs)\(chart)
                """
        }

        /// A short table of executions, or nothing when there are none.
        static func runs(_ title: String, id: String, _ executions: [ExecutionSummary]) -> HTML {
            guard !executions.isEmpty else { return "" }
            let rows = executions.map { run -> HTML in
                "<tr><td><a href=\"\(SiteRoute.execution(.id(run.id)).path)\">\(run.serial)</a></td><td>\(ExecutionsPage.job(run))</td><td>\(ExecutionsPage.badge(run.status))</td><td>\(ExecutionsPage.counts(run.targets))</td><td>\(Layout.time(run.createdAt))</td></tr>"
            }
            return
                "<h2>\(title)</h2><table id=\"\(id)\"><thead><tr><th>Execution</th><th>Job</th><th>Status</th><th>Targets</th><th>Created</th></tr></thead><tbody>\(rows)</tbody></table>"
        }

        /// A bar per hour: all events, with failures and denials stacked in red. Plain SVG, no script.
        static func hourlyChart(_ events: [(Date, Bool)], until now: Date) -> HTML {
            var all = [Int](repeating: 0, count: 24)
            var bad = [Int](repeating: 0, count: 24)
            for (time, isBad) in events {
                let hoursAgo = Int(now.timeIntervalSince(time) / 3600)
                guard (0..<24).contains(hoursAgo) else { continue }
                all[23 - hoursAgo] += 1
                if isBad { bad[23 - hoursAgo] += 1 }
            }
            let height = 120.0
            let width = 24 * 22
            let top = Double(max(all.max() ?? 0, 1))
            var bars = ""
            for hour in 0..<24 {
                let x = hour * 22 + 2
                let total = Double(all[hour]) / top * height
                let failures = Double(bad[hour]) / top * height
                bars +=
                    "<rect class=\"bar\" x=\"\(x)\" y=\(quoted(height - total + 10)) width=\"18\" height=\(quoted(total))><title>\(all[hour]) events</title></rect>"
                if failures > 0 {
                    bars +=
                        "<rect class=\"bar bad\" x=\"\(x)\" y=\(quoted(height - failures + 10)) width=\"18\" height=\(quoted(failures))><title>\(bad[hour]) failed or denied</title></rect>"
                }
            }
            bars +=
                "<text x=\"2\" y=\"\(Int(height) + 24)\">24 h ago</text><text x=\"\(width - 30)\" y=\"\(Int(height) + 24)\">now</text>"
            bars += "<text x=\"\(width - 60)\" y=\"10\">max \(Int(top))/h</text>"
            return HTML(
                unsafe:
                    "<svg class=\"chart\" role=\"img\" aria-label=\"Audit events per hour\" width=\"\(width)\" height=\"\(Int(height) + 30)\" viewBox=\"0 0 \(width) \(Int(height) + 30)\">\(bars)</svg>"
            )
        }

        static func quoted(_ value: Double) -> String { "\"\(String(format: "%.1f", value))\"" }
    }
}
