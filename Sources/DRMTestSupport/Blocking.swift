import Foundation

/// Blocking setup work (starting a server, waiting on a process) off Swift concurrency's few threads: on a
/// machine with two cores, two blocked cooperative threads stall every other test, time-outs included.
public enum Blocking {
    /// Runs `body` on a new thread and returns its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result(catching: body)) }
        }
    }
}
