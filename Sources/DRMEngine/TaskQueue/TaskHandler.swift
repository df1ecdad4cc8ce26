import DRMStore
public import FluentKit
import Foundation

/// What a worker does with a task of one name: run it, and decide what a lost run means.
public struct TaskHandler: Sendable {
    /// Runs the task; the returned text is stored as its result. Throw a ``TaskError`` to choose retry.
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
    /// Takes back the tasks of lost workers, each handler deciding for its own tasks (no handler: the task fails).
    /// `skipping` are tasks the calling worker runs itself: a lease that expired during a database outage doesn't
    /// make a live worker lost.
    @discardableResult
    public func recoverExpiredLeases(handlers: [String: TaskHandler], skipping: Set<Int> = []) async throws
        -> [Claimed]
    {
        try await recoverExpiredLeases(skipping: skipping) { task, db in
            try await handlers[task.name]?.workerLost(task, db) ?? false
        }
    }

    /// Runs `body` for a claimed task while renewing its lease every third of the lease, then records the outcome
    /// (through `completions` when given, batched with the worker's other ends). If the lease is lost (a sweeper
    /// took the task back), `body` is cancelled and nothing is recorded.
    public func hold(
        _ task: Claimed, worker: String, completions: TaskCompletions? = nil,
        _ body: @escaping @Sendable () async throws -> String?
    ) async {
        enum Event: Sendable {
            case finished(Result<String?, TaskError>)
            case deferred(Duration)
            case leaseLost
        }
        let renewEvery = lease / 3
        let event = await withTaskGroup(of: Event?.self) { group in
            group.addTask {
                do {
                    return .finished(.success(try await body()))
                } catch let failure as TaskError {
                    return .finished(.failure(failure))
                } catch let deferral as TaskDeferral {
                    return .deferred(deferral.delay)
                } catch is CancellationError {
                    return nil
                } catch {
                    return .finished(.failure(TaskError(String(describing: error))))
                }
            }
            group.addTask {
                // While the database is unreachable, renewal is tried every second, so that a short outage ends
                // with the lease renewed before it expires.
                var wait = renewEvery
                while !Task.isCancelled {
                    try? await Task.sleep(for: wait)
                    guard !Task.isCancelled else { return nil }
                    do {
                        let lost = try await withDeadline { try await self.renew([task.id], worker: worker) }
                        if lost.contains(task.id) { return .leaseLost }
                        wait = renewEvery
                    } catch {
                        wait = min(renewEvery, .seconds(1))
                    }
                }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        // The outcome is recorded even across a database outage: dropping it would have the task taken back as
        // the work of a lost worker, although it ran.
        switch event {
        case .finished(let outcome)?:
            if let completions {
                await completions.record(Completion(task, outcome))
            } else {
                try? await persistently {
                    try await withDeadline { try await finish(task, worker: worker, outcome: outcome) }
                }
            }
        case .deferred(let delay)?:
            try? await persistently { try await withDeadline { try await release(task, worker: worker, after: delay) } }
        case .leaseLost?, nil: break
        }
    }
}
