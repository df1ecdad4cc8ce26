import DRMTestSupport
import Foundation
import Testing

@testable import DRMRemote

/// One client for the whole test process (an `HTTPClient` must be shut down before it goes away; this one lives on).
let requestClient = HTTPRequestClient()

/// HTTPRequestClient against the HTTP(S) test server (SwiftNIO, in process) on 127.0.0.1.
@Suite("HTTP request client against a real server")
struct HTTPRequestClientTests {
    var client: HTTPRequestClient { requestClient }

    func failure(_ request: HTTPRequestClient.Request) async -> ConnectionError? {
        do {
            let response = try await client.execute(request)
            Issue.record("expected a ConnectionError, got HTTP \(response.status)")
        } catch let failure as ConnectionError {
            return failure
        } catch {
            Issue.record("expected a ConnectionError, got \(error)")
        }
        return nil
    }

    /// The JSON `/echo` answers: what the server received.
    struct Echo: Decodable {
        var method: String
        var path: String
        var query: String
        var headers: [String: String]
        var body: String
    }

    @Test("GET /status/201 returns 201 with the server's headers")
    func status() async throws {
        let server = try await httpServer.get()
        let response = try await client.execute(.init(method: "get", url: server.baseURL + "/status/201"))
        #expect(response.status == 201)
        #expect(response.bodyText == "status 201")
        #expect(response.header("content-type") == "text/plain")
        #expect(response.header("Content-Length") == "10")
        #expect(!response.truncated)
    }

    @Test("POST /echo receives the body, a custom header and the query")
    func echo() async throws {
        let server = try await httpServer.get()
        let body = Data(#"{"action":"restart","ids":[1,2]}"#.utf8)
        let response = try await client.execute(
            .init(
                method: "POST", url: server.baseURL + "/echo?dry=1",
                headers: [("X-DRM-Action", "restart"), ("Content-Type", "application/json")], body: body))
        let echo = try JSONDecoder().decode(Echo.self, from: response.body)
        #expect(response.status == 200)
        #expect(echo.method == "POST")
        #expect(echo.path == "/echo")
        #expect(echo.query == "dry=1")
        #expect(echo.headers["x-drm-action"] == "restart")
        #expect(echo.headers["content-type"] == "application/json")
        #expect(echo.body == String(decoding: body, as: UTF8.self))
    }

    @Test("a body over maxResponseBytes is cut and flagged")
    func truncation() async throws {
        let server = try await httpServer.get()
        let big = Data(String(repeating: "x", count: 50_000).utf8)
        let response = try await client.execute(
            .init(method: "PUT", url: server.baseURL + "/echo", body: big, maxResponseBytes: 1000))
        #expect(response.status == 200)
        #expect(response.body.count == 1000)
        #expect(response.truncated)
        #expect(response.bodyText.hasPrefix("{\"method\": \"PUT\""))
    }

    @Test("a server slower than the time-out fails as timeout, not before the time-out")
    func timeout() async throws {
        let server = try await httpServer.get()
        let clock = ContinuousClock()
        let start = clock.now
        // The server would answer after 10 minutes: only the time-out can end the request (an answer would be a
        // response, not a failure).
        let failure = await failure(.init(method: "GET", url: server.baseURL + "/slow/600", timeout: .seconds(1)))
        let elapsed = clock.now - start
        #expect(failure?.category == .timeout, "\(String(describing: failure))")
        #expect(elapsed >= .milliseconds(900), "\(elapsed)")
    }

    @Test("a closed port fails as refused, at once rather than after the time-out")
    func refused() async throws {
        let timeout = Duration.seconds(120)
        let failure = await failure(
            .init(method: "GET", url: "http://127.0.0.1:\(try closedPort())/", timeout: timeout))
        // Retrying the connection until the time-out would fail as timeout.
        #expect(failure?.category == .refused, "\(String(describing: failure))")
    }

    @Test("a self-signed certificate fails as tls when verified and is accepted when not")
    func tls() async throws {
        let server = try await httpsServer.get()
        let timeout = Duration.seconds(120)
        let verified = await failure(.init(method: "GET", url: server.baseURL + "/", timeout: timeout))
        let unverified = try await client.execute(
            .init(method: "GET", url: server.baseURL + "/", timeout: .seconds(10), verifyTLS: false))
        #expect(verified?.category == .tls, "\(String(describing: verified))")
        #expect(unverified.status == 200)
        #expect(unverified.bodyText == "ok")
    }

    @Test("an unresolvable host fails as dns; a URL that is not http(s) is refused before sending")
    func badTargets() async throws {
        let dns = await failure(.init(method: "GET", url: "http://no-such-host.invalid/", timeout: .seconds(30)))
        let notHTTP = await failure(.init(method: "GET", url: "ftp://127.0.0.1/x"))
        #expect(dns?.category == .dns, "\(String(describing: dns))")
        #expect(notHTTP?.category == .other)
        #expect(notHTTP?.message.contains("ftp://127.0.0.1/x") == true)
    }

    @Test("a client made for one use shuts its HTTPClient down; one given a shared client leaves it running")
    func lifecycle() async throws {
        let server = try await httpServer.get()
        let own = HTTPRequestClient()
        let first = try await own.execute(.init(method: "GET", url: server.baseURL + "/"))
        try await own.shutdown()
        let borrowing = HTTPRequestClient(client: requestClient.client)
        try await borrowing.shutdown()
        let second = try await requestClient.execute(.init(method: "GET", url: server.baseURL + "/"))
        #expect(first.status == 200)
        #expect(second.status == 200)
        await #expect(throws: (any Error).self) {
            _ = try await own.execute(.init(method: "GET", url: server.baseURL + "/"))
        }
    }

    @Test("a 500 is a response, not a failure")
    func serverError() async throws {
        let server = try await httpServer.get()
        let response = try await client.execute(.init(method: "DELETE", url: server.baseURL + "/status/500"))
        #expect(response.status == 500)
    }
}
