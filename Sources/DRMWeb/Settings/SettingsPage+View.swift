import DRMCore
import DRMEngine
import DRMStore
import Foundation

extension SettingsPage {
    /// The settings page drawn from its model: one input per offered setting, disabled for readers who may not
    /// change them.
    struct View {
        var model: Model
        /// The hidden input that carries the form token.
        var csrf: HTML

        var body: HTML {
            let rows = SettingKey.offered.map { key -> HTML in
                "<tr><th><label for=\"\(key.rawValue)\">\(key.rawValue)</label></th><td>\(Self.input(key, model.values[key] ?? key.defaultValue, enabled: model.canEdit))</td></tr>"
            }
            let save: HTML =
                model.canEdit
                ? "<p><button>Save settings</button></p>"
                : "<p class=\"empty\">Only administrators change settings.</p>"
            return """
                <form method="post" action="\(SiteRoute.settings.path)">\(csrf)
                <table id="settings"><tbody>\(rows)</tbody></table>\(save)</form>
                """
        }

        static func input(_ key: SettingKey, _ value: JSONValue, enabled: Bool) -> HTML {
            let name = key.rawValue
            let disabled = HTML.flag("disabled", !enabled)
            switch (key.kind, value) {
            case (.boolean, _):
                return
                    "<input type=\"hidden\" name=\"\(name)\" value=\"false\"><input type=\"checkbox\" id=\"\(name)\" name=\"\(name)\" value=\"true\"\(HTML.flag("checked", value == .bool(true)))\(disabled)>"
            case (.oneOf(let choices), _):
                let options = choices.map {
                    "<option\(HTML.flag("selected", value == .string($0)))>\($0)</option>" as HTML
                }
                return "<select id=\"\(name)\" name=\"\(name)\"\(disabled)>\(options)</select>"
            case (.integer(let range), .number(let number)):
                return
                    "<input type=\"number\" id=\"\(name)\" name=\"\(name)\" min=\"\(range.lowerBound)\" max=\"\(range.upperBound)\" value=\"\(Int(number))\"\(disabled)>"
            case (.optionalID, .number(let number)):
                return
                    "<input type=\"number\" id=\"\(name)\" name=\"\(name)\" min=\"1\" value=\"\(Int(number))\"\(disabled)>"
            case (.optionalID, _):
                return "<input type=\"number\" id=\"\(name)\" name=\"\(name)\" min=\"1\" value=\"\"\(disabled)>"
            case (_, .string(let text)):
                return "<input id=\"\(name)\" name=\"\(name)\" value=\"\(text)\"\(disabled)>"
            default:
                // Structured values (DST rules) are changed through the API.
                let json = (try? JSONEncoder.sorted.encode(value)).map { String(decoding: $0, as: UTF8.self) }
                return "<code>\(json)</code>"
            }
        }
    }
}
