import Foundation

/// A readable one-line description of a database error, whatever driver raised it.
public enum SQLErrorText {
    /// Drivers describe some errors vaguely on purpose (PostgresNIO hides server messages behind
    /// `String(describing:)`); `String(reflecting:)` carries the server's message.
    public static func describe(_ error: any Error) -> String {
        let text = String(reflecting: error)
        if let range = text.range(of: "message: ") {
            let rest = text[range.upperBound...]
            return String(rest.prefix { $0 != "," && $0 != ")" && $0 != "\n" }).trimmingCharacters(in: .whitespaces)
        }
        return String(describing: error)
    }
}
