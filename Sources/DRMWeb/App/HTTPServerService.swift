import ServiceLifecycle
import Vapor

/// Serves the application's HTTP API and UI until graceful shutdown, then drains and stops.
public struct HTTPServerService: Service {
    let app: Application

    public init(app: Application) {
        self.app = app
    }

    public func run() async throws {
        try await app.server.start(address: nil)
        app.logger.notice(
            "listening",
            metadata: ["address": "http://\(app.http.server.configuration.hostname):\(app.http.server.configuration.port)"]
        )
        try? await gracefulShutdown()
        await app.server.shutdown()
    }
}
