import DRMCore
import DRMEngine
import Foundation

/// The job form's option rows: each option's name, type, default, allowed values, whether it is required or
/// secret and its description in fields of their own (parallel lists, one entry per row), read into
/// ``JobOption``s and drawn from them. The JSON list stays under "Advanced" for more options.
extension JobForm {
    /// The options of the rows, in order; rows without a name are left out.
    func optionRows() throws(JobError) -> [JobOption] {
        var options: [JobOption] = []
        for row in (option_name ?? []).indices {
            func cell(_ list: [String]?) -> String {
                guard let list, row < list.count else { return "" }
                return list[row].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let name = cell(option_name)
            guard !name.isEmpty else { continue }
            let field = "options.\(options.count)"
            guard let type = JobOption.Kind(rawValue: cell(option_type).isEmpty ? "string" : cell(option_type)) else {
                throw .invalid(field: "\(field).type", message: "must be string, integer or boolean")
            }
            let text = cell(option_default)
            var defaultValue: JSONValue?
            if !text.isEmpty {
                switch type {
                case .string: defaultValue = .string(text)
                case .integer:
                    guard let number = Int(text) else {
                        throw .invalid(field: "\(field).default", message: "must be a whole number")
                    }
                    defaultValue = .number(Double(number))
                case .boolean:
                    guard text == "true" || text == "false" else {
                        throw .invalid(field: "\(field).default", message: "must be true or false")
                    }
                    defaultValue = .bool(text == "true")
                }
            }
            let allowed = cell(option_allowed).split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            let description = cell(option_description)
            options.append(
                JobOption(
                    name: name, type: type, required: cell(option_required) == "yes", defaultValue: defaultValue,
                    allowed: allowed, description: description.isEmpty ? nil : description,
                    secret: cell(option_secret) == "yes"))
        }
        return options
    }

    /// The rows of `options`, as the form shows them.
    mutating func fillOptionRows(_ options: [JobOption]) {
        option_name = options.map(\.name)
        option_type = options.map(\.type.rawValue)
        option_required = options.map { $0.required ? "yes" : "no" }
        option_default = options.map { $0.defaultValue?.plainText ?? "" }
        option_allowed = options.map { $0.allowed.joined(separator: ", ") }
        option_secret = options.map { $0.secret ? "yes" : "no" }
        option_description = options.map { $0.description ?? "" }
    }

    /// Row `index` of the options, or a blank row.
    func optionRow(_ index: Int?) -> HTML {
        func cell(_ list: [String]?) -> String {
            guard let index, let list, index < list.count else { return "" }
            return list[index]
        }
        func choice(_ name: String, _ values: [String], _ current: String) -> HTML {
            let options = values.map { "<option\(HTML.flag("selected", $0 == current))>\($0)</option>" as HTML }
            return "<select name=\"\(name)\">\(options)</select>"
        }
        return """
            <div class="option-row"><label>Option<input name="option_name[]" value="\(cell(option_name))" placeholder="version" size="12"></label>
            <label>Type\(choice("option_type[]", JobOption.Kind.allCases.map(\.rawValue), cell(option_type)))</label>
            <label>Required\(choice("option_required[]", ["no", "yes"], cell(option_required)))</label>
            <label>Default<input name="option_default[]" value="\(cell(option_default))" size="10"></label>
            <label>Allowed values (commas)<input name="option_allowed[]" value="\(cell(option_allowed))" size="16"></label>
            <label>Secret\(choice("option_secret[]", ["no", "yes"], cell(option_secret)))</label>
            <label>Description<input name="option_description[]" value="\(cell(option_description))" size="24"></label></div>
            """
    }
}
