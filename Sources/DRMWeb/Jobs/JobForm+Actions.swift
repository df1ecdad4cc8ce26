import DRMCore
import DRMEngine
import Foundation

/// The job form's action rows: each action type's own fields (``ActionField``), the config's fields, and the JSON of
/// what the fields don't hold (the advanced view), read into actions and drawn from them.
extension JobForm {
    /// Every field of every row, by ``ActionField/formKey(in:)``, in the order the rows draw them.
    static let fieldKeys: [String] =
        ActionType.allCases.flatMap { type in ActionField.parameters(of: type).map { $0.formKey(in: type.rawValue) } }
        + ActionField.config.map { $0.formKey(in: ActionField.configScope) }

    /// A stored action as a row shows it: the fields that can show its values, and the rest as JSON.
    static func shown(_ action: JobDraft.Action) -> (fields: [String: String], parameters: String, config: String) {
        var fields: [String: String] = [:]
        func split(_ value: JSONValue?, _ known: [ActionField], scope: String) -> String {
            guard case .object(var rest)? = value else { return value.map(json) ?? "" }
            for field in known {
                guard let stored = rest[field.key], let text = field.text(of: stored) else { continue }
                fields[field.formKey(in: scope)] = text
                rest[field.key] = nil
            }
            return rest.isEmpty ? "" : json(.object(rest))
        }
        let parameters = split(
            action.parameters, ActionField.parameters(of: action.type), scope: action.type.rawValue)
        let config = split(action.config, ActionField.config, scope: ActionField.configScope)
        return (fields, parameters, config)
    }

    /// The action of row `row`, the `index`-th action read so far; `nil` for a row with nothing filled in.
    func action(row: Int, index: Int) throws(JobError) -> JobDraft.Action? {
        func cell(_ list: [String]?) -> String {
            guard let list, row < list.count else { return "" }
            return list[row]
        }
        let field = "actions.\(index)"
        let typeName = cell(action_type)
        let actionName = cell(action_name).trimmingCharacters(in: .whitespacesAndNewlines)
        let parametersText = cell(action_parameters).trimmingCharacters(in: .whitespacesAndNewlines)
        let configText = cell(action_config).trimmingCharacters(in: .whitespacesAndNewlines)
        let type = ActionType(rawValue: typeName)
        let parameterFields = type.map { ActionField.parameters(of: $0) } ?? []
        let scope = type?.rawValue ?? ""
        let filled =
            parameterFields.contains { $0.isFilled(cell(self.field?[$0.formKey(in: scope)])) }
            || ActionField.config.contains {
                $0.isFilled(cell(self.field?[$0.formKey(in: ActionField.configScope)]))
            }
        if actionName.isEmpty && parametersText.isEmpty && configText.isEmpty && !filled { return nil }
        guard let type else {
            throw .invalid(field: "\(field).action_type", message: "must be one of \(Self.actionTypes)")
        }
        func read(_ fields: [ActionField], scope: String, json: String, prefix: String) throws(JobError) -> JSONValue? {
            var values: [String: JSONValue] = [:]
            for item in fields {
                let text = cell(self.field?[item.formKey(in: scope)])
                values[item.key] = try item.value(text, field: "\(prefix).\(item.key)")
            }
            if case .object(let extra)? = try Self.object(json, field: prefix) {
                values.merge(extra) { _, written in written }
            }
            return values.isEmpty ? nil : .object(values)
        }
        let parameters = try read(
            parameterFields, scope: scope, json: parametersText, prefix: "\(field).parameters")
        let config = try read(
            ActionField.config, scope: ActionField.configScope, json: configText, prefix: "\(field).config")
        return .init(
            type: type, name: actionName.isEmpty ? type.rawValue : actionName, parameters: parameters ?? .object([:]),
            config: config)
    }

    /// A JSON object typed into a textarea; nil when it is empty.
    static func object(_ text: String, field: String) throws(JobError) -> JSONValue? {
        guard !text.isEmpty else { return nil }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
            throw .invalid(field: field, message: "is not valid JSON")
        }
        guard case .object = value else { throw .invalid(field: field, message: "must be a JSON object") }
        return value
    }

    /// Row `index` of the actions, or a blank row: the type, the name, every type's fields (those of other types
    /// hidden) and the advanced JSON.
    func actionRow(_ index: Int?) -> HTML {
        func cell(_ list: [String]?) -> String {
            guard let index, let list, index < list.count else { return "" }
            return list[index]
        }
        let current = index.flatMap { action_type?[$0] } ?? ActionType.command.rawValue
        let types = ActionType.allCases.map { type -> HTML in
            "<option\(HTML.flag("selected", type.rawValue == current))>\(type.rawValue)</option>"
        }
        let groups = ActionType.allCases.map { type -> HTML in
            let inputs = ActionField.parameters(of: type).map { input($0, scope: type.rawValue, cell) }
            return
                "<div class=\"action-fields\" data-action-fields=\"\(type.rawValue)\"\(HTML.flag("hidden", type.rawValue != current))>\(inputs)</div>"
        }
        let config = ActionField.config.map { input($0, scope: ActionField.configScope, cell) }
        return """
            <div class="action-row"><label>Type<select name="action_type[]" data-action-type>\(types)</select></label>
            <label>Name<input name="action_name[]" value="\(cell(action_name))"></label>
            \(groups)<div class="action-fields">\(config)</div>
            <details class="advanced"\(HTML.flag("open", !cell(action_parameters).isEmpty || !cell(action_config).isEmpty))><summary>Advanced: more parameters and config as JSON (they win over the fields)</summary>
            <label>Parameters (JSON)<textarea name="action_parameters[]" rows="3" cols="40" placeholder="{&quot;content_base64&quot;: &quot;…&quot;}">\(cell(action_parameters))</textarea></label>
            <label>Config (JSON)<textarea name="action_config[]" rows="3" cols="24" placeholder="{&quot;timeout_seconds&quot;: 60}">\(cell(action_config))</textarea></label></details></div>
            """
    }

    /// One field's input, its value from row `cell`.
    func input(_ item: ActionField, scope: String, _ cell: ([String]?) -> String) -> HTML {
        let name = item.name(in: scope)
        let value = cell(field?[item.formKey(in: scope)])
        let control: HTML
        switch item.kind {
        case .text, .lines, .headers:
            control =
                "<textarea name=\"\(name)\" rows=\"\(item.kind == .text ? 3 : 2)\" cols=\"40\" placeholder=\"\(item.placeholder)\">\(value)</textarea>"
        case .choice(let values):
            let options = values.map { "<option\(HTML.flag("selected", $0 == value))>\($0)</option>" as HTML }
            control = "<select name=\"\(name)\">\(options)</select>"
        case .flag:
            control =
                "<select name=\"\(name)\"><option>no</option><option\(HTML.flag("selected", value == "yes"))>yes</option></select>"
        case .line, .numbers, .integer, .number:
            control = "<input name=\"\(name)\" value=\"\(value)\" placeholder=\"\(item.placeholder)\">"
        }
        return "<label>\(item.label)\(control)</label>"
    }
}
