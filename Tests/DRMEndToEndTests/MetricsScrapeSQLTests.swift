import DRMCore
import DRMSchema
import DRMTestSupport
import Foundation
import Testing

/// Issue 18: a scrape of `GET /metrics` runs no SQL. `serve --log-level debug` logs every statement a request runs
/// with the request's id; the statements of `/readyz` show (so the method can see them), those of `/metrics` never.
@Suite struct MetricsScrapeSQLTests {
    @Test(arguments: SchemaDialect.allCases)
    func aScrapeRunsNoStatement(dialect: SchemaDialect) async throws {
        let directory = FileManager.default.temporaryDirectory.path + "/enabledrm-nosql-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = dialect == .postgres ? try await TestDatabase.empty(.postgres) : nil
        let cli = try CLIProcess(
            workingDirectory: directory,
            environment: database.map { ["ENABLEDRM_DATABASE_URL": $0.urlString] } ?? [:])

        let server = try await cli.serve("--log-level", "debug", "--log-format", "json")
        let ready = try await server.get("/readyz")
        var scrapes: [Int] = []
        for _ in 0..<3 { scrapes.append(try await server.get("/metrics").0) }
        let logged = try await waitUntil(every: .milliseconds(200)) {
            Self.requests(in: server.log, answering: "GET /metrics").count == 3
        }
        server.stop()
        await database?.close()

        #expect(ready.0 == 200, "\(ready.1)")
        #expect(scrapes == [200, 200, 200], "a loopback client needs no token")
        #expect(logged, "the log has the three scrapes: \(server.log.suffix(3000))")
        let readiness = Self.requests(in: server.log, answering: "GET /readyz")
        try #require(readiness.count == 1)
        #expect(!Self.statements(readiness[0]).isEmpty, "the log shows a request's statements")
        for scrape in Self.requests(in: server.log, answering: "GET /metrics") {
            #expect(Self.statements(scrape).isEmpty, "a scrape ran SQL: \(Self.statements(scrape))")
        }
    }

    /// The log lines of each request whose route line is `routeLine`, grouped by request id.
    static func requests(in log: String, answering routeLine: String) -> [[[String: String]]] {
        let lines = log.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
        }
        let byRequest = Dictionary(grouping: lines.filter { $0["request-id"] != nil }) { $0["request-id"]! }
        return byRequest.values.filter { request in request.contains { $0["message"] == routeLine } }
    }

    /// The lines of a request that show a statement sent to the database.
    static func statements(_ request: [[String: String]]) -> [String] {
        let words = ["select ", "insert ", "update ", "delete ", "running query", "sql", "query"]
        return request.map { $0.values.joined(separator: " ") }.filter { line in
            let lower = line.lowercased()
            return words.contains { lower.contains($0) }
        }
    }
}
