import AsyncHTTPClient
import DRMTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import DRMRemote

/// The HTTP test server's own routes, which later connector tests rely on.
@Suite("HTTP test server")
struct HTTPTestServerTests {
    struct Echo: Decodable {
        var method: String
        var path: String
        var query: String
        var headers: [String: String]
        var body: String
    }

    @Test("/echo returns the method, path, query, headers and body as JSON")
    func echo() async throws {
        let server = try await httpServer.get()
        var request = HTTPClientRequest(url: server.baseURL + "/echo/x?a=1&b=two")
        request.method = .PUT
        request.headers.add(name: "X-Trace", value: "abc-123")
        request.body = .bytes(.init(string: #"{"k":"v"}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status.code == 200)
        let echo = try JSONDecoder().decode(Echo.self, from: Data(body.readableBytesView))
        #expect(echo.method == "PUT")
        #expect(echo.path == "/echo/x")
        #expect(echo.query == "a=1&b=two")
        #expect(echo.headers["x-trace"] == "abc-123")
        #expect(echo.body == #"{"k":"v"}"#)
    }

    @Test("/status/NNN answers NNN, which a probe can accept")
    func status() async throws {
        let server = try await httpServer.get()
        let result = await HTTPProbe(baseURL: server.baseURL, path: "/status/503", acceptedStatuses: 500..<600).run()
        #expect(result.success, "\(result)")
        #expect(result.details["status"] == "503")
    }
}
