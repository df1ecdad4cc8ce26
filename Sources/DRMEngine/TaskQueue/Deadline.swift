import Synchronization

/// A database call that did not answer within its deadline (see ``withDeadline(_:_:)``).
struct DeadlineExceeded: Error, CustomStringConvertible {
    var limit: Duration
    var description: String { "no answer from the database within \(limit)" }
}

/// How long the engine's background loops wait for one database call before they give up on it and go on.
let databaseCallDeadline: Duration = .seconds(30)

/// Runs `operation` and returns its result, or throws ``DeadlineExceeded`` once `limit` has passed without one.
///
/// Why: PostgresNIO (1.33) writes a query to its channel without a completion promise, so a query sent on a
/// connection that the server closed a moment before (a restart, `pg_terminate_backend`) is dropped and its caller
/// waits forever (vapor/postgres-nio#487, reverted in #501). The engine's loops that must ride out an outage — the
/// execution recorder, the queue worker's claims, renewals and completions — wrap each call in this so that such a
/// call fails and is tried again instead. The operation itself is not stopped (Fluent's queries can't be
/// cancelled): a call that was only slow may still complete after the deadline, so the limit is far above any
/// statement these loops run.
func withDeadline<T: Sendable>(
    _ limit: Duration = databaseCallDeadline, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let answer = FirstAnswer(continuation)
        let timer = Task {
            try? await Task.sleep(for: limit)
            if !Task.isCancelled { answer.resume(with: .failure(DeadlineExceeded(limit: limit))) }
        }
        Task {
            let result: Result<T, any Error>
            do {
                result = .success(try await operation())
            } catch {
                result = .failure(error)
            }
            timer.cancel()
            answer.resume(with: result)
        }
    }
}

/// Resumes a continuation with whichever result comes first; later ones are dropped.
private final class FirstAnswer<T: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<T, any Error>?>

    init(_ continuation: CheckedContinuation<T, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func resume(with result: Result<T, any Error>) {
        continuation.withLock { $0.take() }?.resume(with: result)
    }
}
