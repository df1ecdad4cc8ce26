import DRMCore
import Testing

@Suite struct ExecutionStatusTests {
    /// The allowed transitions, written out by hand: a change to `successors` must change this table too.
    static let allowed: [String: Set<String>] = [
        "scheduled": ["queued", "running", "cancelled", "skipped"],
        "queued": ["running", "cancelled", "skipped", "failed", "timed_out"],
        "running": ["completed", "failed", "partially_failed", "cancelled", "timed_out", "queued"],
        "completed": [],
        "failed": [],
        "cancelled": [],
        "timed_out": [],
        "partially_failed": [],
        "skipped": [],
    ]

    static let pairs: [(ExecutionStatus, ExecutionStatus)] = ExecutionStatus.allCases.flatMap { from in
        ExecutionStatus.allCases.map { (from, $0) }
    }

    @Test func theTableCoversTheNineStates() {
        #expect(ExecutionStatus.allCases.count == 9)
        #expect(Set(Self.allowed.keys) == Set(ExecutionStatus.allCases.map(\.rawValue)))
        #expect(Self.pairs.count == 81)
    }

    @Test(arguments: pairs)
    func transition(from: ExecutionStatus, to: ExecutionStatus) {
        let expected = Self.allowed[from.rawValue]?.contains(to.rawValue) ?? false
        #expect(from.canBecome(to) == expected, "\(from.rawValue) → \(to.rawValue)")
    }

    @Test(arguments: [
        (ExecutionStatus.scheduled, false), (.queued, false), (.running, false), (.completed, true), (.failed, true),
        (.cancelled, true), (.timedOut, true), (.partiallyFailed, true), (.skipped, true),
    ])
    func terminal(status: ExecutionStatus, isTerminal: Bool) {
        #expect(status.isTerminal == isTerminal)
        #expect(status.successors.isEmpty == isTerminal, "a terminal state has no successor, the others have one")
    }

    @Test func rawValuesAreTheDatabaseEnum() {
        #expect(
            ExecutionStatus.allCases.map(\.rawValue) == [
                "scheduled", "running", "completed", "failed", "cancelled", "queued", "timed_out", "partially_failed",
                "skipped",
            ])
    }

    @Test(arguments: [
        ([ExecutionStatus.completed, .completed, .completed], ExecutionStatus?.none, ExecutionStatus.completed),
        ([.failed, .skipped, .timedOut], nil, .failed),
        ([.completed, .failed, .completed], nil, .partiallyFailed),
        ([.completed, .skipped], nil, .partiallyFailed),
        ([.cancelled], nil, .failed),
        ([.completed, .completed], .cancelled, .cancelled),
        ([.completed, .failed], .timedOut, .timedOut),
        ([], .cancelled, .cancelled),
    ])
    func outcome(branches: [ExecutionStatus], stop: ExecutionStatus?, expected: ExecutionStatus) {
        #expect(ExecutionStatus.outcome(of: branches, stoppedBy: stop) == expected)
    }

    @Test func anExecutionWithoutBranchesCompletes() {
        #expect(ExecutionStatus.outcome(of: []) == .completed)
    }
}
