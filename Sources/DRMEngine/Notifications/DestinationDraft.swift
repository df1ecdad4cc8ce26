public import DRMCore
import Foundation

/// What a caller gives to create or change a destination. Secrets are write-only: no record ever carries them.
public struct DestinationDraft: Sendable {
    public var name: String
    public var type: NotificationType
    /// For a webhook, a ``WebhookConfig``; for email, `{"recipients": ["a@example.com", …]}`.
    public var config: JSONValue
    /// A webhook's signing secret (`whsec_<base64>`); on an update, a new one starts a rotation: the current secret
    /// keeps signing beside it until ``NotificationDestinations/endRotation(_:)``.
    public var secret: String?
    public var enabled: Bool

    public init(name: String, type: NotificationType, config: JSONValue, secret: String? = nil, enabled: Bool = true) {
        self.name = name
        self.type = type
        self.config = config
        self.secret = secret
        self.enabled = enabled
    }

    /// The webhook settings of `config`, or every problem with them.
    public static func webhook(_ config: JSONValue) throws(NotificationError) -> WebhookConfig {
        let decoded: WebhookConfig
        do {
            decoded = try JSONDecoder().decode(WebhookConfig.self, from: JSONEncoder().encode(config))
        } catch {
            throw .invalid(field: "config.url", message: "is required (config must be an object with a url)")
        }
        if let problem = decoded.problems().first { throw .invalid(field: problem.field, message: problem.message) }
        return decoded
    }

    /// The recipients of an email destination's `config`.
    public static func recipients(_ config: JSONValue) throws(NotificationError) -> [String] {
        guard case .object(let object) = config, case .array(let items)? = object["recipients"], !items.isEmpty
        else { throw .invalid(field: "config.recipients", message: "must be a non-empty list of addresses") }
        var addresses: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let address) = item, Self.isAddress(address) else {
                throw .invalid(field: "config.recipients[\(index)]", message: "is not an email address")
            }
            addresses.append(address)
        }
        return addresses
    }

    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
    }

    /// Checks every field of the draft; `creating` requires a webhook's secret.
    func validate(creating: Bool) throws(NotificationError) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 255 else {
            throw .invalid(field: "name", message: "must be 1…255 characters")
        }
        switch type {
        case .webhook:
            _ = try Self.webhook(config)
            if let secret, !WebhookSigner.isValid(secret: secret) {
                throw .invalid(field: "secret", message: "must be whsec_ followed by the base64 of 16 bytes or more")
            }
            if creating, secret == nil {
                throw .invalid(field: "secret", message: "is required for a webhook (whsec_<base64>)")
            }
        case .email:
            _ = try Self.recipients(config)
        case .slack, .sms:
            throw .invalid(field: "type", message: "must be webhook or email (Slack is a webhook body template)")
        }
    }
}
