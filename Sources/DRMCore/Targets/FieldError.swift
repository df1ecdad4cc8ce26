/// Why an input was refused (a communication method's configuration, a job's action): the field at fault (e.g.
/// `config.port`, `actions.0.parameters.command`) and what is wrong.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field at fault, as the API spells it: `method_type`, `config`, `config.port`, `config.default_headers.X-A`.
    public var field: String
    /// What is wrong with it, e.g. `must be 1…65535`.
    public var message: String

    /// An error about `field`.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}

extension FieldError {
    /// What is wrong, before it is known which field it is about.
    public struct Reason: Error, Sendable, Hashable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    /// The error for `field`, with `reason`'s message.
    public init(field: String, _ reason: Reason) { self.init(field: field, message: reason.message) }
}
