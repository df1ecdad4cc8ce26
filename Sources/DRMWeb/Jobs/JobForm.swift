import DRMCore
import DRMEngine
import DRMStore
import Foundation
import Vapor

/// The job form of `/jobs` (create) and `/jobs/{id}` (edit), as the browser posts it: plain fields, the targets
/// as changes to the saved ones (``TargetPicker``: added in `target_ids`, removed in `target_remove`), the actions as
/// parallel rows (type, name, each type's own fields in ``field`` — see ``ActionField`` — and, as an advanced view,
/// more parameters and config as JSON) and the options as JSON. ``draft()`` reads it into a ``JobDraft``, naming the
/// field at fault as the API does.
struct JobForm: Content {
    var name: String?
    var description: String?
    /// Targets added (or kept) by this form; saved targets not named here stay.
    var target_ids: [Int]?
    /// Saved targets this form removes.
    var target_remove: [Int]?
    var target_filter: String?
    var parallelism: String?
    var failure_policy: String?
    var timeout_seconds: String?
    var priority: String?
    var action_type: [String]?
    var action_name: [String]?
    var action_parameters: [String]?
    var action_config: [String]?
    /// The actions' own fields, by ``ActionField/formKey(in:)``: one value per row.
    var field: [String: [String]]?
    /// The options as rows (``optionRows()``): one entry per row in each list.
    var option_name: [String]?
    var option_type: [String]?
    var option_required: [String]?
    var option_default: [String]?
    var option_allowed: [String]?
    var option_secret: [String]?
    var option_description: [String]?
    /// More options as a JSON list (the advanced view), after the rows'.
    var options: String?

    init() {}

    /// Form values as the browser sent them: not split at commas, which JSON is full of.
    static let decoder = URLEncodedFormDecoder(configuration: .init(arraySeparators: []))

    /// The form filled in with a stored job.
    init(_ job: JobDefinition) {
        let draft = job.draft
        name = draft.name
        description = draft.description
        target_filter = draft.targetFilter
        parallelism = String(draft.parallelism)
        failure_policy = draft.failurePolicy.rawValue
        timeout_seconds = draft.timeoutSeconds.map(String.init)
        priority = String(draft.priority)
        action_type = draft.actions.map(\.type.rawValue)
        action_name = draft.actions.map(\.name)
        var fields: [String: [String]] = [:]
        var parameters: [String] = []
        var configs: [String] = []
        for action in draft.actions {
            let shown = Self.shown(action)
            for key in Self.fieldKeys { fields[key, default: []].append(shown.fields[key] ?? "") }
            parameters.append(shown.parameters)
            configs.append(shown.config)
        }
        field = fields
        action_parameters = parameters
        action_config = configs
        fillOptionRows(draft.options)
        options = ""
    }

    /// JSON text of a stored value, keys sorted.
    static func json(_ value: JSONValue?) -> String {
        guard let value else { return "" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The targets after this form's changes to `stored`: those removed go, those added come after the others.
    func targetIDs(keeping stored: [Int]) -> [Int] {
        let removed = Set(target_remove ?? [])
        var result = stored.filter { !removed.contains($0) }
        var seen = Set(result)
        for id in target_ids ?? [] where !removed.contains(id) && seen.insert(id).inserted { result.append(id) }
        return result
    }

    /// The draft this form describes, its targets `stored` changed by the form. Blank action rows (no name,
    /// parameters or config) are left out.
    func draft(keeping stored: [Int] = []) throws(JobError) -> JobDraft {
        var actions: [JobDraft.Action] = []
        for row in (action_type ?? []).indices {
            if let action = try action(row: row, index: actions.count) { actions.append(action) }
        }
        var declared = try optionRows()
        let optionsText = (options ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !optionsText.isEmpty {
            do {
                declared += try JSONDecoder().decode([JobOption].self, from: Data(optionsText.utf8))
            } catch {
                throw .invalid(
                    field: "options", message: "must be a JSON list of options such as [{\"name\": \"path\"}]")
            }
        }
        guard let policy = JobDraft.FailurePolicy(rawValue: failure_policy ?? "continue") else {
            throw .invalid(field: "failure_policy", message: "must be continue or stop")
        }
        let filter = (target_filter ?? "").trimmingCharacters(in: .whitespaces)
        let text = (description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return JobDraft(
            name: name ?? "", description: text.isEmpty ? nil : text, actions: actions,
            targetIDs: targetIDs(keeping: stored),
            targetFilter: filter.isEmpty ? nil : filter, options: declared,
            parallelism: try Self.integer(parallelism, field: "parallelism") ?? 10, failurePolicy: policy,
            timeoutSeconds: try Self.integer(timeout_seconds, field: "timeout_seconds"),
            priority: try Self.integer(priority, field: "priority") ?? 5)
    }

    static let actionTypes = ActionType.allCases.map(\.rawValue).joined(separator: ", ")

    static func integer(_ text: String?, field: String) throws(JobError) -> Int? {
        let text = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw .invalid(field: field, message: "must be a whole number") }
        return value
    }

    /// The form, posting to `action`.
    func render(csrf: HTML, action: String, picker: TargetPicker, submit: String) -> HTML {
        let policies = JobDraft.FailurePolicy.allCases.map { policy -> HTML in
            "<option\(HTML.flag("selected", (failure_policy ?? "continue") == policy.rawValue))>\(policy.rawValue)</option>"
        }
        let count = max(action_type?.count ?? 0, 0)
        let rows = (0..<count).map { actionRow($0) } + [actionRow(nil)]
        let optionRows = (0..<(option_name?.count ?? 0)).map { optionRow($0) } + [optionRow(nil)]
        return """
            <form method="post" action="\(action)" class="card job-form">\(csrf)
            <label>Name<input name="name" maxlength="255" value="\(name)"></label>
            <label class="wide">Description<input name="description" size="50" value="\(description)"></label>
            \(picker.render(legend: "Targets"))
            <label>Target filter (matched at run time)<input name="target_filter" size="30" value="\(target_filter)" placeholder="tag=web and os=linux" data-filter-preview="\(SiteRoute.targetChoices.path)"><span class="empty" data-filter-count></span></label>
            <label>Parallelism<input name="parallelism" type="number" min="1" max="1000" value="\(parallelism ?? "10")"></label>
            <label>On failure<select name="failure_policy">\(policies)</select></label>
            <label>Time-out (s)<input name="timeout_seconds" type="number" min="1" max="604800" value="\(timeout_seconds)"></label>
            <label>Priority<input name="priority" type="number" min="1" max="10" value="\(priority ?? "5")"></label>
            <fieldset class="actions"><legend>Actions, in order (a row with nothing filled in is skipped)</legend>\(rows)
            <button type="button" data-add-row>Add an action row</button></fieldset>
            <fieldset class="options"><legend>Options, used as {{name}} in the actions (a row without a name is skipped)</legend>\(optionRows)
            <button type="button" data-add-option>Add an option row</button>
            <details class="advanced"\(HTML.flag("open", !(options ?? "").isEmpty))><summary>Advanced: more options as a JSON list</summary>
            <label class="wide">Options (JSON list: name, type string/integer/boolean, required, default, allowed, description, secret)
            <textarea name="options" rows="3" cols="70" placeholder="[{&quot;name&quot;: &quot;path&quot;, &quot;default&quot;: &quot;/tmp&quot;}]">\(options)</textarea></label></details></fieldset>
            <button>\(submit)</button></form>
            """
    }
}
