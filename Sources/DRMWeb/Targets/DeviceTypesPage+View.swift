import DRMCore
import DRMEngine
import DRMStore

extension DeviceTypesPage {
    /// The device-types page drawn from its model: one row a type (with a remove button for an unused custom type
    /// where the reader may delete) and the form that adds a type.
    struct View {
        var model: Model
        /// The hidden input that carries the form token.
        var csrf: HTML

        var body: HTML {
            get throws {
                let canDelete = model.allows(.delete)
                let rows = try model.types.map { type -> HTML in
                    let id = try type.savedID
                    let count = model.usage[type.value] ?? 0
                    let remove: HTML =
                        canDelete && !type.isSystem && count == 0
                        ? "<form method=\"post\" action=\"\(SiteRoute.deviceTypeDelete(.id(id)).path)\" class=\"inline\" data-confirm=\"Remove \(type.label)?\">\(csrf)<button class=\"danger\">Remove</button></form>"
                        : ""
                    return """
                        <tr data-type="\(type.value)"><td><code>\(type.value)</code></td><td>\(type.label)</td><td>\(type.category)</td>
                        <td>\(Self.list(type.communicationMethods))</td><td>\(Self.list(type.discoveryPorts))</td>
                        <td>\(type.isSystem ? "built-in" : "custom")</td><td>\(count)</td><td>\(remove)</td></tr>
                        """
                }
                let options = model.categories.map { "<option value=\"\($0.value)\">\($0.label)</option>" as HTML }
                let form: HTML =
                    model.allows(.create)
                    ? """
                    <h2>New device type</h2><form method="post" action="\(SiteRoute.deviceTypes.path)" class="card" id="new-device-type">\(csrf)
                    <label>Value<input name="value" required pattern="[a-z][a-z0-9_]{1,99}" placeholder="storage_array"></label>
                    <label>Label<input name="label" required maxlength="200"></label>
                    <label>Category<select name="category">\(options)</select></label>
                    <label>Methods<input name="methods" placeholder="ssh; rest_api"></label>
                    <label>Ports<input name="ports" placeholder="22; 443"></label>
                    <button>Add device type</button></form>
                    """ : ""
                return """
                    <table id="device-types"><thead><tr><th>Value</th><th>Label</th><th>Category</th><th>Methods</th><th>Ports</th><th>Kind</th><th>Targets</th><th></th></tr></thead>
                    <tbody>\(rows)</tbody></table>\(form)
                    """
            }
        }

        /// A JSON array of texts or numbers as one line, `a, b`.
        static func list(_ value: JSONValue) -> String {
            guard case .array(let items) = value else { return "" }
            return items.map { item in
                switch item {
                case .string(let text): text
                case .number(let number): String(Int(number))
                default: ""
                }
            }.joined(separator: ", ")
        }
    }
}
