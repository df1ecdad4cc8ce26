public import FluentKit

extension Model where IDValue == Int {
    /// The id of a row that has been saved; throws when it hasn't (for the edges, which read rows but never
    /// query them).
    public var savedID: Int {
        get throws { try requireID() }
    }
}
