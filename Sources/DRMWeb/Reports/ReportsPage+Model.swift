import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

extension ReportsPage {
    /// What the reports page shows: the form's choices, the report asked for (run and recorded), the latest runs.
    struct Model: Sendable {
        /// The form's values as given.
        var form: [String: String]
        var report: ReportData?
        /// The run's `generated_reports` id.
        var runID: Int?
        /// The format to download instead of showing the page.
        var export: ReportFormat?
        var error: String?
        var recent: [GeneratedReport]

        static func load(_ request: Request) async throws -> Model {
            let principal = try await request.require(.reports)
            let keys = ["report", "range", "from", "to", "job_id", "tag", "format"]
            var form: [String: String] = [:]
            for key in keys { form[key] = try request.query.get(String?.self, at: key) }
            var model = Model(form: form, recent: [])
            if let name = form["report"], !name.isEmpty {
                do {
                    guard let kind = ReportKind(rawValue: name) else {
                        throw APIError.invalid("report", "report must be one of the reports listed")
                    }
                    let input = try ReportRequest(
                        kind: kind, range: form["range"].flatMap { $0.isEmpty ? nil : $0 }, from: form["from"],
                        to: form["to"], jobIDs: form["job_id"], tag: form["tag"], format: form["format"] ?? "html",
                        now: request.application.environment.now())
                    let run = try await request.useCases.reportRuns.run(
                        kind, range: input.range, jobIDs: input.jobIDs, tag: input.tag, by: try principal.userID)
                    model.report = run.data
                    model.runID = run.id
                    model.export = form["format"] == nil ? nil : input.format
                } catch let error as APIError {
                    model.error = "\(error.field.map { "\($0): " } ?? "")\(error.message)"
                }
            }
            model.recent = try await request.useCases.reportRuns.recent(limit: 10)
            return model
        }
    }
}
