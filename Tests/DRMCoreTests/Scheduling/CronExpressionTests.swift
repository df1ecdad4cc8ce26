import DRMCore
import Foundation
import Testing

@Suite struct CronExpressionTests {
    @Test(arguments: [
        ("0 0 * * * *", nil as String?, "6 fields given"),
        ("0 0 1 1 * 2027 *", nil, "7 fields given"),
        ("0 0 * *", nil, "4 fields given"),
        ("60 * * * *", "minute", "60 is out of range 0-59"),
        ("* 24 * * *", "hour", "24 is out of range 0-23"),
        ("* * 0 * *", "day of month", "0 is out of range 1-31"),
        ("* * * 13 *", "month", "13 is out of range 1-12"),
        ("* * * * 8", "day of week", "8 is out of range 0-7"),
        ("5-1 * * * *", "minute", "reversed range"),
        ("*/0 * * * *", "minute", "zero step"),
        ("* * * FOO *", "month", "\"FOO\" is not a number"),
        ("* * * * FUN", "day of week", "\"FUN\" is not a number"),
        ("* * ? * *", "day of month", "\"?\" is not supported"),
        ("* * * * ?", "day of week", "\"?\" is not supported"),
        ("L * * * *", "minute", "not allowed here"),
        ("* * * * FRI#6", "day of week", "occurrence must be 1 to 5"),
        ("* * 1,,2 * *", "day of month", "empty list element"),
        ("@reboot", nil, "unknown nickname"),
    ])
    func refusesNamingTheField(expression: String, cronField: String?, fragment: String) {
        do {
            _ = try CronExpression(expression)
            Issue.record("\(expression) was accepted")
        } catch {
            guard case .cron(let field, let reason) = error else {
                Issue.record("\(expression): \(error)")
                return
            }
            #expect(field == cronField)
            #expect(reason.contains(fragment), "\(reason)")
            #expect(error.field == "cron_expression")
            #expect(error.kind == .invalid)
            if let cronField { #expect(error.message.contains(cronField)) }
        }
    }

    @Test func refusesExpressionsThatNeverFire() {
        for expression in ["0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 31 feb-feb *"] {
            #expect(throws: ScheduleRuleError.neverFires(expression: expression)) { try CronExpression(expression) }
        }
        // With a weekday restricted too, either day field matching is enough, so these fire.
        #expect((try? CronExpression("0 0 30 2 MON")) != nil)
        #expect((try? CronExpression("0 0 29 2 *")) != nil)
    }

    @Test func namesAndSundaysAreEquivalent() throws {
        let zone = try ScheduleTiming.zone(named: "UTC")
        let from = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01, a Thursday
        func times(_ text: String) throws -> [Date] {
            ScheduleTiming(rule: .cron(try CronExpression(text)), zone: zone).next(after: from, count: 20).map(
                \.instant)
        }
        #expect(try times("0 9 * * 0") == times("0 9 * * 7"))
        #expect(try times("0 9 * * sun") == times("0 9 * * SUN"))
        #expect(try times("0 9 * jan-MAR mon-fri") == times("0 9 * 1-3 1-5"))
        #expect(try times("@daily") == times("0 0 * * *"))
        #expect(try times("0 0 * * FRI-SUN") == times("0 0 * * 5,6,0"))
    }

    @Test func dayFieldsRuleIsReported() throws {
        #expect(try CronExpression("0 0 13 * FRI").dayFieldsEitherMatch)
        #expect(try !CronExpression("0 0 */2 * FRI").dayFieldsEitherMatch)
        #expect(try !CronExpression("0 0 13 * *").dayFieldsEitherMatch)
        #expect(try CronExpression("*/5 * * * *").followsClock)
        #expect(try CronExpression("0 */2 * * *").followsClock)
        #expect(try !CronExpression("0 2 * * *").followsClock)
    }
}
