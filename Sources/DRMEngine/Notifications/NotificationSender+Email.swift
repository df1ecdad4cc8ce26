import DRMCore
import DRMRemote
import DRMStore
import FluentKit
import Foundation

extension NotificationSender {
    /// One mail through the SMTP server of the target that the setting `email_target_id` names (its active `smtp`
    /// method and that method's credential). The SMTP reply code is logged as the response code; a 4xx reply or a
    /// failed connection is tried again, a 5xx is final. A refused recipient is reported; the others get the mail.
    func sendEmail(_ delivery: NotificationDelivery, to destination: NotificationDestination) async -> Outcome {
        let start = ContinuousClock.now
        let recipients: [String]
        do {
            recipients = try DestinationDraft.recipients(destination.config)
        } catch {
            return Outcome(error: error.message, latency: .zero, recipient: "", request: .null)
        }
        let recipient = recipients.joined(separator: ", ")
        let server: SMTPMailClient.Server
        do {
            server = try await smtpServer(verifyTLS: destination.config.bool("verify_tls") ?? true)
        } catch {
            return Outcome(
                error: "email can't be sent: \(error)", latency: .zero, recipient: recipient, request: .null,
                policyStatus: 400)
        }
        let from = destination.config.string("from") ?? "enabledrm@\(server.clientName)"
        let message = MailMessage(
            from: from, to: recipients, subject: delivery.subject ?? "EnableDRM", text: delivery.body,
            html: delivery.htmlBody,
            messageID: "\(delivery.deliveryUUID.uuidString.lowercased())@enabledrm",
            threadID: delivery.contextData.string("job.id").map { "job-\($0)@enabledrm" }, date: now())
        let logged: JSONValue = [
            "smtp": .string("\(server.host):\(server.port)"), "encryption": .string(server.encryption.rawValue),
            "from": .string(from), "to": .array(recipients.map(JSONValue.string)),
            "message_id": .string("<\(message.messageID)>"), "authenticated": .bool(server.username != nil),
        ]
        do {
            let receipt = try await SMTPMailClient().send(message.rendered, from: from, to: recipients, via: server)
            let refused = receipt.rejected.map(\.description).joined(separator: "; ")
            return Outcome(
                status: receipt.code, error: refused.isEmpty ? nil : "refused recipients: \(refused)",
                latency: ContinuousClock.now - start, recipient: recipient, request: logged,
                responseExcerpt: receipt.text, policyStatus: 200)
        } catch let rejection as SMTPMailClient.Rejection {
            return Outcome(
                status: rejection.code, error: "refused: \(rejection)", latency: ContinuousClock.now - start,
                recipient: recipient, request: logged, policyStatus: rejection.code >= 500 ? 400 : 503)
        } catch {
            return Outcome(
                error: String(describing: error), latency: ContinuousClock.now - start, recipient: recipient,
                request: logged)
        }
    }

    /// The SMTP server, encryption and log-in of the target named by `email_target_id`.
    func smtpServer(verifyTLS: Bool) async throws -> SMTPMailClient.Server {
        guard case .number(let number) = try await SystemSettings(database: database).value(.emailTargetID) else {
            throw NotificationError.invalid(field: "email_target_id", message: "names no target (system settings)")
        }
        let targetID = Int(number)
        guard
            let method = try await CommunicationMethod.query(on: database).filter(\.$targetID == targetID)
                .filter(\.$methodType == "smtp").filter(\.$isActive == true).sort(\.$id).first()
        else {
            throw NotificationError.invalid(
                field: "email_target_id", message: "target \(targetID) has no active smtp method")
        }
        guard case .smtp(let smtp) = try CommunicationMethodConfig.decode(methodType: "smtp", config: method.config)
        else { throw NotificationError.invalid(field: "email_target_id", message: "the smtp method is invalid") }
        let credential = try await Credential.query(on: database)
            .filter(\.$communicationMethodID == method.requireID()).filter(\.$isActive == true).first()
        let login = try CredentialLogin.open(credential?.encryptedCredentials, vault: vault)
        let encryption: SMTPProbe.Encryption =
            switch smtp.encryption {
            case .starttls: .starttls
            case .ssl: .tls
            case .none: .none
            }
        return SMTPMailClient.Server(
            host: smtp.host, port: smtp.port, encryption: encryption, verifyTLS: verifyTLS, username: login.username,
            password: login.password, timeout: .seconds(smtp.timeout))
    }
}

extension JSONValue {
    /// The string member `key` of an object.
    func string(_ key: String) -> String? {
        guard case .object(let object) = self, case .string(let text)? = object[key] else { return nil }
        return text
    }

    /// The Boolean member `key` of an object.
    func bool(_ key: String) -> Bool? {
        guard case .object(let object) = self, case .bool(let flag)? = object[key] else { return nil }
        return flag
    }
}
