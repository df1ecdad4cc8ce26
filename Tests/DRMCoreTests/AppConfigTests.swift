import DRMCore
import Testing

@Suite struct AppConfigTests {
    @Test func defaultsUseSQLiteInTheDataDirectory() throws {
        let config = try AppConfig.load(workingDirectory: "/srv/app")

        #expect(config.dataDirectory == "/srv/app/enabledrm-data")
        #expect(config.databaseURL == .sqlite(path: "/srv/app/enabledrm-data/enabledrm.sqlite"))
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.logLevel == .info)
        #expect(config.logFormat == .text)
        #expect(config.secretKey == nil)
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheFile() throws {
        let file = (path: "enabledrm.toml", values: ["port": "7000", "host": "0.0.0.0", "log_level": "debug"])
        let environment = ["ENABLEDRM_PORT": "7001", "ENABLEDRM_HOST": "10.0.0.1"]

        let config = try AppConfig.load(
            flags: [.port: "7002"], environment: environment, file: file, workingDirectory: "/w")

        #expect(config.port == 7002)
        #expect(config.host == "10.0.0.1")
        #expect(config.logLevel == .debug)
    }

    @Test func everyBadKeyIsReportedAtOnce() {
        let environment = ["ENABLEDRM_LOG_LEVEL": "loud", "ENABLEDRM_SECRET_KEY": "c2hvcnQ="]
        let file = (path: "/etc/enabledrm.toml", values: ["colour": "blue", "database_url": "mysql://db"])

        #expect {
            try AppConfig.load(flags: [.port: "http"], environment: environment, file: file, workingDirectory: "/w")
        } throws: { error in
            let problems = (error as? ConfigError)?.problems ?? []
            return problems.map(\.key).sorted() == ["colour", "database_url", "log_level", "port", "secret_key"]
                && problems.first { $0.key == "port" }?.source == "--port"
                && problems.first { $0.key == "log_level" }?.source == "ENABLEDRM_LOG_LEVEL"
                && problems.first { $0.key == "colour" }?.reason == .unknownKey
        }
    }

    @Test func aSecretIsNeverEchoedInTheError() {
        let secret = "not-base64-but-very-secret"
        #expect {
            try AppConfig.load(environment: ["ENABLEDRM_SECRET_KEY": secret], workingDirectory: "/w")
        } throws: { error in
            !"\(error)".contains(secret)
        }
    }

    @Test(arguments: [
        ("sqlite:///var/lib/drm.sqlite", DatabaseURL.sqlite(path: "/var/lib/drm.sqlite")),
        ("sqlite://data/drm.sqlite", .sqlite(path: "/w/data/drm.sqlite")),
        (
            "postgres://drm:p%40ss@db.local:6543/enabledrm?sslmode=require",
            .postgres(
                .init(
                    host: "db.local", port: 6543, username: "drm", password: "p@ss", database: "enabledrm",
                    tlsMode: "require"))
        ),
        (
            "postgresql://drm@localhost/enabledrm",
            .postgres(.init(host: "localhost", username: "drm", password: nil, database: "enabledrm"))
        ),
    ])
    func databaseURLsParse(text: String, expected: DatabaseURL) throws {
        #expect(try DatabaseURL(parsing: text, relativeTo: "/w") == expected)
    }

    @Test(arguments: [
        "mysql://x/y", "postgres://host/db", "postgres://user@host", "postgres://u@h/db?sslmode=maybe", "sqlite://",
    ])
    func badDatabaseURLsAreRejected(text: String) {
        #expect(throws: ConfigError.Problem.Reason.self) { try DatabaseURL(parsing: text, relativeTo: "/w") }
    }

    @Test func aPasswordIsHiddenWhenTheURLIsPrinted() throws {
        let url = try DatabaseURL(parsing: "postgres://drm:hunter2@db/enabledrm", relativeTo: "/")
        #expect("\(url)" == "postgres://drm:***@db:5432/enabledrm")
    }
}
