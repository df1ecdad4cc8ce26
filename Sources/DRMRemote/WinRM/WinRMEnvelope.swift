public import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The SOAP messages of the WS-Management shell protocol (MS-WSMV): create a `cmd` shell, run a command, receive
/// its output, signal it, delete the shell. Pure text in and out, so it is tested with fixtures.
public enum WinRMEnvelope {
    public enum Action: String, Sendable {
        case create = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create"
        case delete = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete"
        case command = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command"
        case receive = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive"
        case signal = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal"
    }

    static let shellURI = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd"
    static let terminateSignal = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate"
    static let doneState = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done"
    /// The WSManFault code of an OperationTimeout: a Receive that found no output yet (poll again).
    public static let operationTimeoutCode = "2150858793"

    /// The common envelope: addressing headers, the shell resource, optional selector and options, and `body`.
    static func envelope(
        endpoint: String, action: Action, messageID: UUID, operationTimeout: Int, shellID: String? = nil,
        options: [(String, String)] = [], body: String
    ) -> String {
        let selector =
            shellID.map {
                "<wsman:SelectorSet><wsman:Selector Name=\"ShellId\">\(escape($0))</wsman:Selector></wsman:SelectorSet>"
            } ?? ""
        let optionSet =
            options.isEmpty
            ? ""
            : "<wsman:OptionSet>"
                + options.map { "<wsman:Option Name=\"\(escape($0.0))\">\(escape($0.1))</wsman:Option>" }.joined()
                + "</wsman:OptionSet>"
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" \
            xmlns:wsman="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" \
            xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell">\
            <s:Header>\
            <wsa:To>\(escape(endpoint))</wsa:To>\
            <wsa:ReplyTo><wsa:Address s:mustUnderstand="true">\
            http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:Address></wsa:ReplyTo>\
            <wsman:MaxEnvelopeSize s:mustUnderstand="true">153600</wsman:MaxEnvelopeSize>\
            <wsa:MessageID>uuid:\(messageID.uuidString)</wsa:MessageID>\
            <wsman:Locale xml:lang="en-US" s:mustUnderstand="false"/>\
            <wsman:OperationTimeout>PT\(operationTimeout)S</wsman:OperationTimeout>\
            <wsman:ResourceURI s:mustUnderstand="true">\(shellURI)</wsman:ResourceURI>\
            <wsa:Action s:mustUnderstand="true">\(action.rawValue)</wsa:Action>\
            \(selector)\(optionSet)\
            </s:Header>\
            <s:Body>\(body)</s:Body>\
            </s:Envelope>
            """
    }

    public static func createShell(endpoint: String, messageID: UUID = UUID(), operationTimeout: Int = 60) -> String {
        envelope(
            endpoint: endpoint, action: .create, messageID: messageID, operationTimeout: operationTimeout,
            options: [("WINRS_NOPROFILE", "FALSE"), ("WINRS_CODEPAGE", "65001")],
            body: "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams>"
                + "<rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>")
    }

    public static func command(
        endpoint: String, shellID: String, command: String, arguments: [String] = [], messageID: UUID = UUID(),
        operationTimeout: Int = 60
    ) -> String {
        let body =
            "<rsp:CommandLine><rsp:Command>\(escape(command))</rsp:Command>"
            + arguments.map { "<rsp:Arguments>\(escape($0))</rsp:Arguments>" }.joined() + "</rsp:CommandLine>"
        return envelope(
            endpoint: endpoint, action: .command, messageID: messageID, operationTimeout: operationTimeout,
            shellID: shellID, options: [("WINRS_CONSOLEMODE_STDIN", "TRUE"), ("WINRS_SKIP_CMD_SHELL", "FALSE")],
            body: body)
    }

    public static func receive(
        endpoint: String, shellID: String, commandID: String, messageID: UUID = UUID(), operationTimeout: Int = 60
    ) -> String {
        envelope(
            endpoint: endpoint, action: .receive, messageID: messageID, operationTimeout: operationTimeout,
            shellID: shellID,
            body: "<rsp:Receive><rsp:DesiredStream CommandId=\"\(escape(commandID))\">stdout stderr"
                + "</rsp:DesiredStream></rsp:Receive>")
    }

    public static func signal(
        endpoint: String, shellID: String, commandID: String, messageID: UUID = UUID(), operationTimeout: Int = 60
    ) -> String {
        envelope(
            endpoint: endpoint, action: .signal, messageID: messageID, operationTimeout: operationTimeout,
            shellID: shellID,
            body: "<rsp:Signal CommandId=\"\(escape(commandID))\"><rsp:Code>\(terminateSignal)</rsp:Code></rsp:Signal>")
    }

    public static func deleteShell(
        endpoint: String, shellID: String, messageID: UUID = UUID(), operationTimeout: Int = 60
    ) -> String {
        envelope(
            endpoint: endpoint, action: .delete, messageID: messageID, operationTimeout: operationTimeout,
            shellID: shellID, body: "")
    }

    /// XML text and attribute escaping.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}
