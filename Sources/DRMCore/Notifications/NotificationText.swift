public import Foundation

/// Renders a notification's subject and bodies from templates and the event's values, with the templating rules
/// of job parameters (``TemplateText``: `{{job.name}}`, one pass, unknown names empty). Values are escaped for
/// where they land: JSON string content in a webhook body, HTML in the HTML part of a mail.
public struct NotificationText: Sendable, Hashable {
    public var subject: String
    public var body: String
    public var html: String

    /// The subject of the seeded default template.
    public static let defaultSubject = "[EnableDRM] {{job.name}} {{event.summary}} ({{execution.serial}})"
    /// The body of the seeded default template.
    public static let defaultBody = """
        Job {{job.name}} {{event.summary}}.
        Execution: {{execution.serial}} ({{execution.status}})
        Targets: {{targets.succeeded}} of {{targets.total}} succeeded, {{targets.failed}} failed
        Duration: {{execution.duration}}
        {{execution.link}}
        """

    /// Renders `subject` and `body` (defaults when nil) with `values`.
    public static func render(
        subject: String?, body: String?, values: [String: String]
    ) throws(FieldError.Reason) -> NotificationText {
        let subjectText = try TemplateText(subject ?? defaultSubject)
        let bodyText = try TemplateText(body ?? defaultBody)
        let html = bodyText.render(values, escape: htmlEscaped)
            .split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>\n")
        return NotificationText(
            subject: subjectText.render(values).replacingOccurrences(of: "\n", with: " "),
            body: bodyText.render(values),
            html: "<!DOCTYPE html>\n<html><body><p>\n\(html)\n</p></body></html>\n")
    }

    /// A webhook body: `template` with JSON-escaped values, or the event as a JSON object
    /// `{"type", "timestamp", "data"}`.
    public static func webhookBody(template: String?, event: String, timestamp: Date, values: [String: String])
        throws(FieldError.Reason) -> String
    {
        if let template { return try TemplateText(template).render(values, escape: jsonEscaped) }
        let formatter = ISO8601DateFormatter()
        let data: JSONValue = .object(values.mapValues(JSONValue.string))
        let envelope: JSONValue = [
            "type": .string(event), "timestamp": .string(formatter.string(from: timestamp)), "data": data,
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(envelope)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// `text` as the content of a JSON string (without the quotes).
    public static func jsonEscaped(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        guard let data = try? encoder.encode(text) else { return "" }
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped for HTML.
    public static func htmlEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
