public import DRMCore
import DRMEngine
import DRMRemote
import DRMSchema
import DRMStore
import Fluent
public import Vapor

/// Wires an application: database, routes and middleware. The server and the tests call this one function.
public func configure(_ app: Application, config: AppConfig) async throws {
    let config = try SecretKeyFile.resolve(config)
    app.storage[AppConfigKey.self] = config
    // `resolve` has checked the key: 32 bytes in base64.
    guard let secret = config.secretKey.flatMap({ Data(base64Encoded: $0) }) else {
        throw ConfigError(problems: [.init(key: "secret_key", source: "configuration", reason: .invalid("missing"))])
    }
    app.storage[AuthStateKey.self] = (TokenSigner(secretKey: secret), LoginThrottle())
    let vault = CredentialVault(current: CredentialKey(secretKey: secret))
    app.storage[CredentialVaultKey.self] = vault
    ContentConfiguration.global.use(encoder: JSONEncoder.api, for: .json)
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.databases.use(try DatabaseFactory.configuration(for: config.databaseURL), as: .main, isDefault: true)
    var engine = JobEngine(
        database: app.db, vault: vault, http: HTTPRequestClient(client: app.http.client.shared),
        dataDirectory: URL(filePath: config.dataDirectory))
    engine.lease = .seconds(config.workerLeaseSeconds)
    app.storage[JobEngineKey.self] = engine
    app.routes.defaultMaxBodySize = "1mb"
    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(ErrorMiddleware())
    try app.register(collection: HealthController())
    try app.register(collection: AuthController())
    try app.register(collection: SessionsController())
    try app.register(collection: UsersController())
    try app.register(collection: SettingsController())
    try app.register(collection: AuditController())
    try app.register(collection: DeviceTypesController())
    try app.register(collection: TargetsController())
    try app.register(collection: ConnectionTestsController())
    try app.register(collection: JobsController())
    try app.register(collection: ExecutionsController())
    try app.register(collection: QueueController())
    try app.register(collection: OpenAPIController())
    try app.register(collection: AssetsController())
    try app.register(collection: WebController())
}

extension JSONEncoder {
    /// The API's encoder: dates as ISO 8601 text.
    static var api: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

/// Where `configure` keeps the configuration for handlers.
struct AppConfigKey: StorageKey {
    typealias Value = AppConfig
}

extension Application {
    /// The configuration this application was configured with.
    public var appConfig: AppConfig {
        guard let config = storage[AppConfigKey.self] else { fatalError("configure(_:config:) was not called") }
        return config
    }
}
