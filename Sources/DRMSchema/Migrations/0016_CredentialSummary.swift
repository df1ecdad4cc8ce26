// Shipped migrations are never edited: add a new one instead.
extension Migration {
    /// credential summary: what may be shown of a credential (its user name, which secret fields it holds, the
    /// key's fingerprint), kept beside the encrypted value so lists never decrypt; filled in for the existing
    /// credentials by `serve` at start (decrypting each once)
    static let m0016 = Migration(
        "0016",
        "credential summary",
        up: [
            .addColumn(table: "target_credentials", Column("summary", .jsonb))
        ],
        down: [
            .dropColumn(table: "target_credentials", column: "summary")
        ]
    )
}
