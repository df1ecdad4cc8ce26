import DRMCore
import DRMRemote
import DRMStore
import Foundation

extension NotificationSender {
    /// The `webhook-id` of every attempt of a delivery: stable across retries and redeliveries.
    static func webhookID(_ delivery: NotificationDelivery) -> String {
        "msg_" + delivery.deliveryUUID.uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// One signed POST (or the configured method) of the delivery's body.
    func sendWebhook(_ delivery: NotificationDelivery, to destination: NotificationDestination) async -> Outcome {
        let config: WebhookConfig
        let secrets: [String]
        do {
            config = try DestinationDraft.webhook(destination.config)
            secrets = try NotificationDestinations(database: database, vault: vault, audit: AuditTrail(.system))
                .secrets(of: destination)
        } catch {
            return Outcome(
                error: "the destination can't be used: \(error)", latency: .zero, recipient: "", request: .null)
        }
        let id = Self.webhookID(delivery)
        let timestamp = Int(now().timeIntervalSince1970)
        let body = Data(delivery.body.utf8)
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"), ("User-Agent", "EnableDRM-Webhooks/1"),
        ]
        headers.removeAll { header in config.headers.keys.contains { $0.lowercased() == header.name.lowercased() } }
        headers += config.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        headers += [
            ("webhook-id", id), ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", WebhookSigner(secrets: secrets).signature(id: id, timestamp: timestamp, body: body)),
        ]
        let recipient = Self.loggedURL(config.url)
        let logged: JSONValue = [
            "method": .string(config.method.uppercased()), "url": .string(recipient),
            "headers": .object(
                Dictionary(
                    headers.map { header in
                        let shown =
                            config.headers[header.name] != nil || header.name == "webhook-signature"
                            ? "(hidden)" : header.value
                        return (header.name.lowercased(), JSONValue.string(shown))
                    }, uniquingKeysWith: { _, last in last })),
            "body_bytes": .number(Double(body.count)),
        ]
        let start = ContinuousClock.now
        do {
            let response = try await http.execute(
                .init(
                    method: config.method, url: config.url, headers: headers, body: body,
                    timeout: .seconds(config.timeoutSeconds), verifyTLS: config.verifyTLS, maxResponseBytes: 4096))
            return Outcome(
                status: response.status, retryAfter: response.header("Retry-After"), latency: response.duration,
                recipient: recipient, request: logged, responseExcerpt: String(response.bodyText.prefix(500)))
        } catch {
            return Outcome(
                error: String(describing: error), latency: ContinuousClock.now - start, recipient: recipient,
                request: logged)
        }
    }

    /// The URL as logs show it: without user information, query or fragment (they may carry tokens).
    static func loggedURL(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(invalid URL)" }
        components.user = nil
        components.password = nil
        let hidden = components.query != nil
        components.query = nil
        components.fragment = nil
        return (components.string ?? "(invalid URL)") + (hidden ? "?(hidden)" : "")
    }
}
