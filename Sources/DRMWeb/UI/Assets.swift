import Vapor

/// The stylesheet and script of the web UI, hand-written and served from memory.
struct AssetsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("static", "app.css") { _ in
            Self.asset(Self.css + Self.pageCSS, type: HTTPMediaType(type: "text", subType: "css"))
        }
        routes.get("static", "app.js") { _ in
            Self.asset(Self.script + Self.pageScript, type: HTTPMediaType(type: "application", subType: "javascript"))
        }
    }

    static func asset(_ text: String, type: HTTPMediaType) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = type
        headers.add(name: .cacheControl, value: "public, max-age=3600")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    static let css = """
        :root{--ink:#1d2330;--muted:#5f6b7a;--line:#d9dee5;--bg:#f5f7fa;--card:#fff;--accent:#2457c5;--bad:#b42318;--good:#16794c;--warn:#a15c07}
        *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg)}
        a{color:var(--accent)}header.top{display:flex;gap:1rem;align-items:center;padding:.6rem 1rem;background:#16203a;color:#fff}
        header.top a.brand{color:#fff;font-weight:700;text-decoration:none;margin-right:auto}header .role{opacity:.75}
        .frame{display:flex;min-height:calc(100vh - 90px)}nav{width:210px;background:var(--card);border-right:1px solid var(--line);padding:.5rem 0}
        nav ul{list-style:none;margin:0;padding:0}nav a{display:block;padding:.45rem 1rem;color:var(--ink);text-decoration:none}
        nav a[aria-current]{background:#e8eefc;font-weight:600;border-left:3px solid var(--accent)}nav a:hover{background:#f0f3f8}
        .soon{font-size:11px;color:var(--muted);border:1px solid var(--line);border-radius:8px;padding:0 5px}
        main{flex:1;padding:1rem 1.5rem;min-width:0}h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem}
        footer{padding:.5rem 1rem;color:var(--muted);font-size:12px;border-top:1px solid var(--line)}
        table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line)}
        th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}th{background:#eef1f5;font-weight:600}
        td code,pre{font:12px ui-monospace,monospace;white-space:pre-wrap;word-break:break-all}
        form.inline{display:inline}form.filters,form.card{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;margin:0 0 1rem}
        label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:2px}
        input,select,button{font:inherit;padding:.3rem .5rem;border:1px solid var(--line);border-radius:4px;background:#fff}
        button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}button.link{background:none;border:0;color:inherit;text-decoration:underline}
        button.danger{background:var(--bad);border-color:var(--bad)}
        .notice{background:#e7f6ee;border:1px solid #b7e1c8;padding:.5rem .8rem;border-radius:4px}
        .error{background:#fdecea;border:1px solid #f5c2bd;padding:.5rem .8rem;border-radius:4px;color:var(--bad)}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:.8rem;margin-bottom:1rem}
        .card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.8rem}.card .value{font-size:1.6rem;font-weight:700}
        .card .label{color:var(--muted);font-size:12px}.outcome-failure,.outcome-denied{color:var(--bad)}.outcome-success{color:var(--good)}
        .pager{display:flex;gap:1rem;align-items:center}.empty{color:var(--muted);font-style:italic}
        .login{max-width:340px;margin:12vh auto;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1.5rem}
        .login form{display:flex;flex-direction:column;gap:.8rem}svg.chart{background:var(--card);border:1px solid var(--line);border-radius:6px}
        svg.chart rect.bar{fill:var(--accent)}svg.chart rect.bar.bad{fill:var(--bad)}svg.chart text{font-size:10px;fill:var(--muted)}
        .badge{display:inline-block;padding:0 .5em;border-radius:9px;font-size:12px;background:#e4e7ec;color:var(--ink)}
        .status-completed{background:#d1f0df;color:var(--good)}.status-failed,.status-timed_out{background:#fbd9d5;color:var(--bad)}
        .status-partially_failed{background:#fdebc8;color:var(--warn)}.status-running{background:#dbe6fb;color:var(--accent)}
        .status-cancelled,.status-skipped{background:#eceef1;color:var(--muted)}.task-failure{color:var(--bad)}.task-success{color:var(--good)}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
        .job-form fieldset{width:100%;border:1px solid var(--line);border-radius:6px}.job-form .wide{width:100%}
        .action-row{display:flex;flex-wrap:wrap;gap:.6rem;padding:.4rem 0;border-bottom:1px dashed var(--line)}
        textarea{font:12px ui-monospace,monospace;border:1px solid var(--line);border-radius:4px}.hints{font-size:12px;color:var(--muted);margin:0}
        a.button{display:inline-block;padding:.3rem .5rem;border:1px solid var(--accent);border-radius:4px;text-decoration:none}
        .log{background:#0f1522;color:#d7dde8;font:12px ui-monospace,monospace;padding:.5rem;border-radius:6px;max-height:420px;overflow:auto;white-space:pre-wrap}
        .log .level-error{color:#ff8a80}.log .level-warning{color:#ffd180}tr.output td{border-top:0;padding-top:0}
        dl.parameters{margin:0}dl.parameters dt{color:var(--muted);font-size:12px}dl.parameters dd{margin:0 0 .3rem}pre.script{background:#f5f7fa;padding:.3rem;border-radius:4px;margin:0}
        fieldset.picker{width:100%;border:1px solid var(--line);border-radius:6px}.picker ul{list-style:none;margin:.3rem 0;padding:0;max-height:220px;overflow:auto}
        .picker ul.chosen li{display:inline-block;margin:0 .4rem .3rem 0;padding:.1rem .5rem;border:1px solid var(--line);border-radius:12px;background:#f0f3f8}
        .picker li label,label.remove{display:inline-flex;flex-direction:row;gap:.3rem;align-items:center;color:var(--ink);font-size:13px}
        .picker ul.choices li{padding:.1rem 0}.picker small{color:var(--muted)}button.link{color:var(--accent)}
        """

    static let script = """
        "use strict";
        document.addEventListener("submit", (event) => {
          const message = event.target.getAttribute("data-confirm");
          if (message && !window.confirm(message)) event.preventDefault();
        });
        document.addEventListener("click", (event) => {
          const button = event.target.closest("[data-add-row]");
          if (!button) return;
          const rows = button.parentElement.querySelectorAll(".action-row");
          const copy = rows[rows.length - 1].cloneNode(true);
          for (const field of copy.querySelectorAll("input, textarea")) field.value = "";
          button.before(copy);
        });
        const log = document.getElementById("log");
        if (log && log.dataset.events) {
          const label = (status) => status.replace(/_/g, " ");
          const order = ["queued", "running", "completed", "partially_failed", "failed", "cancelled", "timed_out", "skipped"];
          const setBadge = (badge, status) => {
            badge.dataset.status = status;
            badge.className = "badge status-" + status;
            badge.textContent = label(status);
          };
          const source = new EventSource(log.dataset.events);
          source.addEventListener("progress", (event) => {
            const progress = JSON.parse(event.data);
            const badge = document.querySelector("#heading [data-status]");
            if (badge) setBadge(badge, progress.status);
            const cell = document.getElementById("counts");
            const known = Object.keys(progress.targets).sort((a, b) => (order.indexOf(a) + 99) % 99 - (order.indexOf(b) + 99) % 99);
            if (cell) cell.textContent = known.filter((s) => progress.targets[s] > 0).map((s) => progress.targets[s] + " " + label(s)).join(" · ");
            const bar = document.getElementById("progress");
            if (bar) { bar.max = Math.max(progress.total_targets, 1); bar.value = progress.done; }
            const text = document.getElementById("progress-text");
            if (text) text.textContent = progress.done + " of " + progress.total_targets + " done";
            const started = document.getElementById("started");
            if (started && progress.started_at) {
              const time = document.createElement("time");
              time.setAttribute("datetime", progress.started_at);
              time.textContent = new Date(progress.started_at).toLocaleString();
              started.replaceChildren(time);
            }
          });
          source.addEventListener("log", (event) => {
            const line = JSON.parse(event.data);
            const row = document.createElement("div");
            row.className = "log-line level-" + line.level;
            row.textContent = [line.timestamp, line.level, line.phase + (line.target_name ? " [" + line.target_name + "]" : ""), line.message].join(" ");
            log.appendChild(row);
            log.scrollTop = log.scrollHeight;
            const badge = line.branch_id && document.querySelector('tr[data-branch="' + line.branch_id + '"] [data-status]');
            if (!badge) return;
            const ended = line.phase === "completion" && line.details && line.details.status;
            const status = ended || (badge.dataset.status === "queued" ? "running" : null);
            if (!status) return;
            setBadge(badge, status);
          });
          source.addEventListener("end", () => { source.close(); window.location.reload(); });
        }
        const params = (values) => new URLSearchParams(Object.entries(values).filter(([, value]) => value !== undefined && value !== ""));
        for (const picker of document.querySelectorAll("[data-picker]")) {
          const search = picker.querySelector("[data-picker-search]");
          const results = picker.querySelector("[data-picker-results]");
          const chosen = picker.querySelector("[data-picker-chosen]");
          const more = picker.querySelector("[data-picker-more]");
          const count = picker.querySelector("[data-picker-count]");
          const total = picker.querySelector("[data-picker-total]");
          let page = 1, asked = 0, timer = null;
          const bump = (by) => { if (total) total.textContent = String(Number(total.textContent) + by); };
          const choice = (item) => {
            const row = document.createElement("li");
            row.dataset.choice = item.id;
            const label = document.createElement("label");
            const box = document.createElement("input");
            box.type = "checkbox";
            box.value = item.id;
            const text = item.name + (item.host ? " (" + item.host + ")" : "");
            if (item.chosen && picker.dataset.removeField) {
              box.name = picker.dataset.removeField;
              row.append(text + " · chosen ");
              label.className = "remove";
              label.append(box, " remove");
            } else if (chosen.querySelector('[data-id="' + item.id + '"]')) {
              row.append(text + " · chosen");
              return row;
            } else {
              box.name = picker.dataset.field;
              label.append(box, " " + text);
            }
            row.append(label);
            return row;
          };
          const load = async (append) => {
            const ticket = ++asked;
            const response = await fetch(picker.dataset.picker + "?" + params({ q: search.value.trim(), page: String(page), per_page: "20", job_id: picker.dataset.job }), { headers: { Accept: "application/json" } });
            if (ticket !== asked) return;
            if (!response.ok) { count.textContent = "The search failed (" + response.status + ")."; return; }
            const data = await response.json();
            if (!append) results.replaceChildren();
            for (const item of data.items) results.appendChild(choice(item));
            count.textContent = data.total + (data.total === 1 ? " target matches" : " targets match");
            more.hidden = data.page * data.per_page >= data.total;
          };
          search.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => { page = 1; load(false); }, 250); });
          search.addEventListener("keydown", (event) => {
            if (event.key !== "Enter") return;
            event.preventDefault();
            clearTimeout(timer);
            page = 1;
            load(false);
          });
          more.addEventListener("click", () => { page += 1; load(true); });
          results.addEventListener("change", (event) => {
            const box = event.target;
            if (box.name === picker.dataset.removeField) { bump(box.checked ? -1 : 1); return; }
            if (!box.checked) return;
            const row = document.createElement("li");
            row.dataset.id = box.value;
            const hidden = document.createElement("input");
            hidden.type = "hidden";
            hidden.name = picker.dataset.field;
            hidden.value = box.value;
            const drop = document.createElement("button");
            drop.type = "button";
            drop.className = "link";
            drop.dataset.pickerDrop = "";
            drop.textContent = "remove";
            const name = document.createElement("span");
            name.textContent = box.parentElement.textContent.trim();
            row.append(name, " ", hidden, drop);
            chosen.appendChild(row);
            box.closest("li").remove();
            bump(1);
          });
          chosen.addEventListener("change", (event) => { if (event.target.type === "checkbox") bump(event.target.checked ? -1 : 1); });
          chosen.addEventListener("click", (event) => {
            const drop = event.target.closest("[data-picker-drop]");
            if (!drop) return;
            drop.closest("li").remove();
            bump(-1);
          });
        }
        for (const input of document.querySelectorAll("[data-filter-preview]")) {
          const output = input.parentElement.querySelector("[data-filter-count]");
          let timer = null;
          input.addEventListener("input", () => {
            clearTimeout(timer);
            timer = setTimeout(async () => {
              if (!input.value.trim()) { output.textContent = ""; return; }
              const response = await fetch(input.dataset.filterPreview + "?" + params({ filter: input.value, per_page: "1" }), { headers: { Accept: "application/json" } });
              const data = response.ok ? await response.json() : null;
              output.textContent = data ? "matches " + data.total + " target(s) now" : "not a valid filter";
            }, 300);
          });
        }
        for (const all of document.querySelectorAll("[data-select-all]")) {
          all.addEventListener("change", () => {
            for (const box of document.querySelectorAll('input[form="' + all.form.id + '"][name="target_ids[]"]')) box.checked = all.checked;
          });
        }
        for (const input of document.querySelectorAll("input[type=file][data-read-into]")) {
          input.addEventListener("change", async () => {
            const file = input.files[0];
            if (file) document.getElementById(input.dataset.readInto).value = await file.text();
          });
        }
        for (const element of document.querySelectorAll("time[datetime]")) {
          const date = new Date(element.getAttribute("datetime"));
          if (!isNaN(date)) { element.title = element.textContent; element.textContent = date.toLocaleString(); }
        }
        """
}
