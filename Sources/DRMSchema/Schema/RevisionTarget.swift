import Foundation

/// Where `db upgrade` or `db downgrade` should take the database.
public enum RevisionTarget: Sendable, Hashable, CustomStringConvertible {
    case head
    case base
    /// Steps relative to the current revision: `-1` is one down.
    case relative(Int)
    case revision(String)

    /// Parses `head`, `base`, `-1`, `+2` or a revision id.
    public init(_ text: String) {
        switch text {
        case "head": self = .head
        case "base": self = .base
        default:
            if let steps = Int(text), text.hasPrefix("-") || text.hasPrefix("+") {
                self = .relative(steps)
            } else {
                self = .revision(text)
            }
        }
    }

    public var description: String {
        switch self {
        case .head: "head"
        case .base: "base"
        case .relative(let steps): steps < 0 ? "\(steps)" : "+\(steps)"
        case .revision(let revision): revision
        }
    }
}
