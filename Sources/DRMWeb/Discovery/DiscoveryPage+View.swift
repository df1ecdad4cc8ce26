import DRMCore
import DRMEngine

extension DiscoveryPage {
    /// The discovery page drawn from its model: the start form (range and ports, or a template) and the runs.
    struct View {
        var model: Model
        /// The hidden input that carries the form token.
        var csrf: HTML

        var body: HTML {
            let templates = model.templates.map { "<option value=\"\($0.id)\">\($0.name)</option>" as HTML }
            let form: HTML =
                model.canRun
                ? """
                <h2>New run</h2><form method="post" action="\(SiteRoute.discovery.path)" class="card" id="start-discovery">\(csrf)
                <label>Range<input name="range" placeholder="10.0.0.0/24, 10.0.1.5-20, host.example.com"></label>
                <label>Ports<input name="ports" placeholder="default"></label>
                <label>Template<select name="template_id"><option value="">—</option>\(templates)</select></label>
                <label>Name<input name="name"></label>
                <label class="inline"><input type="checkbox" name="skip_names" value="true"> Skip host-name lookups</label>
                <button>Start discovery</button></form>
                """ : ""
            let rows = model.runs.map { run -> HTML in
                """
                <tr data-run="\(run.id)"><td><a href="\(SiteRoute.discoveryRun(.id(run.id)).path)">\(run.name)</a></td>
                <td>\(run.request.range)</td><td class="status-\(run.status.rawValue)">\(run.status.rawValue)</td>
                <td>\(run.hostsFound)</td><td>\(Layout.time(run.createdAt))</td><td>\(Layout.time(run.completedAt))</td></tr>
                """
            }
            return """
                \(form)
                <h2>Runs</h2><table id="discovery-runs"><thead><tr><th>Name</th><th>Range</th><th>Status</th><th>Hosts</th><th>Started</th><th>Ended</th></tr></thead>
                <tbody>\(rows)</tbody></table><p>\(model.total) run(s)</p>
                """
        }
    }

    /// A run's page drawn from its model: status and progress, the devices with their services, class, inventory
    /// status and review state (a box to tick each), the import and ignore buttons, and the targets gone.
    struct RunView {
        var model: RunModel
        var csrf: HTML

        var body: HTML {
            let run = model.run
            let percent = run.progressTotal == 0 ? 0 : min(100, run.progressDone * 100 / run.progressTotal)
            let progress: HTML =
                run.status.isTerminal
                ? ""
                : """
                <p id="discovery-progress"><progress max="100" value="\(percent)"></progress> \(run.phase ?? "waiting for a worker") \(run.progressDone)/\(run.progressTotal), \(run.openPorts) open</p>
                """
            let cancel: HTML =
                model.canReview && !run.status.isTerminal
                ? """
                <form method="post" action="\(SiteRoute.discoveryRunCancel(.id(run.id)).path)" class="inline">\(csrf)<button>Cancel</button></form>
                """ : ""
            let selectable = model.canReview || model.canImport
            let rows = model.devices.map { device -> HTML in
                let host = device.host
                let services = host.services.map { "\($0.port)/\($0.service.rawValue)" }.joined(separator: " ")
                let box: HTML =
                    selectable && device.reviewState != .imported && device.targetName == nil
                    ? "<input type=\"checkbox\" name=\"device_ids\" value=\"\(device.id)\" form=\"devices\" aria-label=\"Select \(host.address)\">"
                    : ""
                let known = device.targetName.map { " (\($0))" } ?? ""
                let changes: HTML = device.changes.isEmpty ? "" : "<br>\(device.changes.joined(separator: "; "))"
                return """
                    <tr data-device="\(host.address)"><td>\(box)</td><td>\(host.address)</td><td>\(host.hostname ?? "—")</td>
                    <td>\(services)</td><td>\(host.classification.deviceClass?.rawValue ?? "—")</td>
                    <td>\(host.classification.suggestedMethods.joined(separator: ", "))</td>
                    <td class="inventory-\(device.inventory.rawValue)">\(device.inventory.rawValue)\(known)\(changes)</td><td>\(device.reviewState.rawValue)</td></tr>
                    """
            }
            let importButton: HTML =
                model.canImport
                ? "<button formaction=\"\(SiteRoute.discoveryRunImport(.id(run.id)).path)\">Import selected as targets</button>"
                : ""
            let ignoreButton: HTML =
                model.canReview
                ? "<button formaction=\"\(SiteRoute.discoveryRunIgnore(.id(run.id)).path)\">Ignore selected</button>"
                : ""
            let actions: HTML =
                selectable && run.status.isTerminal
                ? "<form method=\"post\" id=\"devices\" action=\"\(SiteRoute.discoveryRunIgnore(.id(run.id)).path)\">\(csrf)\(importButton) \(ignoreButton)</form>"
                : ""
            let gone = model.gone.map { "<li>\($0.name) (\($0.address))</li>" as HTML }
            return """
                <h2>\(run.name)</h2>
                <p id="discovery-status">Status: <strong class="status-\(run.status.rawValue)">\(run.status.rawValue)</strong> — \(run.request.range), ports \(run.request.ports); \(run.hostsFound) host(s)\(run.errorMessage.map { ": \($0)" } ?? "") \(cancel)</p>
                \(progress)
                <table id="discovery-devices"><thead><tr><th></th><th>Address</th><th>Host name</th><th>Services</th><th>Class</th><th>Methods</th><th>Inventory</th><th>Review</th></tr></thead>
                <tbody>\(rows)</tbody></table>
                \(actions)
                \(gone.isEmpty ? "" : "<h2>Gone</h2><ul id=\"discovery-gone\">\(gone)</ul>" as HTML)
                <p><a href="\(SiteRoute.discovery.path)">All runs</a></p>
                """
        }
    }
}
