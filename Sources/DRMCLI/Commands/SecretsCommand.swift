import ArgumentParser
import DRMCore
import DRMEngine
import Foundation

/// `enabledrm secrets …`: the keys that protect stored credentials.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets", abstract: "Manage the keys that protect stored credentials.",
        subcommands: [SecretsRotateKeyCommand.self])
}

/// `enabledrm secrets rotate-key`.
struct SecretsRotateKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-key",
        abstract: "Re-encrypt every stored credential under a new secret key, in one transaction.",
        discussion: """
            The new key file holds 32 random bytes in base64 (e.g. `openssl rand -base64 32`). Afterwards, make it \
            the configured secret key (ENABLEDRM_SECRET_KEY, or replace <data_dir>/secret.key) and restart; \
            sessions signed with the old key end.
            """)

    @Option(help: "A file holding the new secret key: 32 bytes in base64.") var newKeyFile: String
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let text = (try? String(contentsOfFile: newKeyFile, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard let text, let data = Data(base64Encoded: text), data.count == 32 else {
            printError("--new-key-file: \(newKeyFile) must hold 32 bytes in base64")
            throw ExitCode(1)
        }
        let newKey = CredentialKey(secretKey: data)
        try await withEnvironment(options) { environment in
            let targets = environment.targets(AuditTrail(.cli))
            guard newKey.id != targets.vault.current.id else {
                printError("--new-key-file: that is the current key")
                throw ExitCode(1)
            }
            let count = try await targets.rotateCredentials(to: newKey)
            print("re-encrypted \(count) credentials under key \(newKey.id); now configure the new secret key")
        }
    }
}
