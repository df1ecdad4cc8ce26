import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// `/targets`: the inventory. Filter it with the filter language, add a target with a method and its
/// credential, run connection tests and read their outcome; credentials are never shown.
struct TargetsPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.targets.components, use: show)
        routes.post(SiteRoute.targets.components, use: create)
        routes.post(SiteRoute.targetTest(.parameter).components, use: test)
        routes.post(SiteRoute.targetDelete(.parameter).components, use: delete)
        routes.post(SiteRoute.targetsImport.components, use: importCSV)
        routes.post(SiteRoute.targetsBulkTest.components, use: bulkTest)
        routes.post(SiteRoute.targetsBulkRun.components, use: bulkRun)
    }

    func show(request: Request) async throws -> HTML {
        try await render(request, notice: request.query[String.self, at: "notice"].flatMap { Self.notices[$0] })
    }

    static let notices = [
        "created": "Target created.", "tested": "Connection test done.", "deleted": "Target deleted.",
    ]

    func render(
        _ request: Request, notice: String? = nil, error: String? = nil, form: CreateForm? = nil, report: HTML = ""
    ) async throws -> HTML {
        let principal = try await request.require(.targets)
        let role = principal.user.role
        let filterText = request.query[String.self, at: "filter"] ?? ""
        let text = request.query[String.self, at: "q"] ?? ""
        var problem = error
        var filter: TargetFilter?
        if !filterText.isEmpty {
            do { filter = try TargetFilter.parse(filterText) } catch { problem = "Filter: \(error.description)" }
        }
        let page = try PageRequest(request)
        var query = TargetQuery(filter: filter, text: text.isEmpty ? nil : text)
        query.offset = page.offset
        query.limit = page.perPage
        let (records, total) =
            problem == nil || filter != nil || filterText.isEmpty ? try await request.targets.list(query) : ([], 0)
        let canTest = PermissionTable.allows(role, .init(.targets, .execute))
        let canDelete = PermissionTable.allows(role, .init(.targets, .delete))
        let rows = try records.map { record -> HTML in
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
                canTest
                ? "<form method=\"post\" action=\"\(SiteRoute.targetTest(.id(id)).path)\" class=\"inline\">\(Layout.csrf(request))<button>Test</button></form>"
                : ""
            let deleteButton: HTML =
                canDelete
                ? "<form method=\"post\" action=\"\(SiteRoute.targetDelete(.id(id)).path)\" class=\"inline\" data-confirm=\"Delete \(record.target.name)?\">\(Layout.csrf(request))<button class=\"danger\">Delete</button></form>"
                : ""
            return """
                <tr data-target="\(record.target.name)"><td><input type="checkbox" name="target_ids[]" value="\(id)" form="bulk" aria-label="select \(record.target.name)"></td><td>\(record.target.targetSerial)</td><td><a href="\(SiteRoute.target(.id(id)).path)">\(record.target.name)</a></td>
                <td>\(methods)</td><td>\(record.target.osType)</td><td>\(record.target.environment)</td>
                <td>\(record.target.status)</td><td class="health-\(record.target.healthStatus)">\(record.target.healthStatus)</td>
                <td>\(record.tags.joined(separator: ", "))</td><td>\(testButton)\(deleteButton)</td></tr>
                """
        }
        let createForm: HTML =
            PermissionTable.allows(role, .init(.targets, .create)) ? Self.createForm(request, form ?? CreateForm()) : ""
        let table: HTML =
            records.isEmpty
            ? "<p class=\"empty\">No targets match.</p>"
            : """
            <table id="targets"><thead><tr><th></th><th>Serial</th><th>Name</th><th>Methods and last test</th><th>OS</th><th>Environment</th><th>Status</th><th>Health</th><th>Tags</th><th></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(Layout.pager(path: SiteRoute.targets.path, query: ["filter": filterText, "q": text], page: page.page, perPage: page.perPage, total: total))
            """
        return try Layout.page(
            request, .targets, notice: notice, error: problem,
            content: """
                <form method="get" action="\(SiteRoute.targets.path)" class="filters">
                <label>Filter<input name="filter" value="\(filterText)" size="40" placeholder="tag=web and os=linux"></label>
                <label>Text<input name="q" value="\(text)"></label><button>Filter</button></form>
                \(report)\(Self.bulkForms(request, role: role))\(table)\(createForm)
                """)
    }

    static func createForm(_ request: Request, _ form: CreateForm) -> HTML {
        let methods = ["ssh", "rest_api", "smtp", "postgresql", "winrm"].map {
            "<option\(HTML.flag("selected", form.method == $0))>\($0)</option>" as HTML
        }
        let environments = TargetEnvironment.allCases.map {
            "<option\(HTML.flag("selected", form.environment == $0.rawValue))>\($0.rawValue)</option>" as HTML
        }
        return """
            <h2>New target</h2><form method="post" action="\(SiteRoute.targets.path)" class="card" id="new-target">\(Layout.csrf(request))
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

    struct CreateForm: Content {
        var name = ""
        var method = "ssh"
        var host = ""
        var port = ""
        var username = ""
        var password: String? = nil
        var private_key: String? = nil
        var tags = ""
        var os_type = "linux"
        var environment = "development"

        var osType: String { os_type }

        /// The draft the form describes: one primary method with its credential.
        func draft() -> TargetDraft {
            var config: [String: JSONValue] = [:]
            if method == "rest_api" {
                config["base_url"] = .string(host)
            } else {
                config["host"] = .string(host)
                if let port = Int(port) { config["port"] = .number(Double(port)) }
            }
            let key = private_key?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let hasSecret = !(password ?? "").isEmpty || !key.isEmpty || !username.isEmpty
            let credential =
                hasSecret
                ? CredentialInput(
                    type: key.isEmpty ? .password : .sshKey, username: username.isEmpty ? nil : username,
                    password: password, privateKey: key.isEmpty ? nil : key + "\n")
                : nil
            return TargetDraft(
                name: name, osType: os_type, environment: TargetEnvironment(rawValue: environment) ?? .development,
                tags: tags.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                methods: [MethodDraft(methodType: method, config: .object(config), credential: credential)])
        }
    }

    func create(request: Request) async throws -> Response {
        try await request.require(.init(.targets, .create))
        let form = try request.content.decode(CreateForm.self)
        var shown = form
        shown.password = nil
        shown.private_key = nil
        request.rendersRefusals { [shown] message in try await render(request, error: message, form: shown) }
        _ = try await request.targets.create(form.draft())
        return request.redirect(to: SiteRoute.targets.path(notice: "created"))
    }

    func test(request: Request) async throws -> Response {
        try await request.require(.init(.targets, .execute))
        let id = try request.id(of: "target")
        _ = try await request.connectionTester.test(targetIDs: [id])
        return request.redirect(to: SiteRoute.targets.path(notice: "tested"))
    }

    func delete(request: Request) async throws -> Response {
        try await request.require(.init(.targets, .delete))
        try await request.targets.delete(try request.id(of: "target"))
        return request.redirect(to: SiteRoute.targets.path(notice: "deleted"))
    }
}
