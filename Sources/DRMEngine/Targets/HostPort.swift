import DRMCore
import Foundation

/// A host and port as one endpoint, compared without regard to the host's case.
struct HostPort: Hashable {
    var host: String
    var port: Int

    init(_ host: String, _ port: Int) {
        self.host = host.lowercased()
        self.port = port
    }

    static func text(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The endpoint of a method config: its host and port (for an API, those of its base URL).
    init(_ config: CommunicationMethodConfig) {
        var port = 0
        if case .number(let number)? = config.json["port"] {
            port = Int(number)
        } else if case .restAPI(let api) = config, let url = URLComponents(string: api.baseURL) {
            port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        }
        self.init(config.host, port)
    }
}
