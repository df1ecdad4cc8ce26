import DRMCore
import Testing

/// A setting's value is checked without trapping: a whole number too large for `Int` is a problem to report (the
/// API fuzzer's `{"job_history_retention_days": 6.4e25}` stopped the server).
@Suite struct SettingKeyTests {
    @Test("numbers beyond Int, fractions and the range's ends")
    func integerRange() {
        let key = SettingKey.jobHistoryRetentionDays
        #expect(key.problem(with: .number(64_172_632_341_284_814_065_762_304)) != nil)
        #expect(key.problem(with: .number(-1e300)) != nil)
        #expect(key.problem(with: .number(.infinity)) != nil)
        #expect(key.problem(with: .number(1.5)) != nil)
        #expect(key.problem(with: .number(0)) != nil)
        #expect(key.problem(with: .number(1)) == nil)
        #expect(key.problem(with: .number(3650)) == nil)
        #expect(key.problem(with: .number(3651)) != nil)
    }
}
