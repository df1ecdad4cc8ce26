/// Records the ends of one worker's tasks in batches (group commit): while one batch is being written, the tasks
/// that end wait, and the next statement records all of them. A worker running many short tasks then writes about
/// one statement per batch of ends instead of one per task, with no timer and no added wait when it is idle.
public actor TaskCompletions {
    public let queue: TaskQueue
    public let worker: String
    private var waiting: [(TaskQueue.Completion, CheckedContinuation<Void, Never>)] = []
    private var writing = false

    public init(queue: TaskQueue, worker: String) {
        self.queue = queue
        self.worker = worker
    }

    /// Records `completion` and returns once it is written, riding out a database outage like a single finish
    /// (``persistently(startingEvery:for:_:)``); a write that still fails leaves the task to lease recovery.
    public func record(_ completion: TaskQueue.Completion) async {
        guard !writing else {
            await withCheckedContinuation { waiting.append((completion, $0)) }
            return
        }
        writing = true
        var batch = [completion]
        var resumes: [CheckedContinuation<Void, Never>] = []
        while true {
            let (ends, queue, worker) = (batch, queue, worker)
            _ = try? await persistently { @Sendable in
                try await withDeadline { try await queue.finish(ends, worker: worker) }
            }
            for resume in resumes { resume.resume() }
            guard !waiting.isEmpty else { break }
            batch = waiting.map(\.0)
            resumes = waiting.map(\.1)
            waiting = []
        }
        writing = false
    }
}
