import ArgumentParser
import DRMCore
import Foundation

/// The configuration flags every command takes. They win over `ENABLEDRM_*` variables and the config file.
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "A config file (TOML or JSON). Default: $ENABLEDRM_CONFIG.")
    var configFile: String?

    @Option(name: .customLong("database-url"), help: "sqlite:///path/file.sqlite or postgres://user:pass@host:port/db.")
    var databaseURL: String?

    @Option(help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default 8080).")
    var port: String?

    @Option(
        name: .customLong("data-dir"),
        help: "Directory for the SQLite database and the secret key (default ./enabledrm-data).")
    var dataDirectory: String?

    @Option(
        name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "text or json (default text).")
    var logFormat: String?

    @Option(name: .customLong("worker-slots"), help: "Executions one worker process runs at once (1–64, default 4).")
    var workerSlots: String?

    @Option(
        name: .customLong("worker-lease-seconds"),
        help: "Seconds a worker's claim holds without renewal; a crashed worker's tasks are taken back after it.")
    var workerLeaseSeconds: String?

    /// Loads the configuration: these flags, then the environment, then the config file, then defaults.
    func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        var flags: [AppConfig.Key: String] = [:]
        flags[.databaseURL] = databaseURL
        flags[.host] = host
        flags[.port] = port
        flags[.dataDirectory] = dataDirectory
        flags[.logLevel] = logLevel
        flags[.logFormat] = logFormat
        flags[.workerSlots] = workerSlots
        flags[.workerLeaseSeconds] = workerLeaseSeconds
        var file: (path: String, values: [String: String])?
        if let path = configFile ?? environment["ENABLEDRM_CONFIG"] {
            guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigError.file(path, "can't be read")
            }
            file = (path, try ConfigFile.parse(contents, path: path))
        }
        return try AppConfig.load(
            flags: flags, environment: environment, file: file,
            workingDirectory: FileManager.default.currentDirectoryPath
        )
    }
}
