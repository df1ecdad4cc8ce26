import DRMCore
import DRMEngine
import DRMSchema
import DRMTestSupport
import Fluent
import Foundation
import NIOFoundationEssentialsCompat
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// `/api/v1/reports` and `/api/v1/retention`: a report in JSON, CSV and HTML with SVG charts, each run recorded;
/// bad input named with a 4xx; retention's plan for readers of settings and its purge for administrators only; pins.
@Suite struct ReportsAPITests {
    @Test(arguments: SchemaDialect.allCases)
    func reportsThroughTheAPI(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, _ in
            let manager = try AuthTests.tokens(try await AuthTests.login(app)).access

            let json = try await AuthTests.send(app, .GET, "api/v1/reports/job-success?range=7d", token: manager)
            #expect(json.status == .ok, "\(json.body.string)")
            let data = try JSONDecoder.enableDRM.decode(ReportData.self, from: Data(buffer: json.body))
            #expect(data.kind == .jobSuccess)
            #expect(data.range.end.timeIntervalSince(data.range.start) == 7 * 86400)
            let csv = try await AuthTests.send(
                app, .GET, "api/v1/reports/durations?range=30d&format=csv", token: manager)
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            #expect(csv.body.string.hasPrefix("section,id,name,start,runs,"))
            let html = try await AuthTests.send(
                app, .GET, "api/v1/reports/summary?range=1d&format=html&tag=web", token: manager)
            #expect(html.body.string.contains("<svg"))
            #expect(html.body.string.contains("Executive summary"))

            let bad: [(String, HTTPStatus, String?)] = [
                ("api/v1/reports/job-success?range=8x", .unprocessableEntity, "range"),
                ("api/v1/reports/job-success?range=custom&from=2026-11-02T00:00:00Z", .unprocessableEntity, "to"),
                (
                    "api/v1/reports/job-success?range=custom&from=2026-11-03T00:00:00Z&to=2026-11-02T00:00:00Z",
                    .unprocessableEntity, "from"
                ),
                ("api/v1/reports/job-success?job_id=1,x", .unprocessableEntity, "job_id"),
                ("api/v1/reports/job-success?format=pdf", .unprocessableEntity, "format"),
                ("api/v1/reports/nothing", .notFound, nil),
            ]
            for (path, status, field) in bad {
                let refused = try await AuthTests.send(app, .GET, path, token: manager)
                #expect(refused.status == status, "\(path): \(refused.body.string)")
                if let field { #expect(refused.body.string.contains("\"field\":\"\(field)\""), "\(path)") }
            }

            let list = try JobsAPITests.json(try await AuthTests.send(app, .GET, "api/v1/reports", token: manager))
            #expect((list["runs"] as? [Any])?.count == 3, "each run is a generated_reports row")
            #expect((list["reports"] as? [Any])?.count == ReportKind.allCases.count)

            let plan = try await AuthTests.send(app, .GET, "api/v1/retention/plan", token: manager)
            #expect(plan.status == .ok)
            #expect(plan.body.string.contains("\"kind\":\"audit_events\""))
            let purge = try await AuthTests.send(app, .POST, "api/v1/retention/run", token: manager)
            #expect(purge.status == .forbidden, "only administrators purge")
            let pin = try await AuthTests.send(app, .POST, "api/v1/executions/999/pin", token: manager)
            #expect(pin.status == .notFound)
        }
    }
}
