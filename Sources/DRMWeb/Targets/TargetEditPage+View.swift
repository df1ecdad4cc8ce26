import DRMCore
import DRMEngine
import DRMStore

extension TargetEditPage {
    /// A target's page drawn from its model: the edit form (read-only for readers who may not change it), the
    /// methods with their credentials' metadata, and the SSH host keys with the forms that accept, pin or forget
    /// one for those allowed to.
    struct View {
        var model: Model
        /// The hidden input that carries the form token.
        var csrf: HTML

        var body: HTML {
            get throws {
                let target = model.record.target
                let id = try target.savedID
                let disabled = HTML.flag("disabled", !model.canUpdate)
                func select(_ name: String, _ values: [String], _ current: String) -> HTML {
                    let options = values.map { "<option\(HTML.flag("selected", $0 == current))>\($0)</option>" as HTML }
                    return "<select name=\"\(name)\"\(disabled)>\(options)</select>"
                }
                let deviceOptions = ([""] + model.deviceTypes).map { value -> HTML in
                    "<option value=\"\(value)\"\(HTML.flag("selected", value == (target.deviceType ?? "")))>\(value.isEmpty ? "none" : value)</option>"
                }
                return """
                    <h2>\(target.name) <small>\(target.targetSerial)</small></h2>
                    <form method="post" action="\(SiteRoute.target(.id(id)).path)" class="card" id="edit-target">\(csrf)
                    <label>Name<input name="name" value="\(target.name)" required\(disabled)></label>
                    <label>OS<input name="os_type" value="\(target.osType)" size="8"\(disabled)></label>
                    <label>Environment\(select("environment", TargetEnvironment.allCases.map(\.rawValue), target.environment))</label>
                    <label>Status\(select("status", TargetStatus.allCases.map(\.rawValue), target.status))</label>
                    <label>Device type<select name="device_type"\(disabled)>\(deviceOptions)</select></label>
                    <label>Tags<input name="tags" value="\(model.record.tags.joined(separator: "; "))"\(disabled)></label>
                    <label>Description<input name="description" value="\(target.description ?? "")" size="30"\(disabled)></label>
                    \(model.canUpdate ? "<button>Save</button>" as HTML : "")</form>
                    <h2>Communication methods</h2>
                    <table id="methods"><thead><tr><th>Type</th><th>Endpoint</th><th>Primary</th><th>Credential</th><th>Host key</th><th>Last test</th></tr></thead>
                    <tbody>\(methods)</tbody></table>
                    \(try hostKeys(targetID: id))
                    <p><a href="\(SiteRoute.targets.path)">All targets</a></p>
                    """
            }
        }

        var methods: [HTML] {
            model.record.methods.map { method -> HTML in
                let credential =
                    method.credential.map { summary -> HTML in
                        "\(summary.type)\(summary.username.map { " as \($0)" } ?? "")\(summary.hasPassword ? ", password set" : "")\(summary.hasPrivateKey ? ", key set" : "")"
                    } ?? "none"
                return """
                    <tr><td>\(method.method.methodType)</td><td>\(method.host ?? "?")\(method.port.map { ":\($0)" } ?? "")</td>
                    <td>\(method.method.isPrimary ? "yes" : "")</td><td>\(credential)</td>
                    <td>\(method.method.hostKey.flatMap(KeyFingerprint.ofPublicKeyLine))</td>
                    <td>\(method.method.lastTestSuccess.map { $0 ? "ok" : "failed" })\(method.method.lastTestMessage.map { ": \($0)" })</td></tr>
                    """
            }
        }

        /// The SSH methods' keys side by side, with the policy and, for those allowed to, the forms.
        func hostKeys(targetID: Int) throws -> HTML {
            guard !model.hostKeys.isEmpty else { return "" }
            let rows = model.hostKeys.map { entry -> HTML in
                let offered: HTML =
                    entry.offeredFingerprint.map { fingerprint -> HTML in
                        let tested: HTML = entry.testedAt.map { " (\(Layout.time($0)))" } ?? ""
                        let mark: HTML = entry.state == .changed ? " class=\"offered\"" : ""
                        return "<code\(mark)>\(fingerprint)</code>\(tested)"
                    } ?? "<span class=\"empty\">no test has seen a key</span>"
                return """
                    <tr data-method="\(entry.methodID)"><td>\(entry.endpoint)</td><td><span class="badge" data-key-state="\(entry.state.rawValue)">\(entry.state.rawValue)</span></td>
                    <td>\(entry.pinnedFingerprint.map { "<code>\($0)</code>" as HTML } ?? "<span class=\"empty\">none</span>")</td>
                    <td>\(offered)</td><td>\(model.policy(of: entry.methodID))</td><td>\(forms(entry, targetID: targetID))</td></tr>
                    """
            }
            let note: HTML =
                model.canChangeKeys
                ? "" : "<p class=\"empty\">Only a role with host key rights can accept, pin or forget a key.</p>"
            return """
                <h2>SSH host keys</h2>
                <table id="host-keys" class="host-keys"><thead><tr><th>Endpoint</th><th>State</th><th>Pinned key</th><th>Offered in the last test</th><th>Policy</th><th></th></tr></thead>
                <tbody>\(rows)</tbody></table>\(note)
                """
        }

        /// The forms of one method's key: accept the offered one (when it differs), forget the pinned one, pin a key
        /// given as a line.
        func forms(_ entry: HostKeyReview.Entry, targetID: Int) -> HTML {
            guard model.canChangeKeys else { return "" }
            let action = SiteRoute.targetHostKey(.id(targetID)).path
            func form(_ verb: String, _ body: HTML, confirm: String? = nil) -> HTML {
                let ask: HTML = confirm.map { " data-confirm=\"\($0)\"" } ?? ""
                return """
                    <form method="post" action="\(action)" class="inline" data-key-action="\(verb)"\(ask)>\(csrf)<input type="hidden" name="method_id" value="\(entry.methodID)"><input type="hidden" name="action" value="\(verb)">\(body)</form>
                    """
            }
            var forms: [HTML] = []
            if entry.offered != nil, entry.state == .changed || entry.state == .unpinned {
                forms.append(
                    form(
                        "accept", "<button>Accept the offered key</button>",
                        confirm: "Trust \(entry.offeredFingerprint ?? "") for \(entry.endpoint)?"))
            }
            if entry.pinned != nil {
                forms.append(
                    form(
                        "forget", "<button class=\"danger\">Forget</button>",
                        confirm: "Forget the pinned key of \(entry.endpoint)?"))
            }
            forms.append(
                form(
                    "pin",
                    "<input name=\"host_key\" size=\"28\" placeholder=\"ssh-ed25519 AAAA…\" aria-label=\"Host key of \(entry.endpoint)\"><button>Pin</button>"
                ))
            return HTML(unsafe: forms.map(\.text).joined())
        }
    }
}
