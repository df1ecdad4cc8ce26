import Vapor

extension OpenAPIController {
    /// A form that sends the operation from the page with the logged-in token (`/api/docs.js`): one field per path
    /// parameter, the query, and a JSON body for writes. Without the script it does nothing (`method="dialog"`).
    static func tryIt(_ route: Route, _ endpoint: EndpointInfo) -> String {
        let path = OpenAPIDocument.path(of: route)
        let parameters = route.path.compactMap { component -> String? in
            let text = component.description
            guard text.hasPrefix(":") else { return nil }
            let name = String(text.dropFirst()).htmlEscaped
            return "<label>\(name) <input name=\"param:\(name)\" size=\"6\" required></label> "
        }.joined()
        let body =
            endpoint.body != nil && endpoint.bodyTypes.contains("application/json")
            ? "<br><textarea name=\"body\" rows=\"3\" cols=\"60\">{}</textarea>" : ""
        return
            "<details class=\"try\" data-method=\"\(route.method.rawValue)\" data-path=\"\(path.htmlEscaped)\">"
            + "<summary>try it</summary><form method=\"dialog\">\(parameters)<label>query <input name=\"query\" "
            + "size=\"24\" placeholder=\"page=1&amp;per_page=20\"></label>\(body) <button>Send</button></form>"
            + "<pre class=\"try-out\"></pre></details>"
    }

    /// The script of the docs' "try it" forms, served as `/api/docs.js` (the page has no inline script).
    static let tryItScript = #"""
        "use strict";
        let token = null;
        const show = async (out, response) => {
          const text = await response.text();
          let shown = text;
          try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (_) {}
          out.textContent = response.status + " " + response.statusText + "\n" + shown;
        };
        document.getElementById("try-login").addEventListener("submit", async (event) => {
          event.preventDefault();
          const form = event.target;
          const response = await fetch("/api/v1/auth/login", {method: "POST", headers: {"Content-Type": "application/json"},
            body: JSON.stringify({username: form.username.value, password: form.password.value})});
          const status = document.getElementById("try-token");
          if (!response.ok) { status.textContent = "log-in refused (" + response.status + ")"; return; }
          token = (await response.json()).access_token;
          status.textContent = "logged in as " + form.username.value;
        });
        for (const details of document.querySelectorAll("details.try")) {
          const form = details.querySelector("form");
          form.addEventListener("submit", async (event) => {
            event.preventDefault();
            let path = details.dataset.path;
            for (const input of form.querySelectorAll("input[name^='param:']")) {
              path = path.replace("{" + input.name.slice(6) + "}", encodeURIComponent(input.value));
            }
            if (form.query.value) path += "?" + form.query.value;
            const headers = {};
            if (token) headers["Authorization"] = "Bearer " + token;
            const init = {method: details.dataset.method, headers};
            if (form.body) { headers["Content-Type"] = "application/json"; init.body = form.body.value; }
            await show(details.querySelector(".try-out"), await fetch(path, init));
          });
        }
        """#
}
