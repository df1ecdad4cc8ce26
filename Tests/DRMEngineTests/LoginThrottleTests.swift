import DRMEngine
import Foundation
import Testing

/// The log-in throttle, on a pinned clock.
@Suite struct LoginThrottleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func fiveFailuresLockTheAccountAndTheLockDoubles() async {
        let throttle = LoginThrottle()
        for second in 0..<4 {
            await throttle.failed(username: "ada", address: "10.0.0.1", now: start.addingTimeInterval(Double(second)))
        }
        #expect(
            await throttle.retryAfter(username: "ada", address: "10.0.0.1", now: start.addingTimeInterval(4)) == nil)

        await throttle.failed(username: "ada", address: "10.0.0.1", now: start.addingTimeInterval(4))
        #expect(
            await throttle.retryAfter(username: "ADA", address: "10.0.0.2", now: start.addingTimeInterval(4)) == 30,
            "per account, any address, any case")
        await throttle.failed(username: "ada", address: "10.0.0.1", now: start.addingTimeInterval(40))
        #expect(
            await throttle.retryAfter(username: "ada", address: "10.0.0.1", now: start.addingTimeInterval(40)) == 60)
        #expect(
            await throttle.retryAfter(username: "bob", address: "10.0.0.3", now: start.addingTimeInterval(40)) == nil)
    }

    @Test func aSuccessClearsTheAccountButNotTheAddress() async {
        let throttle = LoginThrottle()
        for second in 0..<20 {
            await throttle.failed(
                username: "user\(second % 4)", address: "10.0.0.9", now: start.addingTimeInterval(Double(second)))
        }
        await throttle.succeeded(username: "user0")

        #expect(
            await throttle.retryAfter(username: "newcomer", address: "10.0.0.9", now: start.addingTimeInterval(20))
                == 29, "the address is locked")
        #expect(
            await throttle.retryAfter(username: "user0", address: "10.0.0.10", now: start.addingTimeInterval(20)) == nil
        )
    }

    @Test func failuresOutsideTheWindowAreForgotten() async {
        let throttle = LoginThrottle()
        for minute in 0..<5 {
            await throttle.failed(username: "ada", address: "a", now: start.addingTimeInterval(Double(minute) * 300))
        }
        #expect(await throttle.retryAfter(username: "ada", address: "a", now: start.addingTimeInterval(1201)) == nil)
    }
}
