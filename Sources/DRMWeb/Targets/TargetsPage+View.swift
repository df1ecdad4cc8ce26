import DRMCore
import DRMEngine
import DRMStore

extension TargetsPage {
    /// The targets page drawn from its model: the filters, a bulk report, the bulk and import forms, the page of
    /// targets and the create form, each form only for roles that may use it. Credentials are never shown.
    struct View {
        var model: Model
        /// The hidden input that carries the form token.
        var csrf: HTML
        /// The create form as sent, shown again after a refusal (never with its secrets).
        var form = CreateForm()
        /// The report of an import, shown above the table.
        var report: HTML = ""

        var body: HTML {
            get throws {
                let rows = try model.records.map(row)
                let table: HTML =
                    model.records.isEmpty
                    ? "<p class=\"empty\">No targets match.</p>"
                    : """
                    <table id="targets"><thead><tr><th></th><th>Serial</th><th>Name</th><th>Methods and last test</th><th>OS</th><th>Environment</th><th>Status</th><th>Health</th><th>Tags</th><th></th></tr></thead>
                    <tbody>\(rows)</tbody></table>
                    \(Layout.pager(path: SiteRoute.targets.path, query: ["filter": model.filterText, "q": model.text], page: model.page, perPage: model.perPage, total: model.total))
                    """
                return """
                    <form method="get" action="\(SiteRoute.targets.path)" class="filters">
                    <label>Filter<input name="filter" value="\(model.filterText)" size="40" placeholder="tag=web and os=linux"></label>
                    <label>Text<input name="q" value="\(model.text)"></label><button>Filter</button></form>
                    \(report)\(bulkForms)\(table)\(model.allows(.targets, .create) ? createForm : "")
                    """
            }
        }

        /// One target's row: its methods with their last test and host key, and its buttons.
        func row(_ record: TargetRecord) throws -> HTML {
            let id = try record.target.savedID
            let methods = record.methods.map { method -> HTML in
                let tested: HTML =
                    switch method.method.lastTestSuccess {
                    case true?: "<span class=\"outcome-success\">ok</span> \(method.method.lastTestLatencyMS ?? 0) ms"
                    case false?:
                        "<span class=\"outcome-failure\">\(method.method.lastTestCategory ?? "failed")</span>: \(method.method.lastTestMessage ?? "")"
                    case nil: "<span class=\"empty\">not tested</span>"
                    }
                let key = method.method.hostKey.flatMap(KeyFingerprint.ofPublicKeyLine)
                return """
                    <div>\(method.method.methodType) \(method.host ?? "?")\(method.port.map { ":\($0)" } ?? "")\(method.method.isPrimary ? " (primary)" : "")
                    · \(tested)\(key.map { " · host key <code>\($0)</code>" as HTML } ?? "")</div>
                    """
            }
            let testButton: HTML =
                model.allows(.targets, .execute)
                ? "<form method=\"post\" action=\"\(SiteRoute.targetTest(.id(id)).path)\" class=\"inline\">\(csrf)<button>Test</button></form>"
                : ""
            let deleteButton: HTML =
                model.allows(.targets, .delete)
                ? "<form method=\"post\" action=\"\(SiteRoute.targetDelete(.id(id)).path)\" class=\"inline\" data-confirm=\"Delete \(record.target.name)?\">\(csrf)<button class=\"danger\">Delete</button></form>"
                : ""
            return """
                <tr data-target="\(record.target.name)"><td><input type="checkbox" name="target_ids[]" value="\(id)" form="bulk" aria-label="select \(record.target.name)"></td><td>\(record.target.targetSerial)</td><td><a href="\(SiteRoute.target(.id(id)).path)">\(record.target.name)</a></td>
                <td>\(methods)</td><td>\(record.target.osType)</td><td>\(record.target.environment)</td>
                <td>\(record.target.status)</td><td class="health-\(record.target.healthStatus)">\(record.target.healthStatus)</td>
                <td>\(record.tags.joined(separator: ", "))</td><td>\(testButton)\(deleteButton)</td></tr>
                """
        }

        /// The create form: one primary method with its credential.
        var createForm: HTML {
            let methods = ["ssh", "rest_api", "smtp", "postgresql", "winrm"].map {
                "<option\(HTML.flag("selected", form.method == $0))>\($0)</option>" as HTML
            }
            let environments = TargetEnvironment.allCases.map {
                "<option\(HTML.flag("selected", form.environment == $0.rawValue))>\($0.rawValue)</option>" as HTML
            }
            return """
                <h2>New target</h2><form method="post" action="\(SiteRoute.targets.path)" class="card" id="new-target">\(csrf)
                <label>Name<input name="name" required maxlength="100" value="\(form.name)"></label>
                <label>Method<select name="method">\(methods)</select></label>
                <label>Host or URL<input name="host" required value="\(form.host)" placeholder="10.0.0.5 or https://api.example"></label>
                <label>Port<input name="port" type="number" min="1" max="65535" value="\(form.port)"></label>
                <label>User<input name="username" value="\(form.username)" autocomplete="off"></label>
                <label>Password<input name="password" type="password" autocomplete="new-password"></label>
                <label>Private key<textarea name="private_key" rows="2" cols="30" placeholder="-----BEGIN OPENSSH PRIVATE KEY-----"></textarea></label>
                <label>Tags<input name="tags" value="\(form.tags)" placeholder="web; linux"></label>
                <label>OS<input name="os_type" value="\(form.osType)" size="8"></label>
                <label>Environment<select name="environment">\(environments)</select></label>
                <button>Create target</button></form>
                """
        }

        /// The import form and, for the selection ticked in the table, the bulk test and run forms.
        var bulkForms: HTML {
            var forms: [HTML] = []
            let canTest = model.allows(.targets, .execute)
            let canRun = model.allows(.adhocCommands, .execute)
            if canTest || canRun {
                forms.append(
                    """
                    <form method="post" id="bulk" class="filters">\(csrf)
                    <label><span><input type="checkbox" data-select-all> all on this page</span></label>
                    \(canTest ? "<button formaction=\"\(SiteRoute.targetsBulkTest.path)\">Test selected</button>" as HTML : "")
                    \(canRun ? "<label>Command<input name=\"command\" size=\"30\" placeholder=\"uptime\"></label><button formaction=\"\(SiteRoute.targetsBulkRun.path)\">Run on selected</button>" as HTML : "")</form>
                    """)
            }
            if model.allows(.targets, .create) {
                forms.append(
                    """
                    <h2>Import from CSV</h2><form method="post" action="\(SiteRoute.targetsImport.path)" class="card" id="import-targets">\(csrf)
                    <label>CSV file<input type="file" accept=".csv,text/csv" data-read-into="csv"></label>
                    <label class="wide">or paste it (columns: name, host, port, username, password, key_file, tags, os_type, host_key)
                    <textarea name="csv" id="csv" rows="4" cols="90" required></textarea></label><button>Import</button></form>
                    """)
            }
            return HTML(unsafe: forms.map(\.text).joined())
        }
    }
}
