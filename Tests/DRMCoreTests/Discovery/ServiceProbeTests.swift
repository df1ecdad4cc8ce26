import DRMCore
import Testing

@Suite struct ServiceProbeTests {
    func bannerService(_ bytes: [UInt8]) -> ServiceName? { ServiceProbe.banner.match(bytes)?.service }
    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func bannersAreNamedByWhatTheySay() {
        #expect(bannerService(bytes("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")) == .ssh)
        #expect(bannerService(bytes("220 mail.example ESMTP Postfix\r\n")) == .smtp)
        #expect(bannerService(bytes("220 (vsFTPd 3.0.3)\r\n")) == .ftp)
        // A bare 220 is tentative: EHLO, then SYST, decide.
        #expect(bannerService(bytes("220 Service ready\r\n")) == .smtp)
        #expect(ServiceProbe.banner.match(bytes("220 Service ready\r\n"))?.tentative == true)
        #expect(bannerService(bytes("220 ProFTPD Server ready\r\n")) == .ftp)
        #expect(bannerService([255, 253, 24, 255, 251, 1]) == .telnet)
        #expect(bannerService([74, 0, 0, 0, 10] + bytes("8.0.36\0")) == .mysql)
        #expect(
            bannerService(
                [70, 0, 0, 0, 255, 106, 4] + bytes("Host '1.2.3.4' is not allowed to connect to this MySQL server"))
                == .mysql)
        #expect(bannerService(bytes("hello there\r\n")) == nil)
        #expect(bannerService([]) == nil)
    }

    @Test func silentPortProbesMatchOnlyTheirProtocol() {
        let probes = Dictionary(uniqueKeysWithValues: ServiceProbe.silentPortProbes.map { ($0.name, $0) })
        let http = bytes("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 0\r\n\r\n")
        #expect(probes["http-get"]?.match(http)?.service == .http)
        #expect(probes["tls"]?.match(http)?.service == .https)
        #expect(probes["redis-ping"]?.match(http) == nil)
        #expect(probes["postgresql-sslrequest"]?.match(bytes("N"))?.service == .postgresql)
        #expect(probes["postgresql-sslrequest"]?.match(bytes("No")) == nil)
        #expect(probes["redis-ping"]?.match(bytes("+PONG\r\n"))?.service == .redis)
        #expect(probes["redis-ping"]?.match(bytes("-ERR unknown command\r\n")) == nil)
        #expect(probes["http-get"]?.match(bytes("-ERR wrong number of arguments\r\n")) == nil)
        #expect(ServiceProbe.silentPortProbes.first?.name == "tls")
    }

    @Test func httpFactsAndCompleteness() {
        let response = bytes(
            "HTTP/1.1 200 OK\r\nServer: HP HTTP Server; HP LaserJet M404\r\nContent-Length: 46\r\n\r\n"
                + "<html><TITLE> LaserJet M404 </TITLE></html>\r\n\r\n")
        let facts = HTTPResponseFacts(response)
        #expect(facts?.status == 200)
        #expect(facts?.server == "HP HTTP Server; HP LaserJet M404")
        #expect(facts?.title == "LaserJet M404")
        #expect(HTTPResponseFacts.isComplete(response))
        #expect(!HTTPResponseFacts.isComplete(Array(response.prefix(70))))
        #expect(HTTPResponseFacts(bytes("SSH-2.0-x\r\n")) == nil)
    }

    @Test func bannerParsers() {
        #expect(BannerFacts.ssh("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")! == ("OpenSSH_9.2p1", "Debian-2+deb12u3"))
        #expect(BannerFacts.ssh("SSH-2.0-Cisco-1.25")!.product == "Cisco-1.25")
        #expect(BannerFacts.mysqlVersion([74, 0, 0, 0, 10] + bytes("10.11.6-MariaDB\0xyz")) == "10.11.6-MariaDB")
        let telnet = BannerFacts.telnet([255, 253, 24, 255, 251, 1] + bytes("\r\nUser Access Verification\r\n"))
        #expect(telnet.text == "\r\nUser Access Verification\r\n")
        #expect(telnet.replies == [255, 252, 24, 255, 254, 1])
        #expect(
            BannerFacts.smtpExtensions("250-mx.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n") == [
                "PIPELINING", "STARTTLS",
            ])
        #expect(BannerFacts.smtpExtensions("502 command not implemented\r\n") == nil)
        #expect(BannerFacts.isCompleteReply(bytes("250-a\r\n250 b\r\n")))
        #expect(!BannerFacts.isCompleteReply(bytes("250-a\r\n")))
        #expect(
            BannerFacts.postgresStartupReply([82, 0, 0, 0, 23, 0, 0, 0, 10]) == "authentication sasl (scram-sha-256)")
        #expect(BannerFacts.postgresStartupReply(bytes("HTTP/1.1 400")) == nil)
        let startup = BannerFacts.postgresStartup(user: "u")
        #expect(Int(startup[3]) == startup.count)
    }
}

@Suite struct DeviceClassifierTests {
    @Test func classesFollowTheServices() {
        let linux = DeviceClassifier.classify([
            ServiceObservation(port: 22, service: .ssh, product: "OpenSSH_9.2p1", details: ["ssh_comment": "Debian-2"]),
            ServiceObservation(port: 80, service: .http),
        ])
        #expect(linux.deviceClass == .linuxServer)
        #expect(linux.deviceType == "linux")
        #expect(linux.suggestedMethods == ["ssh", "rest_api"])
        #expect(linux.reasons.contains { $0.contains("debian") })

        let printer = DeviceClassifier.classify([
            ServiceObservation(port: 80, service: .http, details: ["http_title": "HP LaserJet M404"])
        ])
        #expect(printer.deviceClass == .printer)

        let cisco = DeviceClassifier.classify([
            ServiceObservation(port: 23, service: .telnet, details: ["telnet_text": "User Access Verification"])
        ])
        #expect(cisco.deviceClass == .networkDevice)
        #expect(
            DeviceClassifier.classify([ServiceObservation(port: 23, service: .telnet)]).deviceClass == .networkDevice)

        let database = DeviceClassifier.classify([
            ServiceObservation(port: 22, service: .ssh, product: "OpenSSH_9.2p1"),
            ServiceObservation(port: 5432, service: .postgresql),
        ])
        #expect(database.deviceClass == .database)
        #expect(database.deviceType == "postgresql")
        #expect(database.suggestedMethods == ["ssh", "postgresql"])

        #expect(DeviceClassifier.classify([ServiceObservation(port: 25, service: .smtp)]).deviceClass == .mailServer)
        #expect(DeviceClassifier.classify([ServiceObservation(port: 8080, service: .http)]).deviceClass == .webServer)
        let windows = DeviceClassifier.classify([
            ServiceObservation(port: 5985, service: .http, product: "Microsoft-HTTPAPI/2.0")
        ])
        #expect(windows.deviceClass == .windowsServer)
        #expect(windows.suggestedMethods == ["winrm"])

        let nothing = DeviceClassifier.classify([ServiceObservation(port: 9999, service: .unknown)])
        #expect(nothing.deviceClass == nil)
        #expect(nothing.deviceType == "generic_device")
        #expect(nothing.confidence == 0)
    }
}
