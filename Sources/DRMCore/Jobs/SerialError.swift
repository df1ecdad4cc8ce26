/// Why a serial (``YearSerial``) can't be read or made.
public enum SerialError<Kind: SerialKind>: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text isn't `T` followed by eleven digits; `reason` says what is wrong.
    case malformed(text: String, reason: String)
    /// The year or the counter is out of range.
    case outOfRange(field: String, value: Int)
    /// The year's counter is used up.
    case exhausted(year: Int)

    /// The failure, for people.
    public var description: String {
        switch self {
        case .malformed(let text, let reason): "'\(text)' is not a \(Kind.noun) serial: \(reason)"
        case .outOfRange(let field, let value): "\(Kind.noun) serial \(field) \(value) is out of range"
        case .exhausted(let year): "all \(YearSerial<Kind>.maximumSequence) \(Kind.noun) serials of \(year) are used"
        }
    }
}
