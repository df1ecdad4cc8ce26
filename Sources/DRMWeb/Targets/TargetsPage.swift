import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// `/targets`: the inventory. Filter it with the filter language, add a target with a method and its
/// credential, run connection tests and read their outcome; credentials are never shown. The page is a model
/// (``TargetsPage/Model``) drawn by a view (``TargetsPage/View``).
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
        let model = try await Model.load(request)
        let view = View(model: model, csrf: Layout.csrf(request), form: form ?? CreateForm(), report: report)
        return try Layout.page(request, .targets, notice: notice, error: error ?? model.problem, content: view.body)
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
