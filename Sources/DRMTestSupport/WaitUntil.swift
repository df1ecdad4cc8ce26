/// How long a test waits for something that should happen "soon": generous, because a 2-core machine running every
/// suite at once (or other builds beside them) can delay any step by many seconds. A passing test never waits this
/// long; only a broken one does, and then it fails instead of hanging.
public let generousDeadline: Duration = .seconds(300)

/// Waits until `condition` holds, checking it every `interval`, for at most `deadline`. Returns whether it held, so
/// a test can `#expect` or `#require` it (a failure then names the condition, not a sleep that was too short).
///
/// Use it instead of a fixed sleep before an assertion, and instead of an upper bound on elapsed time: speed is
/// measured by the benchmarks, not asserted by tests.
@discardableResult
public func waitUntil(
    deadline: Duration = generousDeadline, every interval: Duration = .milliseconds(50),
    isolation: isolated (any Actor)? = #isolation, _ condition: () async throws -> Bool
) async throws -> Bool {
    let end = ContinuousClock.now + deadline
    while ContinuousClock.now < end {
        if try await condition() { return true }
        try await Task.sleep(for: interval)
    }
    return try await condition()
}
