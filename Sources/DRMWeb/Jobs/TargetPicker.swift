import DRMCore
import DRMEngine
import Vapor

/// The job forms' target picker: the chosen targets (each with a "remove" box) and a search that pages through
/// every target (`/targets/choices`), however many there are. A form posts only what changed — the targets added
/// (`target_ids[]`) and the ones removed (`target_remove[]`) — so a save keeps every chosen target the form did not
/// show. Without a script, the first page of choices can still be ticked.
struct TargetPicker: Sendable {
    /// A chosen target as the form shows it.
    struct Entry: Sendable, Hashable {
        var choice: TargetChoice
        /// Chosen in this form, not yet saved: posted again as `target_ids[]`.
        var added = false
        /// Saved, and ticked for removal in this form.
        var removed = false
    }

    /// How many chosen targets the form lists; the search finds the others.
    static let shownLimit = 100
    /// How many choices a page of the search holds.
    static let pageSize = 20

    var entries: [Entry]
    /// How many targets are chosen in all.
    var chosenTotal: Int
    /// The first page of the choices.
    var choices: Page<TargetChoice>
    /// The job the picker edits, so a search marks what it has already.
    var jobID: Int?
    /// The field a chosen target is posted in.
    var field = "target_ids[]"
    /// The field a removed target is posted in; `nil` for a picker that starts empty (the run form).
    var removeField: String? = "target_remove[]"

    /// The picker of a job form: `stored` are the job's saved targets, `form` a refused form's changes.
    static func load(_ request: Request, stored: [Int], form: JobForm?, jobID: Int?) async throws -> TargetPicker {
        let removed = Set(form?.target_remove ?? [])
        let storedSet = Set(stored)
        var added: [Int] = []
        for id in form?.target_ids ?? [] where !storedSet.contains(id) && !added.contains(id) { added.append(id) }
        let all = stored + added
        let shown = Array(all.prefix(shownLimit))
        let names = try await request.jobList.targetNames(shown)
        let entries = shown.map { id in
            Entry(
                choice: TargetChoice(id: id, name: names[id] ?? "#\(id)"), added: !storedSet.contains(id),
                removed: removed.contains(id))
        }
        let choices = try await TargetChoicesEndpoint.page(
            request, perPage: pageSize, chosen: jobID == nil ? nil : storedSet)
        return TargetPicker(
            entries: entries, chosenTotal: all.count - removed.intersection(storedSet).count, choices: choices,
            jobID: jobID)
    }

    func render(legend: String) -> HTML {
        let shownIDs = Set(entries.map(\.choice.id))
        let chosen = entries.map { entry -> HTML in
            let control: HTML
            if entry.added {
                control =
                    "<input type=\"hidden\" name=\"\(field)\" value=\"\(entry.choice.id)\"><button type=\"button\" class=\"link\" data-picker-drop>remove</button>"
            } else if let removeField {
                control =
                    "<label class=\"remove\"><input type=\"checkbox\" name=\"\(removeField)\" value=\"\(entry.choice.id)\"\(HTML.flag("checked", entry.removed))> remove</label>"
            } else {
                control = ""
            }
            return "<li data-id=\"\(entry.choice.id)\"><span>\(entry.choice.name)</span> \(control)</li>"
        }
        let hidden = chosenTotal - entries.filter { !$0.removed }.count
        let more: HTML =
            hidden > 0
            ? "<p class=\"empty\" data-picker-hidden>and \(hidden) more chosen, not listed: search to find one.</p>"
            : ""
        let results = choices.items.filter { !shownIDs.contains($0.id) }.map { choice in
            Self.choiceItem(choice, field: field, removeField: removeField)
        }
        let hasMore = choices.page * choices.perPage < choices.total
        return """
            <fieldset class="picker" data-picker="\(SiteRoute.targetChoices.path)" data-field="\(field)"\(jobID.map { " data-job=\"\($0)\"" as HTML } ?? "")\(removeField.map { " data-remove-field=\"\($0)\"" as HTML } ?? "")>
            <legend>\(legend)</legend>
            <p class="picker-summary"><b data-picker-total>\(chosenTotal)</b> chosen</p>
            <ul class="chosen" data-picker-chosen>\(chosen)</ul>\(more)
            <label>Find targets by name, host or tag<input type="search" data-picker-search placeholder="node-12, 10.0.0.5, web"></label>
            <p class="empty" data-picker-count>\(choices.total) targets</p>
            <ul class="choices" data-picker-results>\(results)</ul>
            <button type="button" data-picker-more\(HTML.flag("hidden", !hasMore))>More targets</button></fieldset>
            """
    }

    /// A choice of the search: a box that adds it, or, when the job has it already, one that removes it.
    static func choiceItem(_ choice: TargetChoice, field: String, removeField: String?) -> HTML {
        let host: HTML = choice.host.map { " <small>\($0)</small>" } ?? ""
        if choice.chosen == true, let removeField {
            return
                "<li data-choice=\"\(choice.id)\">\(choice.name)\(host) · chosen <label class=\"remove\"><input type=\"checkbox\" name=\"\(removeField)\" value=\"\(choice.id)\"> remove</label></li>"
        }
        return
            "<li data-choice=\"\(choice.id)\"><label><input type=\"checkbox\" name=\"\(field)\" value=\"\(choice.id)\"> \(choice.name)\(host)</label></li>"
    }
}
