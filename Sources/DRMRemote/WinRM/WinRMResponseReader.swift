public import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

final class WinRMResponseReader: NSObject, XMLParserDelegate {
    var response = WinRMResponse()
    var rootElement: String?
    private var text = ""
    private var stream: (name: String, end: Bool)?
    private var inFault = false
    private var inSubcode = false
    private var faultCode: String?
    private var subcode: String?
    private var reason: String?
    private var faultMessage: String?
    private var selectorIsShellID = false

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        text = ""
        if rootElement == nil { rootElement = elementName }
        switch elementName {
        case "Stream": stream = (attributes["Name"] ?? "stdout", attributes["End"] == "true")
        case "CommandState":
            if attributes["State"] == WinRMEnvelope.doneState { response.commandDone = true }
        case "Fault": inFault = true
        case "Subcode": inSubcode = true
        case "WSManFault": faultCode = attributes["Code"]
        case "Selector": selectorIsShellID = attributes["Name"] == "ShellId"
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch elementName {
        case "ShellId": response.shellID = value
        case "Selector" where selectorIsShellID && response.shellID == nil: response.shellID = value
        case "CommandId": response.commandID = value
        case "Stream":
            if let data = Data(base64Encoded: value) {
                if stream?.name == "stderr" { response.stderr.append(data) } else { response.stdout.append(data) }
            }
            stream = nil
        case "ExitCode": response.exitCode = Int(value)
        case "Value" where inSubcode: subcode = value
        case "Subcode": inSubcode = false
        case "Text" where inFault: reason = value
        case "Message" where inFault: faultMessage = value
        case "Fault":
            inFault = false
            response.fault = WinRMFault(code: faultCode, subcode: subcode, message: faultMessage ?? reason ?? "")
        default: break
        }
        text = ""
    }
}
