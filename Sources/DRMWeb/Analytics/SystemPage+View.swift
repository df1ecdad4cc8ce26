import DRMCore
import DRMEngine
import Foundation

extension SystemPage {
    /// The system page drawn from its model: the status and its problems, figures as cards, and the workers.
    struct View {
        var model: Model

        var body: HTML {
            let health = model.health
            let cards: [(String, String)] = [
                ("Status", health.status),
                ("Database", health.database.reachable ? "reachable (\(health.database.dialect))" : "unreachable"),
                ("Database latency", health.database.latencyMilliseconds.map { String(format: "%.1f ms", $0) } ?? "—"),
                ("Database size", health.database.sizeBytes.map(Self.bytes) ?? "—"),
                (
                    "Schema revision",
                    "\(health.database.schemaRevision ?? "base") (head \(health.database.headRevision ?? "base"))"
                ),
                ("Waiting tasks", health.queue.map { String($0.depth) } ?? "—"),
                ("Oldest waiting", health.queue?.oldestPendingSeconds.map { String(format: "%.0f s", $0) } ?? "—"),
                ("Running executions", health.queue.map { String($0.runningExecutions) } ?? "—"),
                ("Live workers", "\(health.workers.filter(\.live).count) of \(health.workers.count)"),
                ("Scheduler leader", Self.leader(health.leader)),
                ("Disk free", health.disk.freeBytes.map(Self.bytes) ?? "—"),
                ("Memory (this process)", health.process.residentBytes.map(Self.bytes) ?? "—"),
                ("Uptime", Self.duration(health.process.uptimeSeconds)),
                ("Version", health.process.version),
            ]
            let cardHTML = cards.map { label, value -> HTML in
                "<div class=\"card\" data-figure=\"\(label)\"><div class=\"value\">\(value)</div><div class=\"label\">\(label)</div></div>"
            }
            let problems: HTML =
                health.problems.isEmpty
                ? "<p class=\"notice\" id=\"health-status\">Everything is in order.</p>"
                : "<ul class=\"problems\" id=\"health-status\">\(health.problems.map { "<li>\($0)</li>" as HTML })</ul>"
            let workers = health.workers.map { worker -> HTML in
                """
                <tr><td>\(worker.name)</td><td class="\(worker.live ? "outcome-success" : "outcome-failure")">\(worker.live ? "live" : "gone")</td><td>\(Layout.time(worker.lastSeen))</td></tr>
                """
            }
            let workerTable: HTML =
                workers.isEmpty
                ? "<p class=\"empty\">No worker has reported in the last day.</p>"
                : """
                <table id="workers"><thead><tr><th>Worker</th><th>State</th><th>Last heartbeat</th></tr></thead>
                <tbody>\(workers)</tbody></table>
                """
            return """
                \(problems)
                <div class="cards">\(cardHTML)</div>
                <p>Data directory: <code>\(health.disk.path)</code>. Checked \(Layout.time(health.checkedAt)); started \(Layout.time(health.process.startedAt)).</p>
                <h2>Workers</h2>\(workerTable)
                """
        }

        static func leader(_ leader: SystemHealth.LeaderState?) -> String {
            guard let leader else { return "—" }
            if leader.singleNode { return "this node (single node)" }
            return leader.holder ?? "none"
        }

        static func bytes(_ value: Int) -> String {
            ByteCountFormatter.string(fromByteCount: Int64(value), countStyle: .binary)
        }

        static func duration(_ seconds: Double) -> String {
            let total = Int(seconds)
            let (days, hours, minutes) = (total / 86_400, total % 86_400 / 3600, total % 3600 / 60)
            return days > 0
                ? "\(days) d \(hours) h" : hours > 0 ? "\(hours) h \(minutes) min" : "\(minutes) min \(total % 60) s"
        }
    }
}
