/// What a schedule does when its time comes while its previous run is still going (Temporal's names and meanings).
/// The default is `skip`.
public enum OverlapPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Don't start; the occurrence is recorded as `skipped`.
    case skip
    /// Start after the running one ends; at most one waits (`buffered`), later ones are skipped.
    case bufferOne = "buffer_one"
    /// Start after the running one ends; every one waits, and they start one at a time, in order.
    case bufferAll = "buffer_all"
    /// Cancel the running one and start.
    case cancelOther = "cancel_other"
    /// Start regardless: runs may overlap.
    case allowAll = "allow_all"
}
