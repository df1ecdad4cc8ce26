/// The typed `config` of a communication method (`target_communication_methods.config`), one case per method type,
/// with the defaults of domain.md §3 filled in.
///
/// Decode from the stored JSON with ``decode(methodType:config:)``, which names the field at fault and refuses unknown
/// keys; encode back with ``json``, which writes every field (defaults included) and always `host`.
public enum CommunicationMethodConfig: Sendable, Hashable {
    /// An SSH server.
    case ssh(SSH)
    /// A WinRM endpoint.
    case winrm(WinRM)
    /// An HTTP(S) API.
    case restAPI(RestAPI)
    /// A mail server.
    case smtp(SMTP)
    /// A PostgreSQL server.
    case postgresql(PostgreSQL)

    /// The method types whose config is understood, by their `method_type` value.
    public enum MethodType: String, Sendable, Hashable, CaseIterable {
        /// `ssh`.
        case ssh
        /// `winrm`.
        case winrm
        /// `rest_api` (also read from `http`, `https` and `api`).
        case restAPI = "rest_api"
        /// `smtp`.
        case smtp
        /// `postgresql` (also read from `database`).
        case postgresql

        /// The type that `methodType` names, aliases included; `nil` when it is unknown.
        public init?(methodType: String) {
            switch methodType.lowercased() {
            case "http", "https", "api": self = .restAPI
            case "database": self = .postgresql
            case let name: self.init(rawValue: name)
            }
        }
    }

    /// The config of `methodType` that `config` (a JSON object) describes, with defaults for what it leaves out.
    public static func decode(methodType: String, config: JSONValue) throws(FieldError)
        -> CommunicationMethodConfig
    {
        guard let type = MethodType(methodType: methodType) else { throw unknownMethodType(methodType) }
        var reader = try FieldReader(config)
        let decoded: CommunicationMethodConfig
        switch type {
        case .ssh: decoded = .ssh(try SSH(reading: &reader))
        case .winrm: decoded = .winrm(try WinRM(reading: &reader))
        case .restAPI: decoded = .restAPI(try RestAPI(reading: &reader))
        case .smtp: decoded = .smtp(try SMTP(reading: &reader))
        case .postgresql: decoded = .postgresql(try PostgreSQL(reading: &reader))
        }
        try reader.finish(kind: type.rawValue)
        return decoded
    }

    static func unknownMethodType(_ methodType: String) -> FieldError {
        let known = MethodType.allCases.map(\.rawValue).joined(separator: ", ")
        return FieldError(field: "method_type", message: "unknown method type '\(methodType)'; types: \(known)")
    }

    /// The method type.
    public var methodType: MethodType {
        switch self {
        case .ssh: .ssh
        case .winrm: .winrm
        case .restAPI: .restAPI
        case .smtp: .smtp
        case .postgresql: .postgresql
        }
    }

    /// The host the method connects to (for an API, the host of its base URL).
    public var host: String {
        switch self {
        case .ssh(let config): config.host
        case .winrm(let config): config.host
        case .restAPI(let config): config.host
        case .smtp(let config): config.host
        case .postgresql(let config): config.host
        }
    }

    /// The config as stored in the `config` column: every field, defaults included.
    public var json: JSONValue {
        switch self {
        case .ssh(let config): config.json
        case .winrm(let config): config.json
        case .restAPI(let config): config.json
        case .smtp(let config): config.json
        case .postgresql(let config): config.json
        }
    }
}
