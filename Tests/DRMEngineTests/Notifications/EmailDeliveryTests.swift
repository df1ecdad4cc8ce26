import DRMCore
import DRMRemote
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Email notifications through the SMTP target named by `email_target_id`, to a real SMTP server on loopback: plain,
/// STARTTLS and implicit TLS, AUTH, a refused recipient; the received headers and parts are checked.
@Suite struct EmailDeliveryTests {
    static let vault = WebhookDeliveryTests.vault

    /// An SMTP target for `smtp` (with its log-in when `login`), named by `email_target_id`, and an email destination.
    static func setUp(_ smtp: SMTPTestServer, login: Bool, recipients: [String], _ db: any Database) async throws
        -> DestinationRecord
    {
        let encryption: String =
            switch smtp.encryption {
            case .none: "none"
            case .starttls: "starttls"
            case .implicit: "ssl"
            }
        let target = try await TargetInventory(database: db, vault: vault, audit: AuditTrail(.cli)).create(
            TargetDraft(
                name: "mail relay", environment: .testing,
                methods: [
                    MethodDraft(
                        methodType: "smtp",
                        config: [
                            "host": .string(smtp.host), "port": .number(Double(smtp.port)),
                            "encryption": .string(encryption),
                        ],
                        credential: login
                            ? CredentialInput(type: .password, username: smtp.username, password: smtp.password)
                            : nil)
                ]))
        let setting = SystemSetting()
        setting.settingKey = SettingKey.emailTargetID.rawValue
        setting.settingValue = .number(Double(try target.target.requireID()))
        try await setting.create(on: db)
        return try await NotificationDestinations(database: db, vault: vault, audit: AuditTrail(.cli)).create(
            DestinationDraft(
                name: "ops mail", type: .email,
                config: [
                    "recipients": .array(recipients.map(JSONValue.string)), "from": "drm@example.test",
                    "verify_tls": false,
                ]), createdBy: nil)
    }

    static func deliver(_ destination: DestinationRecord, _ db: any Database) async throws -> NotificationDelivery {
        let id = try await db.transaction { db in
            let row = try #require(try await NotificationDestination.find(destination.id, on: db))
            return try await NotificationOutbox().enqueue(
                .jobFailed, values: ["job.name": "deploy <prod>", "job.id": "12", "execution.serial": "E-1"], to: row,
                on: db
            ).requireID()
        }
        let sender = NotificationSender(database: db, vault: vault, http: HTTPRequestClient())
        _ = try? await sender.deliver(id)
        try await sender.http.shutdown()
        return try #require(try await NotificationDelivery.find(id, on: db))
    }

    /// The decoded content of each base64 part of a received message.
    static func parts(_ message: SMTPTestServer.Message) -> [String: String] {
        var parts: [String: String] = [:]
        for chunk in message.body.components(separatedBy: "--=_enabledrm_").dropFirst() {
            guard
                let type = chunk.firstRange(of: "Content-Type: ").map({ chunk[$0.upperBound...] })?
                    .prefix(while: { $0 != ";" }),
                let start = chunk.range(of: "\r\n\r\n")
            else { continue }
            let encoded = chunk[start.upperBound...].split(separator: "\r\n").joined()
            parts[String(type)] = Data(base64Encoded: String(encoded)).map { String(decoding: $0, as: UTF8.self) }
        }
        return parts
    }

    @Test(
        "plain, STARTTLS with AUTH, implicit TLS with AUTH: headers, threading, text and HTML parts",
        arguments: [SMTPTestServer.Encryption.none, .starttls, .implicit])
    func sendsThroughTheEmailTarget(encryption: SMTPTestServer.Encryption) async throws {
        let login = encryption != .none
        let smtp = try await SMTPTestServer.start(encryption, host: "127.0.16.10", requiresAuthentication: login)
        defer { smtp.stop() }
        try await TestDatabase.with(.sqlite) { database in
            let db = database.handle.database
            let destination = try await Self.setUp(
                smtp, login: login, recipients: ["ops@example.test", "dev@example.test"], db)

            let delivery = try await Self.deliver(destination, db)

            #expect(delivery.status == "delivered", "\(delivery.lastError ?? "")")
            let mail = try await smtp.messages(count: 1)[0]
            #expect(mail.recipients == ["ops@example.test", "dev@example.test"])
            #expect(mail.from == "drm@example.test")
            #expect(mail.overTLS == login)
            #expect(mail.authenticatedUser == (login ? smtp.username : nil))
            #expect(mail.header("Subject") == "[EnableDRM] deploy <prod> failed (E-1)")
            #expect(mail.header("Message-ID") == "<\(delivery.deliveryUUID.uuidString.lowercased())@enabledrm>")
            #expect(mail.header("In-Reply-To") == "<job-12@enabledrm>")
            #expect(mail.header("References") == "<job-12@enabledrm>")
            #expect(mail.header("Content-Type")?.hasPrefix("multipart/alternative; boundary=") == true)
            let parts = Self.parts(mail)
            #expect(parts["text/plain"]?.hasPrefix("Job deploy <prod> failed.\n") == true, "\(parts)")
            #expect(parts["text/html"]?.contains("Job deploy &lt;prod&gt; failed.<br>") == true, "\(parts)")
            let log = try #require(try await NotificationLog.query(on: db).filter(\.$deliveryID == delivery.id).first())
            #expect(log.responseCode == 250 && log.status == .delivered)
            #expect(!String(describing: log.contextData).contains(smtp.password), "the SMTP password is not logged")
        }
    }

    @Test("a refused recipient is reported and the others get the mail; all refused is final")
    func refusedRecipient() async throws {
        let smtp = try await SMTPTestServer.start(
            .none, host: "127.0.16.11", rejectedRecipients: ["gone@example.test"])
        defer { smtp.stop() }
        try await TestDatabase.with(.sqlite) { database in
            let db = database.handle.database
            let partly = try await Self.setUp(
                smtp, login: false, recipients: ["ops@example.test", "gone@example.test"], db)
            let first = try await Self.deliver(partly, db)
            #expect(first.status == "delivered")
            #expect(first.lastError?.contains("gone@example.test: 550") == true, "\(first.lastError ?? "")")
            #expect(try await smtp.messages(count: 1)[0].recipients == ["ops@example.test"])

            let only = try await NotificationDestinations(database: db, vault: Self.vault, audit: AuditTrail(.cli))
                .create(
                    DestinationDraft(
                        name: "gone", type: .email, config: ["recipients": ["gone@example.test"]]), createdBy: nil)
            let second = try await Self.deliver(only, db)
            #expect(second.status == "failed" && second.attempts == 1, "a 5xx refusal is final")
            #expect(second.lastResponseCode == 550)
            #expect(smtp.messages.count == 1, "nothing more was sent")
        }
    }
}
