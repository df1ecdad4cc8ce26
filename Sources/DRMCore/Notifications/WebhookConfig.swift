import Foundation

/// A webhook destination's settings (`notification_destinations.config`): where and how to send, and the body.
///
/// The body is `body_template` rendered with the event's values (JSON-escaped, so a Slack- or Mattermost-style
/// preset is a template such as `{"text": "{{job.name}} {{event.summary}}"}`), or the event itself as JSON.
public struct WebhookConfig: Sendable, Hashable, Codable {
    public var url: String
    public var method: String
    public var headers: [String: String]
    public var bodyTemplate: String?
    public var timeoutSeconds: Int
    public var verifyTLS: Bool

    enum CodingKeys: String, CodingKey {
        case url, method, headers
        case bodyTemplate = "body_template"
        case timeoutSeconds = "timeout_seconds"
        case verifyTLS = "verify_tls"
    }

    public init(
        url: String, method: String = "POST", headers: [String: String] = [:], bodyTemplate: String? = nil,
        timeoutSeconds: Int = 10, verifyTLS: Bool = true
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.bodyTemplate = bodyTemplate
        self.timeoutSeconds = timeoutSeconds
        self.verifyTLS = verifyTLS
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.decode(String.self, forKey: .url)
        method = try container.decodeIfPresent(String.self, forKey: .method) ?? "POST"
        headers = try container.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
        bodyTemplate = try container.decodeIfPresent(String.self, forKey: .bodyTemplate)
        timeoutSeconds = try container.decodeIfPresent(Int.self, forKey: .timeoutSeconds) ?? 10
        verifyTLS = try container.decodeIfPresent(Bool.self, forKey: .verifyTLS) ?? true
    }

    /// Header names the signature and the transport set: a configured header may not replace them.
    public static let reservedHeaders: Set<String> = [
        "webhook-id", "webhook-timestamp", "webhook-signature", "content-length", "host",
    ]

    /// Every problem, each naming its field (`config.url`, `config.method`, …).
    public func problems() -> [FieldError] {
        var problems: [FieldError] = []
        let parsed = URLComponents(string: url)
        if parsed?.host?.isEmpty != false || !["http", "https"].contains(parsed?.scheme?.lowercased() ?? "") {
            problems.append(FieldError(field: "config.url", message: "must be an absolute http(s) URL"))
        }
        if !["POST", "PUT", "PATCH"].contains(method.uppercased()) {
            problems.append(FieldError(field: "config.method", message: "must be POST, PUT or PATCH"))
        }
        if !(1...120).contains(timeoutSeconds) {
            problems.append(FieldError(field: "config.timeout_seconds", message: "must be 1…120"))
        }
        for name in headers.keys.sorted() where Self.reservedHeaders.contains(name.lowercased()) || name.isEmpty {
            problems.append(FieldError(field: "config.headers.\(name)", message: "is set by EnableDRM"))
        }
        if let bodyTemplate {
            do { _ = try TemplateText(bodyTemplate) } catch {
                problems.append(FieldError(field: "config.body_template", message: error.message))
            }
        }
        return problems
    }
}
