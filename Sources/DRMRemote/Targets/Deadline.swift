/// Runs `operation`, and throws a `.timeout` ``ConnectionError`` naming `what` if it has not finished after
/// `duration` (the operation is cancelled then; it must react to cancellation for this to return at once).
func withDeadline<T: Sendable>(
    _ duration: Duration, _ what: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: duration)
            throw ConnectionError(.timeout, "\(what) did not answer within \(duration)")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
