import DRMCore
import DRMEngine
import DRMStore
import Foundation

extension QueuePage {
    /// The queue page drawn from its model: figures, the last hour's throughput chart, latency percentiles, the
    /// workers and the latest tasks.
    struct View {
        var model: Model

        var body: HTML {
            let cards: [(String, String)] = [
                ("Waiting", String(model.overview.depth)), ("Running", String(model.overview.running)),
                ("Delayed", String(model.overview.delayed)),
                ("Succeeded, 1 h", String(model.overview.succeededPerMinute.reduce(0, +))),
                ("Failed, 1 h", String(model.overview.failedPerMinute.reduce(0, +))),
                ("Live workers", "\(model.overview.workers.filter(\.live).count) of \(model.overview.workers.count)"),
            ]
            let cardHTML = cards.map { label, value -> HTML in
                "<div class=\"card\" data-figure=\"\(label)\"><div class=\"value\">\(value)</div><div class=\"label\">\(label)</div></div>"
            }
            let latency = [
                ("Wait (enqueue to claim)", model.overview.waitSeconds),
                ("Run (claim to end)", model.overview.runSeconds),
            ]
            .map { label, values -> HTML in
                let cells = ["p50", "p95", "p99"].map { "<td>\(values[$0].map(Self.seconds) ?? "—")</td>" as HTML }
                return "<tr><th>\(label)</th>\(cells)</tr>"
            }
            let workers = model.overview.workers.map { worker -> HTML in
                """
                <tr><td>\(worker.name)</td><td class="\(worker.live ? "outcome-success" : "outcome-failure")">\(worker.live ? "live" : "gone")</td>
                <td>\(Layout.time(worker.lastSeen))</td><td>\(worker.slots)</td><td>\(worker.active)</td><td>\(worker.processed)</td>
                <td>\(worker.failed)</td><td>\(worker.running)</td></tr>
                """
            }
            let workerTable: HTML =
                workers.isEmpty
                ? "<p class=\"empty\">No worker has reported in the last day.</p>"
                : """
                <table id="workers"><thead><tr><th>Worker</th><th>State</th><th>Last seen</th><th>Slots</th><th>Active</th><th>Processed</th><th>Failed</th><th>Running</th></tr></thead>
                <tbody>\(workers)</tbody></table>
                """
            let taskRows = model.tasks.map { task -> HTML in
                let args = task.args.map { JobForm.json($0).replacingOccurrences(of: "\n", with: " ") }
                return """
                    <tr><td>\(task.id ?? 0)</td><td>\(task.taskName)</td><td class="task-\(task.status.rawValue)">\(task.status.rawValue)</td>
                    <td><code>\(args)</code></td><td>\(task.retries ?? 0)</td><td>\(task.worker)</td><td>\(Layout.time(task.createdAt))</td>
                    <td>\(Layout.time(task.startedAt))</td><td>\(Layout.time(task.completedAt))</td><td>\(task.result.map { String($0.prefix(200)) })</td></tr>
                    """
            }
            let taskTable: HTML =
                model.tasks.isEmpty
                ? "<p class=\"empty\">No tasks yet.</p>"
                : """
                <table id="tasks"><thead><tr><th>#</th><th>Task</th><th>Status</th><th>Arguments</th><th>Retries</th><th>Worker</th><th>Created</th><th>Started</th><th>Ended</th><th>Result</th></tr></thead>
                <tbody>\(taskRows)</tbody></table>
                """
            return """
                <p><a href="\(SiteRoute.system.path)">System health</a>: database, workers, leader, disk, memory.</p>
                <div class="cards">\(cardHTML)</div>
                <h2>Tasks ended per minute, last hour</h2>
                \(Self.minuteChart(succeeded: model.overview.succeededPerMinute, failed: model.overview.failedPerMinute))
                <h2>Latency, last hour</h2>
                <table id="latency"><thead><tr><th></th><th>p50</th><th>p95</th><th>p99</th></tr></thead><tbody>\(latency)</tbody></table>
                <h2>Workers</h2>\(workerTable)
                <h2>Latest tasks</h2>\(taskTable)
                """
        }

        static func seconds(_ value: Double) -> String {
            value < 1 ? String(format: "%.0f ms", value * 1000) : String(format: "%.2f s", value)
        }

        /// A bar per minute, oldest first: succeeded tasks with failed ones stacked on top in red. Plain SVG, no script.
        static func minuteChart(succeeded: [Int], failed: [Int]) -> HTML {
            let minutes = min(succeeded.count, failed.count)
            let height = 120.0
            let step = 10
            let width = max(minutes, 1) * step
            let top = Double(max(zip(succeeded, failed).map { $0 + $1 }.max() ?? 0, 1))
            var bars = ""
            for minute in 0..<minutes {
                let x = minute * step + 1
                let good = Double(succeeded[minute]) / top * height
                let bad = Double(failed[minute]) / top * height
                let label = "\(minutes - minute) min ago: \(succeeded[minute]) succeeded, \(failed[minute]) failed"
                if good > 0 {
                    bars +=
                        "<rect class=\"bar\" x=\"\(x)\" y=\(DashboardPage.View.quoted(height - good + 10)) width=\"8\" height=\(DashboardPage.View.quoted(good))><title>\(label)</title></rect>"
                }
                if bad > 0 {
                    bars +=
                        "<rect class=\"bar bad\" x=\"\(x)\" y=\(DashboardPage.View.quoted(height - good - bad + 10)) width=\"8\" height=\(DashboardPage.View.quoted(bad))><title>\(label)</title></rect>"
                }
            }
            bars +=
                "<text x=\"2\" y=\"\(Int(height) + 24)\">60 min ago</text><text x=\"\(width - 30)\" y=\"\(Int(height) + 24)\">now</text>"
            bars += "<text x=\"\(width - 70)\" y=\"10\">max \(Int(top))/min</text>"
            return HTML(
                unsafe:
                    "<svg class=\"chart\" id=\"throughput\" role=\"img\" aria-label=\"Tasks ended per minute\" width=\"\(width)\" height=\"\(Int(height) + 30)\" viewBox=\"0 0 \(width) \(Int(height) + 30)\">\(bars)</svg>"
            )
        }
    }
}
