/// Why ``CSV`` can't read a text as CSV, and on which line.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line (1-based) where the problem is.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}
