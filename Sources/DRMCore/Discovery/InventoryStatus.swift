/// How a discovered device compares with the inventory: not there (`new`), there but answering differently than at
/// the previous run (`changed`), there and the same (`known`); `gone` is a target of the swept range that didn't
/// answer.
public enum InventoryStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case new, changed, known, gone
}
