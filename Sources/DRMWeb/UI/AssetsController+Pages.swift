/// Styles and script of single pages, served after the shared ones: the job form's action rows (each type's own
/// fields, the others hidden; its option rows) and the target page's host keys.
extension AssetsController {
    static let pageCSS = """
        .action-fields{display:flex;flex-wrap:wrap;gap:.6rem;width:100%}.action-fields[hidden]{display:none}
        details.advanced{width:100%;font-size:12px;color:var(--muted)}details.advanced[open]{display:flex;flex-wrap:wrap;gap:.6rem}
        .option-row{display:flex;flex-wrap:wrap;gap:.6rem;padding:.4rem 0;border-bottom:1px dashed var(--line)}
        .job-form fieldset.options{width:100%;border:1px solid var(--line);border-radius:6px}
        table.host-keys td{font-size:13px}.host-keys .offered{color:var(--warn)}
        """

    static let pageScript = """

        const showActionFields = (select) => {
          for (const group of select.closest(".action-row").querySelectorAll("[data-action-fields]")) group.hidden = group.dataset.actionFields !== select.value;
        };
        document.addEventListener("change", (event) => { if (event.target.matches("[data-action-type]")) showActionFields(event.target); });
        for (const select of document.querySelectorAll("[data-action-type]")) showActionFields(select);
        document.addEventListener("click", (event) => {
          const button = event.target.closest("[data-add-option]");
          if (!button) return;
          const rows = button.parentElement.querySelectorAll(".option-row");
          const copy = rows[rows.length - 1].cloneNode(true);
          for (const field of copy.querySelectorAll("input")) field.value = "";
          button.before(copy);
        });
        """
}
