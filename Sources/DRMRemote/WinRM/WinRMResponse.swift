public import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What a WS-Management response says, read by element local names (namespace prefixes vary by server).
public struct WinRMResponse: Sendable, Equatable {
    public var shellID: String?
    public var commandID: String?
    public var stdout = Data()
    public var stderr = Data()
    /// True when a `CommandState` reports the command as done.
    public var commandDone = false
    public var exitCode: Int?
    public var fault: WinRMFault?

    /// Parses a SOAP response body.
    public init(xml: Data) throws {
        let reader = WinRMResponseReader()
        let parser = XMLParser(data: xml)
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        guard parser.parse(), reader.rootElement == "Envelope" else {
            throw ConnectionError(.protocol, "WinRM answered something other than a SOAP envelope")
        }
        self = reader.response
    }

    init() {}
}
