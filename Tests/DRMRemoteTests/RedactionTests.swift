import DRMTestSupport
import Testing

@testable import DRMRemote

@Suite("Secrets stay out of descriptions")
struct RedactionTests {
    @Test("probes, clients and credentials describe themselves without their passwords or keys")
    func descriptions() async throws {
        let keys = try await SSHKeyTests.keys.get()
        let pem = try SSHTestKeys.pem(keys.ed25519)
        let key = try SSHPrivateKey(openSSH: pem)
        let secret = "s3cret-Passw0rd"
        let values: [Any] = [
            SSHAuthentication.password(secret), SSHAuthentication.privateKey(key), key,
            SSHProbe(host: "h", username: "u", authentication: .password(secret), hostKeyPolicy: .recordFirstUse),
            SMTPProbe(host: "h", username: "u", password: secret),
            PostgresProbe(host: "h", username: "u", password: secret),
            WinRMClient(host: "h", username: "u", password: secret),
        ]
        let base64Body = pem.split(separator: "\n").dropFirst().first.map(String.init) ?? "?"
        for value in values {
            for text in [String(describing: value), String(reflecting: value), "\(value)"] {
                #expect(!text.contains(secret), "\(type(of: value)) leaks its password")
                #expect(!text.contains(base64Body), "\(type(of: value)) leaks its key")
            }
        }
        #expect("\(key)".contains(key.publicKey.fingerprint))
    }
}
