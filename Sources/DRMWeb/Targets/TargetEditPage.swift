import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/targets/{id}`: one target, its methods (credentials as metadata only), a form to change its fields and its
/// SSH host keys (accept the offered key, pin one, forget one). The page is a model (``TargetEditPage/Model``) drawn
/// by a view (``TargetEditPage/View``).
struct TargetEditPage: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteRoute.target(.parameter).components, use: show)
        routes.post(SiteRoute.target(.parameter).components, use: save)
        routes.post(SiteRoute.targetHostKey(.parameter).components, use: changeHostKey)
    }

    static let notices = [
        "saved": "Target saved.", "accepted": "Host key accepted.", "pinned": "Host key pinned.",
        "forgotten": "Host key forgotten: the next connection test records the key it sees.",
    ]

    func show(request: Request) async throws -> HTML {
        try await render(request, notice: request.query[String.self, at: "notice"].flatMap { Self.notices[$0] })
    }

    func render(_ request: Request, notice: String? = nil, error: String? = nil) async throws -> HTML {
        let model = try await Model.load(request)
        return try Layout.page(
            request, .targets, notice: notice, error: error,
            content: try View(model: model, csrf: Layout.csrf(request)).body)
    }

    struct EditForm: Content {
        var name: String
        var os_type: String
        var environment: String
        var status: String
        var device_type: String?
        var tags: String?
        var description: String?
    }

    func save(request: Request) async throws -> Response {
        try await request.require(.init(.targets, .update))
        let id = try request.id(of: "target")
        let form = try request.content.decode(EditForm.self)
        guard let environment = TargetEnvironment(rawValue: form.environment),
            let status = TargetStatus(rawValue: form.status)
        else {
            return try await render(request, error: "environment or status: not one of the choices")
                .encodeResponse(status: .unprocessableEntity)
        }
        let tags = (form.tags ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        request.rendersRefusals { message in try await render(request, error: message) }
        _ = try await request.targets.update(
            id,
            TargetChanges(
                name: form.name, osType: form.os_type, environment: environment, status: status,
                description: form.description ?? "", deviceType: form.device_type ?? "", tags: tags))
        return request.redirect(to: SiteRoute.target(.id(id)).path(notice: "saved"))
    }

    struct HostKeyForm: Content {
        var method_id: Int
        var action: String
        var host_key: String?
    }

    /// Accepts the key the last test saw, pins a key given as a line, or forgets the pinned key of one SSH method.
    func changeHostKey(request: Request) async throws -> Response {
        try await request.require(.init(.hostKeys, .update))
        let id = try request.id(of: "target")
        let form = try request.content.decode(HostKeyForm.self)
        request.rendersRefusals { message in try await render(request, error: message) }
        switch form.action {
        case "accept":
            let result = try await request.hostKeyReview.acceptOffered(targetIDs: [id], methodID: form.method_id)
            guard !result.accepted.isEmpty || !result.skipped.isEmpty else {
                throw TargetError.notFound("ssh method")
            }
            if let skipped = result.skipped.first {
                return try await render(request, error: "Host key not accepted: \(skipped.reason).")
                    .encodeResponse(status: .conflict)
            }
            return request.redirect(to: SiteRoute.target(.id(id)).path(notice: "accepted"))
        case "pin":
            _ = try await request.targets.pinHostKey(form.host_key ?? "", method: form.method_id, of: id)
            return request.redirect(to: SiteRoute.target(.id(id)).path(notice: "pinned"))
        case "forget":
            try await request.hostKeyReview.forget(method: form.method_id, of: id)
            return request.redirect(to: SiteRoute.target(.id(id)).path(notice: "forgotten"))
        default:
            throw TargetError.invalid(field: "action", message: "must be accept, pin or forget")
        }
    }
}
