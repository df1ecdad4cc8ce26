import Crypto
public import Foundation

/// Signs webhook requests the Standard Webhooks way: `webhook-signature: v1,<base64 HMAC-SHA256 of
/// "id.timestamp.body">`, one signature per secret (two while a secret is being rotated), space-separated.
/// A secret is `whsec_` followed by the base64 of its key bytes.
public struct WebhookSigner: Sendable {
    /// The secrets to sign with (the newest first).
    public let secrets: [String]

    public init(secrets: [String]) { self.secrets = secrets }

    /// A new random secret (24 bytes).
    public static func makeSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<24).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "whsec_" + Data(bytes).base64EncodedString()
    }

    /// Whether `secret` has the `whsec_<base64>` form with at least 16 key bytes.
    public static func isValid(secret: String) -> Bool {
        key(secret).map { $0.count >= 16 } ?? false
    }

    static func key(_ secret: String) -> Data? {
        guard secret.hasPrefix("whsec_") else { return nil }
        return Data(base64Encoded: String(secret.dropFirst("whsec_".count)))
    }

    /// The `webhook-signature` header for message `id` sent at `timestamp` (Unix seconds) with `body`.
    public func signature(id: String, timestamp: Int, body: Data) -> String {
        let payload = Data("\(id).\(timestamp).".utf8) + body
        return secrets.compactMap { secret -> String? in
            guard let key = Self.key(secret) else { return nil }
            let mac = HMAC<SHA256>.authenticationCode(for: payload, using: SymmetricKey(data: key))
            return "v1," + Data(mac).base64EncodedString()
        }.joined(separator: " ")
    }
}
