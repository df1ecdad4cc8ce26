import DRMStore
import FluentKit
import Foundation

/// What a worker does with a task of one name: run it, and decide what a lost run means.
public struct TaskHandler: Sendable {
    /// Runs the task; the returned text is stored as its result. Throw a ``TaskFailure`` to choose retry.
    public var run: @Sendable (TaskQueue.Claimed) async throws -> String?
    /// Called in the sweeper's transaction when the task's worker was lost; returns whether it runs again.
    public var workerLost: @Sendable (TaskQueue.Claimed, any Database) async throws -> Bool

    public init(
        run: @escaping @Sendable (TaskQueue.Claimed) async throws -> String?,
        workerLost: @escaping @Sendable (TaskQueue.Claimed, any Database) async throws -> Bool = { task, _ in
            task.retries < task.maxRetries
        }
    ) {
        self.run = run
        self.workerLost = workerLost
    }
}

extension TaskQueue {
    /// Runs `body` for a claimed task while renewing its lease every third of the lease, then records the outcome.
    /// If the lease is lost (a sweeper took the task back), `body` is cancelled and nothing is recorded.
    public func hold(
        _ task: Claimed, worker: String, _ body: @escaping @Sendable () async throws -> String?
    ) async {
        enum Event: Sendable {
            case finished(Result<String?, TaskFailure>)
            case leaseLost
        }
        let renewEvery = lease / 3
        let event = await withTaskGroup(of: Event?.self) { group in
            group.addTask {
                do {
                    return .finished(.success(try await body()))
                } catch let failure as TaskFailure {
                    return .finished(.failure(failure))
                } catch is CancellationError {
                    return nil
                } catch {
                    return .finished(.failure(TaskFailure(String(describing: error))))
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: renewEvery)
                    guard !Task.isCancelled else { return nil }
                    if let lost = try? await renew([task.id], worker: worker), lost.contains(task.id) {
                        return .leaseLost
                    }
                }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard case .finished(let outcome)? = event else { return }
        try? await finish(task, worker: worker, outcome: outcome)
    }
}
