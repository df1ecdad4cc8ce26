/// Invalid configuration: every bad key at once, so one run shows everything to fix.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One bad key.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// What is wrong with a value.
        public enum Reason: Error, Sendable, Hashable {
            case invalid(String)
            case unknownKey
        }

        public var key: String
        /// Where the value came from: a flag, an environment variable or the config file.
        public var source: String
        public var reason: Reason

        public init(key: String, source: String, reason: Reason) {
            self.key = key
            self.source = source
            self.reason = reason
        }

        public var description: String {
            switch reason {
            case .invalid(let message): "\(key) (from \(source)): \(message)"
            case .unknownKey: "\(key) (from \(source)): unknown key"
            }
        }
    }

    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// A file that can't be read or parsed.
    public static func file(_ path: String, _ message: String) -> ConfigError {
        ConfigError(problems: [Problem(key: "config", source: path, reason: .invalid(message))])
    }

    public var description: String {
        "invalid configuration: " + problems.map(\.description).joined(separator: "; ")
    }
}
