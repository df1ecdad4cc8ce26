import NIOCore
public import ServiceLifecycle
public import Vapor

/// Serves the application's HTTP API and UI until graceful shutdown, then drains and stops.
public struct HTTPServerService: Service {
    let app: Application

    public init(app: Application) {
        self.app = app
    }

    /// The server could not listen where it was told to.
    public struct ListenError: Error, CustomStringConvertible {
        public var address: String
        public var reason: String

        public var description: String { "can't listen on \(address): \(reason)" }
    }

    public func run() async throws {
        let configuration = app.http.server.configuration
        do {
            try await app.server.start(address: nil)
        } catch {
            let reason = (error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? "\(error)"
            throw ListenError(address: "\(configuration.hostname):\(configuration.port)", reason: reason)
        }
        app.logger.notice(
            "listening",
            metadata: [
                "address": "http://\(app.http.server.configuration.hostname):\(app.http.server.configuration.port)"
            ]
        )
        try? await gracefulShutdown()
        await app.server.shutdown()
    }
}
