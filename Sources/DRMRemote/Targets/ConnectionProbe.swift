import Foundation

/// A connection test that can run alongside others.
public protocol ConnectionProbe: Sendable {
    /// Runs the test. Never throws: every failure is a `ProbeResult` with a category.
    func run() async -> ProbeResult
}
