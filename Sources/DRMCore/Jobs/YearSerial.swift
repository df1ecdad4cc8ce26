public import Foundation

/// A target's serial, e.g. `T20250000001`.
public typealias TargetSerial = YearSerial<TargetSerialKind>
/// A job's serial, e.g. `J20250000001`; its executions, branches and action results extend it (``ExecutionSerials``).
public typealias JobSerial = YearSerial<JobSerialKind>

/// A serial of spec/domain.md: a letter, the four-digit year it was given in (UTC), and a seven-digit counter that
/// starts again at 1 each year, e.g. `T20250000001`. Twelve characters, immutable once given.
public struct YearSerial<Kind: SerialKind>: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The largest counter value of a year.
    public static var maximumSequence: Int { 9_999_999 }
    /// The length of a serial's text.
    public static var length: Int { 12 }

    /// The year, 1…9999.
    public let year: Int
    /// The counter within the year, 1…9,999,999.
    public let sequence: Int

    /// The serial for `year` and `sequence`, both in range.
    public init(year: Int, sequence: Int) throws(SerialError<Kind>) {
        guard (1...9999).contains(year) else { throw .outOfRange(field: "year", value: year) }
        guard (1...Self.maximumSequence).contains(sequence) else {
            throw .outOfRange(field: "sequence", value: sequence)
        }
        self.year = year
        self.sequence = sequence
    }

    /// The serial that `text` spells, exactly (no spaces, upper-case `T`).
    public init(parsing text: String) throws(SerialError<Kind>) {
        let utf8 = Array(text.utf8)
        guard utf8.count == Self.length else {
            throw .malformed(text: text, reason: "it has \(text.count) characters, not \(Self.length)")
        }
        guard utf8[0] == Kind.letter.asciiValue else {
            throw .malformed(text: text, reason: "it doesn't start with '\(Kind.letter)'")
        }
        guard utf8.dropFirst().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw .malformed(text: text, reason: "'\(Kind.letter)' must be followed by 11 digits")
        }
        let digits = utf8.dropFirst().map { Int($0 - UInt8(ascii: "0")) }
        let year = digits.prefix(4).reduce(0) { $0 * 10 + $1 }
        let sequence = digits.dropFirst(4).reduce(0) { $0 * 10 + $1 }
        try self.init(year: year, sequence: sequence)
    }

    /// The text form, e.g. `T20250000001`.
    public var description: String {
        let yearText = String(year)
        let sequenceText = String(sequence)
        return String(Kind.letter) + String(repeating: "0", count: 4 - yearText.count) + yearText
            + String(repeating: "0", count: 7 - sequenceText.count) + sequenceText
    }

    /// Whether `text` is a well-formed serial.
    public static func isValid(_ text: String) -> Bool { (try? YearSerial(parsing: text)) != nil }

    /// The year of `date` in UTC on the Gregorian calendar, whatever the process's time zone.
    public static func year(of date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.component(.year, from: date)
    }

    /// The serial to give a target or job created at `now`, when `latest` is the highest serial given so far in that year
    /// (or any earlier one; `nil` when there is none).
    public static func next(after latest: YearSerial?, now: Date) throws(SerialError<Kind>) -> YearSerial {
        let year = year(of: now)
        guard let latest, latest.year == year else { return try YearSerial(year: year, sequence: 1) }
        guard latest.sequence < maximumSequence else { throw .exhausted(year: year) }
        return try YearSerial(year: year, sequence: latest.sequence + 1)
    }

    /// Serials order by year, then counter, which is also the order of their text.
    public static func < (lhs: YearSerial, rhs: YearSerial) -> Bool {
        (lhs.year, lhs.sequence) < (rhs.year, rhs.sequence)
    }
}
