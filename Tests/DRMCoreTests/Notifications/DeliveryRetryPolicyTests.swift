import DRMCore
import Foundation
import Testing

@Suite struct DeliveryRetryPolicyTests {
    let policy = DeliveryRetryPolicy(base: 5, cap: 3600, maxAttempts: 4)

    @Test func twoHundredsAreDeliveredOtherFourHundredsAreFinal() {
        #expect(policy.verdict(attempt: 1, status: 204) == .delivered)
        #expect(policy.verdict(attempt: 1, status: 400) == .failed("the destination answered 400"))
        #expect(policy.verdict(attempt: 1, status: 404) == .failed("the destination answered 404"))
    }

    @Test func networkErrors408429And5xxRetryWithDoublingBackoffUntilTheLimit() {
        #expect(policy.verdict(attempt: 1, status: nil, random: { 0 }) == .retry(after: 5))
        #expect(policy.verdict(attempt: 2, status: 503, random: { 0 }) == .retry(after: 10))
        #expect(policy.verdict(attempt: 3, status: 408, random: { 1 }) == .retry(after: 15), "a quarter off at most")
        if case .failed(let reason) = policy.verdict(attempt: 4, status: 500) {
            #expect(reason.contains("gave up after 4"))
        } else {
            Issue.record("the fourth attempt is the last")
        }
    }

    @Test func retryAfterIsHonouredInSecondsOrAsADateAndCapped() {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        #expect(policy.verdict(attempt: 1, status: 429, retryAfter: "7", now: now) == .retry(after: 7))
        #expect(policy.verdict(attempt: 1, status: 429, retryAfter: "99999", now: now) == .retry(after: 3600))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let date = formatter.string(from: now.addingTimeInterval(30))
        #expect(policy.verdict(attempt: 1, status: 503, retryAfter: date, now: now) == .retry(after: 30))
    }

    @Test func eventsComparedWithThePreviousRun() {
        #expect(
            NotificationEvent.finished(succeeded: false, previousSucceeded: true) == [.jobFailed, .jobFirstFailure])
        #expect(NotificationEvent.finished(succeeded: false, previousSucceeded: false) == [.jobFailed])
        #expect(
            NotificationEvent.finished(succeeded: true, previousSucceeded: false) == [.jobSucceeded, .jobRecovered])
        #expect(NotificationEvent.finished(succeeded: true, previousSucceeded: nil) == [.jobSucceeded])
    }

    @Test func templatesEscapeValuesForJSONAndHTML() throws {
        let values = ["job.name": #"a "b" <c> & d"#]
        let text = try NotificationText.render(subject: "{{job.name}}", body: "Job {{job.name}}\nok", values: values)
        #expect(text.subject == #"a "b" <c> & d"#)
        #expect(text.html.contains("Job a &quot;b&quot; &lt;c&gt; &amp; d<br>"))
        let body = try NotificationText.webhookBody(
            template: #"{"text": "{{job.name}}"}"#, event: "job.failed", timestamp: Date(), values: values)
        let decoded = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String]
        #expect(decoded == ["text": #"a "b" <c> & d"#])
    }
}
