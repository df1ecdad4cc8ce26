import DRMCore
import Foundation
import Vapor

/// A report's query (`range`, `from`, `to`, `job_id`, `tag`, `format`), validated field by field.
struct ReportRequest: Sendable {
    var kind: ReportKind
    var range: ReportRange
    var jobIDs: [Int]
    var tag: String?
    var format: ReportFormat

    static let query: [String: JSONValue] = [
        "range": Schema.string, "from": Schema.string, "to": Schema.string, "job_id": Schema.string,
        "tag": Schema.string, "format": Schema.oneOf(ReportFormat.allCases.map(\.rawValue)),
    ]

    init(_ request: Request, now: Date) throws {
        let name = request.parameters.get("name") ?? ""
        guard let kind = ReportKind(rawValue: name) else {
            throw APIError.notFound("report \(name)")
        }
        try self.init(
            kind: kind, range: request.query[String.self, at: "range"], from: request.query[String.self, at: "from"],
            to: request.query[String.self, at: "to"], jobIDs: request.query[String.self, at: "job_id"],
            tag: request.query[String.self, at: "tag"], format: request.query[String.self, at: "format"], now: now)
    }

    /// The request from its fields as text (the page's form and the API's query).
    init(
        kind: ReportKind, range: String?, from: String?, to: String?, jobIDs: String?, tag: String?, format: String?,
        now: Date
    ) throws {
        self.kind = kind
        do {
            let name = range ?? "7d"
            if name == "custom" {
                let parser = ISO8601DateFormatter()
                guard let from, let start = parser.date(from: from) else {
                    throw ReportInputError(field: "from", message: "from must be an ISO 8601 time for a custom range")
                }
                guard let to, let end = parser.date(from: to) else {
                    throw ReportInputError(field: "to", message: "to must be an ISO 8601 time for a custom range")
                }
                self.range = try ReportRange.custom(from: start, to: end)
            } else {
                self.range = try ReportRange.last(name, now: now)
            }
        } catch let error as ReportInputError {
            throw APIError.invalid(error.field, error.message)
        }
        var ids: [Int] = []
        for part in (jobIDs ?? "").split(separator: ",") {
            guard let id = Int(part.trimmingCharacters(in: .whitespaces)), (1...Int(Int32.max)).contains(id) else {
                throw APIError.invalid("job_id", "job_id must be job ids separated by commas")
            }
            ids.append(id)
        }
        guard ids.count <= 100 else { throw APIError.invalid("job_id", "at most 100 jobs") }
        self.jobIDs = ids
        let trimmed = tag?.trimmingCharacters(in: .whitespaces)
        guard (trimmed?.count ?? 0) <= 100 else { throw APIError.invalid("tag", "tag must be at most 100 characters") }
        self.tag = trimmed?.isEmpty == false ? trimmed : nil
        guard let format = ReportFormat(rawValue: format ?? "json") else {
            throw APIError.invalid("format", "format must be html, csv or json")
        }
        self.format = format
    }
}
