import ArgumentParser
import DRMCore
import DRMEngine
import DRMStore
import Foundation

/// How targets are printed: one line each, a detail block, or JSON (credentials as metadata only).
enum TargetOutput {
    static func json(_ value: JSONValue) throws -> String {
        String(decoding: try JSONEncoder.enableDRM(pretty: true).encode(value), as: UTF8.self)
    }

    static func endpoint(_ method: MethodRecord?) -> String {
        guard let method, let host = method.host else { return "-" }
        let shown = host.contains(":") ? "[\(host)]" : host
        return method.port.map { "\(shown):\($0)" } ?? shown
    }

    /// The header of `target list`'s columns.
    static let header = ["SERIAL", "NAME", "METHOD", "ENVIRONMENT", "STATUS", "TAGS"].joined(separator: "\t")

    /// `T20260000001  web-1  ssh 10.0.0.1:22  development  active  tags: web,prod`.
    static func line(_ record: TargetRecord) -> String {
        let target = record.target
        return [
            target.targetSerial, target.name, "\(record.primary?.method.methodType ?? "-") \(endpoint(record.primary))",
            target.environment, target.status, "tags: \(record.tags.joined(separator: ","))",
        ].joined(separator: "\t")
    }

    static func detail(_ record: TargetRecord) -> String {
        let target = record.target
        var text = """
            \(target.name) (\(target.targetSerial), id \(target.id ?? 0))
              type \(target.targetType), os \(target.osType), environment \(target.environment), status \(target.status), \(target.isActive ? "active" : "inactive"), health \(target.healthStatus)
              tags: \(record.tags.joined(separator: ", "))

            """
        if let description = target.description { text += "  \(description)\n" }
        for method in record.methods {
            let flags = [method.method.isPrimary ? "primary" : nil, method.method.isActive ? nil : "inactive"]
                .compactMap { $0 }
            text += "  method \(method.method.id ?? 0): \(method.method.methodType) \(endpoint(method))"
            text += flags.isEmpty ? "\n" : " (\(flags.joined(separator: ", ")))\n"
            if let credential = method.credential {
                text += "    credential: \(credential.type)\(credential.username.map { " as \($0)" } ?? "")"
                text += " [\(setFlags(credential).joined(separator: ", "))]"
                text += credential.readable ? "\n" : " (can't be decrypted with the configured key)\n"
            }
            if let key = method.method.hostKey { text += "    host key: \(key.prefix(40))…\n" }
        }
        return text
    }

    /// A method's last connection test as the API shows it (`last_test`), or null before the first.
    static func lastTest(_ method: CommunicationMethod) -> JSONValue {
        guard let at = method.lastTestedAt else { return .null }
        return [
            "tested_at": .string(at.formatted(.iso8601)),
            "success": method.lastTestSuccess.map(JSONValue.bool) ?? .null,
            "category": method.lastTestCategory.map(JSONValue.string) ?? .null,
            "message": method.lastTestMessage.map(JSONValue.string) ?? .null,
            "latency_ms": method.lastTestLatencyMS.map { .number(Double($0)) } ?? .null,
        ]
    }

    static func setFlags(_ credential: CredentialSummary) -> [String] {
        [
            credential.hasPassword ? "password" : nil, credential.hasPrivateKey ? "private key" : nil,
            credential.hasPassphrase ? "passphrase" : nil, credential.hasToken ? "token" : nil,
            credential.hasCertificate ? "certificate" : nil,
        ].compactMap { $0 }
    }

    static func object(_ record: TargetRecord) -> JSONValue {
        let target = record.target
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return [
            "id": .number(Double(target.id ?? 0)), "serial": .string(target.targetSerial), "name": .string(target.name),
            "target_type": .string(target.targetType), "os_type": .string(target.osType),
            "environment": .string(target.environment), "status": .string(target.status),
            "is_active": .bool(target.isActive), "description": text(target.description),
            "health_status": .string(target.healthStatus), "tags": .array(record.tags.map(JSONValue.string)),
            "communication_methods": .array(
                record.methods.map { method in
                    [
                        "id": .number(Double(method.method.id ?? 0)), "method_type": .string(method.method.methodType),
                        "host": text(method.host), "port": method.port.map { .number(Double($0)) } ?? .null,
                        "is_primary": .bool(method.method.isPrimary), "is_active": .bool(method.method.isActive),
                        "host_key": text(method.method.hostKey), "last_test": lastTest(method.method),
                        "credential": method.credential.map { credential in
                            [
                                "type": .string(credential.type), "username": text(credential.username),
                                "has_password": .bool(credential.hasPassword),
                                "has_private_key": .bool(credential.hasPrivateKey),
                                "has_passphrase": .bool(credential.hasPassphrase),
                                "has_token": .bool(credential.hasToken),
                            ]
                        } ?? .null,
                    ]
                }),
        ]
    }
}
