/// Why a ``BrowserPage`` couldn't do what it was asked.
public enum ChromiumError: Error, CustomStringConvertible {
    case protocolError(String)
    case timeout(String)

    public var description: String {
        switch self {
        case .protocolError(let message): "DevTools: \(message)"
        case .timeout(let what): "timed out waiting for \(what)"
        }
    }
}
