import Testing

@testable import DRMEngine

/// A database call that never answers (PostgresNIO drops a query written to a connection that just closed) must
/// not stall the loop that made it.
@Suite struct DeadlineTests {
    @Test("a call that never answers fails once its deadline has passed")
    func neverAnswers() async {
        let never = AsyncStream<Int> { _ in }
        await #expect(throws: DeadlineExceeded.self) {
            try await withDeadline(.milliseconds(200)) {
                for await value in never { return value }
                return 0
            }
        }
    }

    @Test("a call that answers gives its result or its error")
    func answers() async throws {
        #expect(try await withDeadline(.seconds(600)) { 42 } == 42)
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await withDeadline(.seconds(600)) { () async throws -> Int in throw Refused() }
        }
    }
}
