import DRMCore
import DRMEngine
import DRMRemote
import Vapor

/// The targets page's bulk forms: import a CSV pasted or read from a file (with the report row by row), and test
/// the selected targets' connections or run one command on them.
extension TargetsPage {
    struct ImportForm: Content {
        var csv: String
    }

    struct SelectionForm: Content {
        var target_ids: [Int]?
        var command: String?
    }

    func importCSV(request: Request) async throws -> HTML {
        try await request.require(.init(.targets, .create))
        let form = try request.content.decode(ImportForm.self)
        let parsed = Result { () throws(TargetImportError) in try TargetImport.numberedCSV(form.csv) }
        guard case .success(let rows) = parsed else {
            return try await render(request, error: "CSV: \(Self.problem(parsed))")
        }
        let report = try await request.targets.importRows(rows, atomic: false)
        let imported = report.imported.map { row -> HTML in
            "<tr class=\"outcome-success\"><td>\(row.row)</td><td>imported</td><td>\(row.name) (\(row.serial))</td></tr>"
        }
        let rejected = report.rejected.map { row -> HTML in
            "<tr class=\"outcome-failure\"><td>\(row.row)</td><td>rejected</td><td>\(row.reasons.joined(separator: "; "))</td></tr>"
        }
        return try await render(
            request, notice: "Import: \(report.summary).",
            report: """
                <table id="import-report"><thead><tr><th>Row</th><th>Outcome</th><th>Target or reasons</th></tr></thead>
                <tbody>\(imported)\(rejected)</tbody></table>
                """)
    }

    static func problem(_ parsed: Result<[NumberedImportRow], TargetImportError>) -> String {
        guard case .failure(let error) = parsed else { return "" }
        return String(error.message.prefix(300))
    }

    /// The selected ids, or a refusal naming the field.
    static func selection(_ form: SelectionForm) throws -> [Int] {
        guard let ids = form.target_ids, !ids.isEmpty else {
            throw TargetError.invalid(field: "target_ids", message: "select at least one target")
        }
        return ids
    }

    func bulkTest(request: Request) async throws -> HTML {
        try await request.require(.init(.targets, .execute))
        let form = try request.content.decode(SelectionForm.self, using: JobForm.decoder)
        request.rendersRefusals { message in try await render(request, error: message) }
        let outcomes = try await request.connectionTester.test(targetIDs: try Self.selection(form))
        let failed = outcomes.filter { !$0.result.success }.count
        return try await render(
            request, notice: "Tested \(outcomes.count) connection(s): \(outcomes.count - failed) ok, \(failed) failed.")
    }

    func bulkRun(request: Request) async throws -> Response {
        try await request.require(.init(.adhocCommands, .execute))
        let form = try request.content.decode(SelectionForm.self, using: JobForm.decoder)
        request.rendersRefusals { message in try await render(request, error: message) }
        let command = AdhocCommand(command: form.command ?? "", targetIDs: try Self.selection(form))
        let launched = try await request.jobs.runCommand(
            command, audit: request.audit, by: try request.principal.userID)
        return request.redirect(to: SiteRoute.execution(.id(launched.executionID)).path(notice: "launched"))
    }
}
