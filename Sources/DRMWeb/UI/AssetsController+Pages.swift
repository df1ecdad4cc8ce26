/// Styles and script of single pages, served after the shared ones: the job form's action rows (each type's own
/// fields, the others hidden) and the target page's host keys.
extension AssetsController {
    static let pageCSS = """
        .action-fields{display:flex;flex-wrap:wrap;gap:.6rem;width:100%}.action-fields[hidden]{display:none}
        details.advanced{width:100%;font-size:12px;color:var(--muted)}details.advanced[open]{display:flex;flex-wrap:wrap;gap:.6rem}
        table.host-keys td{font-size:13px}.host-keys .offered{color:var(--warn)}
        """

    static let pageScript = """

        const showActionFields = (select) => {
          for (const group of select.closest(".action-row").querySelectorAll("[data-action-fields]")) group.hidden = group.dataset.actionFields !== select.value;
        };
        document.addEventListener("change", (event) => { if (event.target.matches("[data-action-type]")) showActionFields(event.target); });
        for (const select of document.querySelectorAll("[data-action-type]")) showActionFields(select);
        """
}
