import Crypto
import DRMCore
import Foundation
import NIOCore
import SwiftASN1
import X509

/// The exchanges after a match that confirm a tentative match or read more facts (on the match's connection,
/// except the SSH host key, which takes a key exchange of its own).
enum FollowUps {
    /// The observation for `matcher` on `response`, or nil when a tentative match was not confirmed.
    static func run(
        _ matcher: ResponseMatcher, _ response: [UInt8], _ connection: ProbeConnection, _ context: FollowUpContext,
        facts: [String: String]
    ) async -> ServiceObservation? {
        var observation = ServiceObservation(port: context.port, service: matcher.service, details: facts)
        switch matcher.service {
        case .ssh:
            let banner = BannerFacts.firstLine(response)
            if let parsed = BannerFacts.ssh(banner) {
                observation.product = parsed.product
                observation.details["ssh_comment"] = parsed.comment
            }
        case .http, .https:
            if let http = HTTPResponseFacts(response) {
                observation.product = http.server
                observation.details.merge(http.details) { first, _ in first }
            }
        case .mysql:
            observation.product = BannerFacts.mysqlVersion(response)
        default: break
        }
        guard let followUp = matcher.followUp else { return observation }
        let confirmed: Bool
        switch followUp {
        case .sshHostKey:
            if let key = await SSHHostKeyReader.read(
                host: context.host, port: context.port, timeout: context.timeout, group: context.group)
            {
                observation.details["ssh_host_key"] = key.openSSH
                observation.details["ssh_host_key_fingerprint"] = key.fingerprint
            }
            confirmed = true
        case .smtpEHLO:
            let reply = await exchange(connection, "EHLO enabledrm-discovery\r\n", context)
            let extensions = BannerFacts.smtpExtensions(reply)
            if let extensions { observation.details["smtp_extensions"] = extensions.joined(separator: " ") }
            try? await connection.send(Array("QUIT\r\n".utf8))
            confirmed = extensions != nil
        case .ftpSYST:
            let reply = await exchange(connection, "SYST\r\n", context)
            if reply.hasPrefix("215") { observation.details["ftp_system"] = BannerFacts.firstLine(Array(reply.utf8)) }
            try? await connection.send(Array("QUIT\r\n".utf8))
            confirmed = reply.hasPrefix("215") || reply.hasPrefix("530") || !matcher.tentative
        case .telnetPrompt:
            var negotiation = BannerFacts.telnet(response)
            var text = negotiation.text
            var rounds = 0
            // Refuse the options offered, then read until a prompt appears (or the wait passes).
            while rounds < 4, !isPrompt(text) {
                rounds += 1
                // Clear what was read before sending: a prompt that answers the replies at once must not be dropped.
                connection.take()
                if !negotiation.replies.isEmpty { try? await connection.send(negotiation.replies) }
                let more = await connection.read(within: .nanoseconds(context.wait.nanoseconds * 4)) { bytes in
                    isPrompt(BannerFacts.telnet(bytes).text)
                }
                if more.isEmpty { break }
                negotiation = BannerFacts.telnet(more)
                text += negotiation.text
            }
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            if !lines.isEmpty {
                observation.details["telnet_text"] = String(lines.suffix(3).joined(separator: " | ").prefix(200))
            }
            if let prompt = lines.last, isPrompt(prompt) { observation.details["telnet_prompt"] = prompt }
            confirmed = true
        case .postgresStartup:
            connection.take()
            try? await connection.send(BannerFacts.postgresStartup(user: "enabledrm_discovery"))
            let reply = await connection.read(within: context.timeout) { $0.count >= 9 }
            let parsed = BannerFacts.postgresStartupReply(reply)
            observation.details["postgresql_ssl"] = "no"
            observation.details["postgresql_startup"] = parsed
            confirmed = parsed != nil || !matcher.tentative
        }
        return confirmed || !matcher.tentative ? observation : nil
    }

    static func exchange(_ connection: ProbeConnection, _ line: String, _ context: FollowUpContext) async -> String {
        connection.take()
        try? await connection.send(Array(line.utf8))
        let reply = await connection.read(within: context.timeout, until: BannerFacts.isCompleteReply)
        return String(decoding: reply, as: UTF8.self)
    }

    static func isPrompt(_ text: String) -> Bool {
        let tail = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return tail.hasSuffix("login:") || tail.hasSuffix("username:") || tail.hasSuffix("password:")
            || tail.hasSuffix(">") || tail.hasSuffix("#")
    }
}

/// The facts of a TLS server's certificate: subject, issuer, validity and SHA-256 fingerprint of the DER.
enum CertificateFacts {
    static func details(_ der: [UInt8]) -> [String: String] {
        let fingerprint = SHA256.hash(data: der).map { String(format: "%02X", $0) }.joined(separator: ":")
        var details = ["tls_fingerprint": "SHA256:" + fingerprint]
        if let certificate = try? Certificate(derEncoded: der) {
            details["tls_subject"] = certificate.subject.description
            details["tls_issuer"] = certificate.issuer.description
            details["tls_not_before"] = certificate.notValidBefore.formatted(.iso8601)
            details["tls_not_after"] = certificate.notValidAfter.formatted(.iso8601)
        }
        return details
    }
}
