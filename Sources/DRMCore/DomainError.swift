/// The one shape of every use case's refusal: its kind, the field at fault (as the API spells it), a message
/// for people, and a detail for the log that is never shown to the caller.
public protocol DomainError: Error, Sendable {
    /// What kind of refusal this is.
    var kind: ErrorKind { get }
    /// The request field at fault, when one is.
    var field: String? { get }
    /// What went wrong, for the people who made the request.
    var message: String { get }
    /// The text a form shows above itself when it is refused; by default `message`.
    var formMessage: String { get }
    /// What the log should record beyond `message`; never returned to the caller. By default nothing.
    var debugDetail: String? { get }
}

extension DomainError {
    /// The text a form shows above itself when it is refused: `message`.
    public var formMessage: String { message }
    /// No detail beyond the message.
    public var debugDetail: String? { nil }
}
