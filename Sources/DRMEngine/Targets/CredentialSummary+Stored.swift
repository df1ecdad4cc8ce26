public import DRMCore
import DRMStore
import FluentKit
import Foundation

/// The summary as it is kept in `target_credentials.summary` (migration 0016), written with the credential, so a
/// list shows user names and which secrets are set without decrypting anything.
extension CredentialSummary {
    /// The stored form: every field but the type (a column of its own). Nothing in it is secret.
    public var stored: JSONValue {
        var fields: [String: JSONValue] = [
            "has_password": .bool(hasPassword), "has_private_key": .bool(hasPrivateKey),
            "has_passphrase": .bool(hasPassphrase), "has_token": .bool(hasToken),
            "has_certificate": .bool(hasCertificate), "readable": .bool(readable),
        ]
        if let username { fields["username"] = .string(username) }
        if let keyFingerprint { fields["key_fingerprint"] = .string(keyFingerprint) }
        return .object(fields)
    }

    /// The summary of a stored form, or `nil` when it isn't one.
    init?(type: String, stored: JSONValue?) {
        guard case .object(let fields)? = stored else { return nil }
        func flag(_ key: String) -> Bool { fields[key] == .bool(true) }
        func text(_ key: String) -> String? {
            if case .string(let value)? = fields[key] { value } else { nil }
        }
        self.type = type
        username = text("username")
        hasPassword = flag("has_password")
        hasPrivateKey = flag("has_private_key")
        hasPassphrase = flag("has_passphrase")
        hasToken = flag("has_token")
        hasCertificate = flag("has_certificate")
        keyFingerprint = text("key_fingerprint")
        readable = flag("readable")
    }
}

extension TargetInventory {
    /// Writes the summary of every credential that has none yet (those stored before migration 0016, or by the
    /// original application), decrypting each once. `serve` runs it at start; returns how many it wrote.
    @discardableResult
    public func fillCredentialSummaries() async throws -> Int {
        var written = 0
        while true {
            let batch = try await Credential.query(on: database).filter(\.$summary == nil).sort(\.$id).limit(500)
                .all()
            guard !batch.isEmpty else { return written }
            try await database.transaction { db in
                for credential in batch {
                    let summary = CredentialSummary(
                        type: credential.credentialType, secret: try? vault.decrypt(credential.encryptedCredentials))
                    credential.summary = summary.stored
                    try await credential.save(on: db)
                }
            }
            written += batch.count
        }
    }
}
