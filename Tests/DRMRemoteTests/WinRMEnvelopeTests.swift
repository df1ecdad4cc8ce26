import Foundation
import Testing

@testable import DRMRemote

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// WinRM is not verified against a real server; these test the SOAP messages only. The response fixtures are
/// written after the shapes in MS-WSMV and pywinrm's captured examples, not captured here.
@Suite("WinRM envelopes")
struct WinRMEnvelopeTests {
    let endpoint = "http://windows-host:5985/wsman"

    func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "xml", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    @Test("the client says it is unverified")
    func unverified() {
        #expect(WinRMClient.isVerifiedAgainstRealServer == false)
        #expect(WinRMProbe.isVerifiedAgainstRealServer == false)
    }

    @Test("Create shell: addressing headers, cmd resource, UTF-8 code page, stdin/stdout/stderr streams")
    func createShell() throws {
        let id = UUID()
        let xml = XMLElements(WinRMEnvelope.createShell(endpoint: endpoint, messageID: id, operationTimeout: 20))
        #expect(xml.text("To") == [endpoint])
        #expect(xml.text("Action") == ["http://schemas.xmlsoap.org/ws/2004/09/transfer/Create"])
        #expect(xml.text("ResourceURI") == ["http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd"])
        #expect(xml.text("MessageID") == ["uuid:\(id.uuidString)"])
        #expect(xml.text("OperationTimeout") == ["PT20S"])
        #expect(xml.attributes("Option", "Name") == ["WINRS_NOPROFILE", "WINRS_CODEPAGE"])
        #expect(xml.text("Option") == ["FALSE", "65001"])
        #expect(xml.text("OutputStreams") == ["stdout stderr"])
        #expect(xml.namespaces["Envelope"] == "http://www.w3.org/2003/05/soap-envelope")
    }

    @Test("Command: the command line is escaped and round-trips, the shell is selected")
    func command() throws {
        let line = #"echo "a<b" & type C:\x.txt > 'out'"#
        let xml = XMLElements(
            WinRMEnvelope.command(endpoint: endpoint, shellID: "SHELL-1", command: line, arguments: ["/c", "x&y"]))
        #expect(xml.text("Command") == [line])
        #expect(xml.text("Arguments") == ["/c", "x&y"])
        #expect(xml.text("Selector") == ["SHELL-1"])
        #expect(xml.attributes("Selector", "Name") == ["ShellId"])
        #expect(xml.text("Action") == ["http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command"])
    }

    @Test("Receive, Signal and Delete name the shell and the command")
    func receiveSignalDelete() throws {
        let receive = XMLElements(WinRMEnvelope.receive(endpoint: endpoint, shellID: "S", commandID: "C"))
        #expect(receive.attributes("DesiredStream", "CommandId") == ["C"])
        #expect(receive.text("DesiredStream") == ["stdout stderr"])
        let signal = XMLElements(WinRMEnvelope.signal(endpoint: endpoint, shellID: "S", commandID: "C"))
        #expect(signal.attributes("Signal", "CommandId") == ["C"])
        #expect(signal.text("Code") == ["http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate"])
        let delete = XMLElements(WinRMEnvelope.deleteShell(endpoint: endpoint, shellID: "S"))
        #expect(delete.text("Action") == ["http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete"])
        #expect(delete.text("Selector") == ["S"])
    }

    @Test("responses: shell id, command id, output streams, exit code")
    func responses() throws {
        #expect(
            try WinRMResponse(xml: fixture("winrm-create-response")).shellID
                == "11F1D3E5-6B8E-4C4B-9B0E-3F0C2D7C9A01")
        #expect(
            try WinRMResponse(xml: fixture("winrm-command-response")).commandID
                == "8A3C7B1E-2F4D-4E6A-9C8B-1D2E3F4A5B6C")
        let running = try WinRMResponse(xml: fixture("winrm-receive-running"))
        #expect(String(decoding: running.stdout, as: UTF8.self) == "WIN-HOST\r\n")
        #expect(!running.commandDone)
        #expect(running.exitCode == nil)
        let done = try WinRMResponse(xml: fixture("winrm-receive-done"))
        #expect(done.commandDone)
        #expect(done.exitCode == 2)
        #expect(done.stdout.isEmpty)
        #expect(String(decoding: done.stderr, as: UTF8.self) == "warning\r\n")
        #expect(done.fault == nil)
    }

    @Test("faults: an operation timeout is recognised, other faults carry code and message")
    func faults() throws {
        let timeout = try #require(try WinRMResponse(xml: fixture("winrm-fault-timeout")).fault)
        #expect(timeout.isOperationTimeout)
        #expect(timeout.subcode == "w:TimedOut")
        let denied = try #require(try WinRMResponse(xml: fixture("winrm-fault-access")).fault)
        #expect(!denied.isOperationTimeout)
        #expect(denied.code == "5")
        #expect(denied.message == "Access is denied.")
        #expect(throws: ConnectionError.self) { try WinRMResponse(xml: Data("<html><body>".utf8)) }
        #expect(throws: ConnectionError.self) { try WinRMResponse(xml: Data("<html><body/></html>".utf8)) }
    }
}

/// Element texts and attributes of an XML document by local name, read back with XMLParser.
final class XMLElements: NSObject, XMLParserDelegate {
    private var texts: [(String, String)] = []
    private var attributeList: [(String, [String: String])] = []
    var namespaces: [String: String] = [:]
    private var current = ""
    private(set) var wellFormed = false

    init(_ xml: String) {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldProcessNamespaces = true
        parser.delegate = self
        wellFormed = parser.parse()
        #expect(wellFormed, "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
    }

    func text(_ name: String) -> [String] { texts.filter { $0.0 == name }.map(\.1) }

    func attributes(_ name: String, _ attribute: String) -> [String] {
        attributeList.filter { $0.0 == name }.compactMap { $0.1[attribute] }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        current = ""
        attributeList.append((elementName, attributes))
        if let namespaceURI { namespaces[elementName] = namespaceURI }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
    ) {
        texts.append((elementName, current.trimmingCharacters(in: .whitespacesAndNewlines)))
        current = ""
    }
}
