/// Why a whole import was refused (as opposed to a row of it).
public struct TargetImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `unknown columns: colour; columns: name, host, …`.
    public var message: String

    /// An error saying `message`.
    public init(message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
