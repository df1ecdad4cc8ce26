public import Foundation

/// What a kind of yearly serial is called and the letter it starts with.
public protocol SerialKind: Sendable {
    /// The first character of every serial of this kind (`T`, `J`).
    static var letter: Character { get }
    /// What the serial belongs to, for messages ("target").
    static var noun: String { get }
}

/// Targets' serials: `T20250000001`.
public enum TargetSerialKind: SerialKind {
    public static let letter: Character = "T"
    public static let noun = "target"
}

/// Jobs' serials: `J20250000001`.
public enum JobSerialKind: SerialKind {
    public static let letter: Character = "J"
    public static let noun = "job"
}
