import ArgumentParser
import DRMCore
import Foundation

/// The configuration flags of every command that opens the database: where it is, where the data directory is,
/// and how to log. They win over `ENABLEDRM_*` variables and the config file. The server's listen flags
/// (``ListenOptions``) and the worker flags (``WorkerOptions``) belong to `serve` and `worker` only, so that a
/// command's own `--host` or `--port` can't be mistaken for them.
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "A config file (TOML or JSON). Default: $ENABLEDRM_CONFIG.")
    var configFile: String?

    @Option(name: .customLong("database-url"), help: "sqlite:///path/file.sqlite or postgres://user:pass@host:port/db.")
    var databaseURL: String?

    @Option(
        name: .customLong("data-dir"),
        help: "Directory for the SQLite database and the secret key (default ./enabledrm-data).")
    var dataDirectory: String?

    @Option(
        name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "text or json (default text).")
    var logFormat: String?

    /// Loads the configuration: these flags and the command's `more` flags, then the environment, then the config
    /// file, then defaults.
    func load(
        more: [AppConfig.Key: String] = [:], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> AppConfig {
        var flags = more
        flags[.databaseURL] = databaseURL
        flags[.dataDirectory] = dataDirectory
        flags[.logLevel] = logLevel
        flags[.logFormat] = logFormat
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
