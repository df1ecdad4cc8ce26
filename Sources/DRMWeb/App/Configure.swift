public import DRMCore
public import DRMEngine
public import Vapor

/// Wires an application on `environment` (its database, vault, signer, clients and engines): routes and
/// middleware. `serve` and the tests call this one function; the caller shuts the environment down after the app.
public func configure(_ app: Application, _ environment: AppEnvironment) async throws {
    app.storage[AppEnvironmentKey.self] = environment
    app.storage[AppConfigKey.self] = environment.config
    app.storage[AuthStateKey.self] = (environment.signer, LoginThrottle())
    app.storage[CredentialVaultKey.self] = environment.vault
    app.storage[JobEngineKey.self] = environment.jobs
    ContentConfiguration.global.use(encoder: JSONEncoder.api, for: .json)
    ContentConfiguration.global.use(decoder: StrictJSONDecoder(decoder: .enableDRMRequest), for: .json)
    app.http.server.configuration.hostname = environment.config.host
    app.http.server.configuration.port = environment.config.port
    app.routes.defaultMaxBodySize = "1mb"
    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(HTTPMetricsMiddleware(metrics: environment.metrics))
    app.middleware.use(ErrorMiddleware())
    try app.register(collection: HealthController())
    try app.register(collection: MetricsController())
    try app.register(collection: SystemController())
    try app.register(collection: AuthController())
    try app.register(collection: SessionsController())
    try app.register(collection: UsersController())
    try app.register(collection: SettingsController())
    try app.register(collection: AuditController())
    try app.register(collection: DeviceTypesController())
    try app.register(collection: TargetsController())
    try app.register(collection: ConnectionTestsController())
    try app.register(collection: HostKeysController())
    try app.register(collection: JobsController())
    try app.register(collection: ExecutionsController())
    try app.register(collection: QueueController())
    try app.register(collection: SchedulesController())
    try app.register(collection: DiscoveryController())
    try app.register(collection: ReportsController())
    try app.register(collection: OpenAPIController())
    try app.register(collection: AssetsController())
    try app.register(collection: FaviconController())
    try app.register(collection: WebController())
}

/// Where `configure` keeps the environment for handlers.
struct AppEnvironmentKey: StorageKey {
    typealias Value = AppEnvironment
}

/// Where `configure` keeps the configuration for handlers.
struct AppConfigKey: StorageKey {
    typealias Value = AppConfig
}

extension Application {
    /// The configuration this application was configured with.
    public var appConfig: AppConfig {
        guard let config = storage[AppConfigKey.self] else { fatalError("configure(_:_:) was not called") }
        return config
    }

    /// The environment this application was configured with.
    public var environment: AppEnvironment {
        guard let environment = storage[AppEnvironmentKey.self] else { fatalError("configure(_:_:) was not called") }
        return environment
    }
}
