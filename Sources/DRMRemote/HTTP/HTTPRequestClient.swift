public import AsyncHTTPClient
public import Foundation
public import NIOCore
import NIOFoundationCompat
import NIOHTTP1
public import NIOPosix
import NIOSSL

/// Sends one HTTP request to a target and returns its status, headers and (capped) body.
///
/// Redirects are not followed when the client creates its own `HTTPClient`: a 3xx comes back as it is. Failures
/// to reach the server throw a ``ConnectionError`` (`.refused`, `.timeout`, `.tls`, `.dns`, …); any HTTP status,
/// 500 included, is a response.
public struct HTTPRequestClient: Sendable {
    /// What to send.
    public struct Request: Sendable {
        /// `GET`, `POST`, … (case-insensitive).
        public var method: String
        /// An absolute `http://` or `https://` URL.
        public var url: String
        /// Sent in this order; a name may repeat.
        public var headers: [(name: String, value: String)]
        /// The request body, if any (`Content-Length` is set from it).
        public var body: Data?
        /// For the whole exchange: connect, TLS, request and reading the body.
        public var timeout: Duration
        /// False accepts any certificate (self-signed, expired, wrong host name).
        public var verifyTLS: Bool
        /// Body bytes kept; the rest is not read and the response is marked `truncated`.
        public var maxResponseBytes: Int

        public init(
            method: String, url: String, headers: [(name: String, value: String)] = [], body: Data? = nil,
            timeout: Duration = .seconds(30), verifyTLS: Bool = true, maxResponseBytes: Int = 1 << 20
        ) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
            self.timeout = timeout
            self.verifyTLS = verifyTLS
            self.maxResponseBytes = maxResponseBytes
        }
    }

    /// What came back.
    public struct Response: Sendable {
        /// The HTTP status code.
        public var status: Int
        /// In the order received; a name may repeat.
        public var headers: [(name: String, value: String)]
        /// At most the request's `maxResponseBytes`.
        public var body: Data
        /// True when the body was longer than `maxResponseBytes` and was cut.
        public var truncated: Bool
        /// From sending the request to the end of the body (or the cut).
        public var duration: Duration

        /// The body as UTF-8 text (invalid bytes replaced).
        public var bodyText: String { String(decoding: body, as: UTF8.self) }

        /// The first value of header `name` (case-insensitive).
        public func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    let client: HTTPClient
    let ownsClient: Bool

    /// Uses `client` (shared with the rest of the process); ``shutdown()`` leaves it running.
    public init(client: HTTPClient) {
        self.client = client
        self.ownsClient = false
    }

    /// Creates its own `HTTPClient` on `eventLoopGroup`, without redirects; call ``shutdown()`` when done.
    ///
    /// A connection that can't be made (refused, unknown host, TLS rejected) fails at once instead of being retried
    /// until the time-out: the caller decides about retries, and the category is what it needs.
    public init(eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.client = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: Self.configuration())
        self.ownsClient = true
    }

    /// How the connectors' own `HTTPClient`s are set up: no redirects, HTTP/1.1 or 2, and a failed connection
    /// attempt fails the request at once. (By default the pool retries a refused or failed connect with backoff
    /// until the request's deadline, so a closed port would take the whole time-out and be reported as one.)
    static func configuration(
        tls: TLSConfiguration? = nil, timeout: HTTPClient.Configuration.Timeout = .init()
    ) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow, timeout: timeout)
        configuration.httpVersion = .automatic
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// Shuts the `HTTPClient` down if this client created it.
    public func shutdown() async throws {
        if ownsClient { try await client.shutdown() }
    }

    /// Sends `request` and reads the response body up to `request.maxResponseBytes`.
    public func execute(_ request: Request) async throws -> Response {
        let start = ContinuousClock.now
        guard let components = URLComponents(string: request.url), let host = components.host, !host.isEmpty,
            let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme)
        else {
            throw ConnectionError(.other, "not an absolute http(s) URL: \(request.url)")
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.uppercased())
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(data: body)) }
        var tls = TLSConfiguration.makeClientConfiguration()
        if !request.verifyTLS { tls.certificateVerification = .none }
        outgoing.tlsConfiguration = tls
        let client = client
        let prepared = outgoing
        do {
            // The client's deadline covers the response head; the body is read within the same time too.
            return try await withDeadline(request.timeout, "\(request.method) \(request.url)") {
                try await Self.read(client, prepared, request, start: start)
            }
        } catch let failure as ConnectionError {
            throw failure
        } catch {
            throw ConnectionError.classify(error, host: host, port: port)
        }
    }

    static func read(
        _ client: HTTPClient, _ outgoing: HTTPClientRequest, _ request: Request, start: ContinuousClock.Instant
    )
        async throws -> Response
    {
        let response = try await client.execute(outgoing, deadline: .now() + request.timeout.timeAmount)
        var body = Data()
        var truncated = false
        for try await chunk in response.body {
            let room = request.maxResponseBytes - body.count
            if chunk.readableBytes > room {
                body.append(contentsOf: chunk.readableBytesView.prefix(max(room, 0)))
                truncated = true
                break  // Dropping the stream stops the download.
            }
            body.append(contentsOf: chunk.readableBytesView)
        }
        return Response(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: body,
            truncated: truncated, duration: ContinuousClock.now - start)
    }
}
