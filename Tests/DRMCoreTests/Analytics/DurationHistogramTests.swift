import DRMCore
import Foundation
import Testing

@Suite struct DurationHistogramTests {
    @Test func bucketsHaveTwoSignificantDigitsOfMilliseconds() {
        #expect(DurationHistogram.bucket(ofSeconds: 0.042) == 42)
        #expect(DurationHistogram.bucket(ofSeconds: 1.234) == 1200)
        #expect(DurationHistogram.bucket(ofSeconds: 45) == 45000)
        #expect(DurationHistogram.bucket(ofSeconds: 187.9) == 180_000)
        #expect(DurationHistogram.bucket(ofSeconds: -3) == 0)
    }

    @Test func mergedHistogramsGiveTheSamePercentilesAsOne() {
        let durations: [Double] = [1, 2, 3, 5, 10, 45, 0.5, 7, 7, 120]
        var whole = DurationHistogram()
        durations.forEach { whole.add(seconds: $0) }
        var left = DurationHistogram()
        var right = DurationHistogram()
        durations.prefix(4).forEach { left.add(seconds: $0) }
        durations.dropFirst(4).forEach { right.add(seconds: $0) }
        left.merge(right)

        #expect(left == whole)
        #expect(whole.percentile(0.5) == 5)
        #expect(whole.percentile(0.95) == 120)
        #expect(whole.percentile(0) == 0.5)
        #expect(DurationHistogram(text: whole.text) == whole)
        #expect(DurationHistogram().percentile(0.5) == nil)
    }

    @Test func tallyCountsOutcomesAndClampsPercentilesToWhatWasSeen() {
        var tally = RollupTally(status: .completed, duration: 1.234)
        tally.add(RollupTally(status: .timedOut, duration: 1.25))
        tally.add(RollupTally(status: .cancelled, duration: nil))
        tally.add(RollupTally(status: .partiallyFailed, duration: 2))

        #expect(tally.runs == 4)
        #expect(tally.successes == 1)
        #expect(tally.failures == 1)
        #expect(tally.timedOut == 1)
        #expect(tally.cancelled == 1)
        #expect(tally.timedRuns == 3)
        #expect(tally.p50 == 1.234, "the 1.2 s bucket's bound is below the smallest duration, so it is clamped")
        #expect(tally.maxDuration == 2)
        #expect(tally.successRate == 25)
    }
}
