import Foundation

extension AppConfig {
    /// Resolves the configuration from, in order of precedence, command-line flags, `ENABLEDRM_*` environment
    /// variables, the config file, and defaults. Every bad key is reported in one ``ConfigError``.
    ///
    /// - Parameters:
    ///   - flags: values given on the command line, by key.
    ///   - environment: the process environment.
    ///   - file: the parsed config file (see ``ConfigFile``), if any, and its path.
    ///   - workingDirectory: what relative paths are relative to.
    public static func load(
        flags: [Key: String] = [:],
        environment: [String: String] = [:],
        file: (path: String, values: [String: String])? = nil,
        workingDirectory: String
    ) throws(ConfigError) -> AppConfig {
        var problems: [ConfigError.Problem] = []
        if let file {
            for key in file.values.keys.sorted() where Key(rawValue: key) == nil {
                problems.append(.init(key: key, source: file.path, reason: .unknownKey))
            }
        }
        func raw(_ key: Key) -> (value: String, source: String)? {
            if let value = flags[key] { return (value, key.flagName) }
            if let value = environment[key.environmentName] { return (value, key.environmentName) }
            if let file, let value = file.values[key.rawValue] { return (value, file.path) }
            return nil
        }
        func value<T>(_ key: Key, default fallback: T, _ parse: (String) throws(ConfigError.Problem.Reason) -> T) -> T {
            guard let (text, source) = raw(key) else { return fallback }
            do throws(ConfigError.Problem.Reason) {
                return try parse(text)
            } catch {
                problems.append(.init(key: key.rawValue, source: source, reason: error))
                return fallback
            }
        }
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : (workingDirectory + "/" + path).replacingOccurrences(of: "/./", with: "/")
        }
        let dataDirectory = value(.dataDirectory, default: absolute("enabledrm-data")) {
            text throws(ConfigError.Problem.Reason) in
            guard !text.isEmpty else { throw .invalid("must not be empty") }
            return absolute(text)
        }
        var config = AppConfig(
            databaseURL: value(.databaseURL, default: defaultDatabaseURL(dataDirectory: dataDirectory)) {
                text throws(ConfigError.Problem.Reason) in
                try DatabaseURL(parsing: text, relativeTo: workingDirectory)
            },
            host: value(.host, default: "127.0.0.1") { text throws(ConfigError.Problem.Reason) in
                guard !text.isEmpty, !text.contains(" ") else { throw .invalid("must be a host name or IP address") }
                return text
            },
            port: value(.port, default: 8080) { text throws(ConfigError.Problem.Reason) in
                guard let port = Int(text), (1...65535).contains(port) else {
                    throw .invalid("'\(text)' is not a port number (1–65535)")
                }
                return port
            },
            dataDirectory: dataDirectory,
            secretKey: value(.secretKey, default: nil) { text throws(ConfigError.Problem.Reason) in
                guard let bytes = Data(base64Encoded: text), bytes.count == 32 else {
                    throw .invalid("must be 32 bytes in base64 (for example `openssl rand -base64 32`)")
                }
                return text
            },
            logLevel: value(.logLevel, default: .info) { text throws(ConfigError.Problem.Reason) in
                guard let level = LogLevel(rawValue: text.lowercased()) else {
                    throw .invalid(
                        "'\(text)' is not one of \(LogLevel.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return level
            },
            logFormat: value(.logFormat, default: .text) { text throws(ConfigError.Problem.Reason) in
                guard let format = LogFormat(rawValue: text.lowercased()) else {
                    throw .invalid("'\(text)' is not text or json")
                }
                return format
            },
            adminUsername: value(.adminUsername, default: "admin") { text throws(ConfigError.Problem.Reason) in
                guard (1...50).contains(text.count),
                    text.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) })
                else {
                    throw .invalid("must be 1–50 letters, digits, '.', '_' or '-'")
                }
                return text
            },
            adminPassword: value(.adminPassword, default: nil) { text throws(ConfigError.Problem.Reason) in
                guard text.count >= 12 else { throw .invalid("must be at least 12 characters") }
                return text
            }
        )
        config.workerSlots = value(.workerSlots, default: 4) { text throws(ConfigError.Problem.Reason) in
            guard let slots = Int(text), (1...64).contains(slots) else { throw .invalid("must be 1–64") }
            return slots
        }
        config.workerLeaseSeconds = value(.workerLeaseSeconds, default: 30) { text throws(ConfigError.Problem.Reason) in
            guard let seconds = Int(text), (2...600).contains(seconds) else { throw .invalid("must be 2–600") }
            return seconds
        }
        config.trustedProxies = value(.trustedProxies, default: TrustedProxies()) {
            text throws(ConfigError.Problem.Reason) in
            switch TrustedProxies.parse(text) {
            case .success(let proxies): return proxies
            case .failure(let bad): throw .invalid("'\(bad.entry)' is not an IP address or network (a.b.c.d/n)")
            }
        }
        config.discoveryAllowedRanges = value(.discoveryAllowedRanges, default: ScanRange?.none) {
            text throws(ConfigError.Problem.Reason) in
            do throws(FieldError) {
                return try ScanRange.parse(text)
            } catch {
                throw .invalid(error.message)
            }
        }
        config.metricsAccess = value(.metricsAccess, default: .loopback) { text throws(ConfigError.Problem.Reason) in
            guard let access = MetricsAccess(rawValue: text.lowercased()) else {
                throw .invalid("'\(text)' is not loopback, token or off")
            }
            return access
        }
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return config
    }
}
