import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Issue #12 item 8: a job parameter declared secret is masked in the run's parameters, logs, outputs and exports,
/// while the command gets the real value; on a real sshd, on SQLite and PostgreSQL.
@Suite(.serialized) struct SecretParameterTests {
    static let secret = "Sup3r-secret-api-key"

    @Test("a secret parameter's value is used by the command but shown nowhere", arguments: SchemaDialect.allCases)
    func secretParameterIsMasked(dialect: SchemaDialect) async throws {
        let ssh = try await JobRunTests.servers(1)
        defer { ssh.forEach { $0.stop() } }
        try await JobWorld.with(dialect, ssh: ssh) { world in
            let job = try await world.job(
                "deploy",
                [(.command, ["command": "echo key={{api_key}}; X={{api_key}}; echo ${#X} {{region}}"], nil)],
                options: [JobOption(name: "api_key", required: true, secret: true), JobOption(name: "region")])

            let detail = try await world.run(job, parameters: ["api_key": .string(Self.secret), "region": "eu-west"])

            #expect(detail.summary.status == .completed, "\(detail.branches)")
            #expect(detail.parameters == ["api_key": .string(JobOption.masked), "region": "eu-west"])
            let output = try #require(detail.branches.first?.output)
            // The command had the real value (its length is printed), and the value itself is masked.
            #expect(output.contains("key=********"), "\(output)")
            #expect(output.contains("\(Self.secret.count) eu-west"), "\(output)")
            let results = try await world.engine.query.results(executionID: detail.summary.id)
            #expect(!results.isEmpty)
            for result in results {
                #expect(!(result.output ?? "").contains(Self.secret) && !(result.command ?? "").contains(Self.secret))
            }
            let logs = try await world.logs(detail.summary.id)
            #expect(!logs.contains { $0.message.contains(Self.secret) })
            let details = try String(decoding: JSONEncoder().encode(logs.compactMap(\.details)), as: UTF8.self)
            #expect(!details.contains(Self.secret) && details.contains("eu-west"), "\(details)")
            let csv = ExecutionExport.csv(ExecutionExport.rows(detail))
            #expect(!csv.contains(Self.secret))
            let json = try String(decoding: JSONEncoder().encode(detail), as: UTF8.self)
            #expect(!json.contains(Self.secret))
            let audit = try await AuditEvent.query(on: world.db).all()
            #expect(!audit.contains { "\($0.details)".contains(Self.secret) })
        }
    }

    @Test("a secret option is a string without a default")
    func secretOptionRules() throws {
        #expect(throws: FieldError(field: "options.0.default", message: "a secret option can't have a default")) {
            try JobOption.validate([JobOption(name: "token", defaultValue: "abc", secret: true)])
        }
        #expect(throws: FieldError(field: "options.0.secret", message: "only a string option can be secret")) {
            try JobOption.validate([JobOption(name: "count", type: .integer, secret: true)])
        }
        let decoded = try JSONDecoder().decode(JobOption.self, from: Data(#"{"name": "t", "secret": true}"#.utf8))
        #expect(decoded.secret)
        #expect(!String(decoding: try JSONEncoder().encode(JobOption(name: "p")), as: UTF8.self).contains("secret"))
    }
}
