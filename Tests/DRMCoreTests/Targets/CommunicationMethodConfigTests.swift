import DRMCore
import Testing

@Suite struct CommunicationMethodConfigTests {
    @Test func sshDefaults() throws {
        let config = try CommunicationMethodConfig.decode(methodType: "ssh", config: ["host": "10.0.0.1"])
        guard case .ssh(let ssh) = config else {
            Issue.record("not ssh: \(config)")
            return
        }
        #expect(ssh.port == 22)
        #expect(ssh.hostKeyPolicy == .pinned)
        #expect(ssh.timeout == 30)
        #expect(config.json == ["host": "10.0.0.1", "port": 22, "host_key_policy": "pinned", "timeout": 30])
    }

    @Test(
        arguments: [
            ("winrm", ["host": "w"], 5985),
            ("winrm", ["host": "w", "transport": "https"], 5986),
            ("winrm", ["host": "w", "transport": "ssl", "port": 1234], 1234),
            ("smtp", ["host": "m"], 587),
            ("smtp", ["host": "m", "encryption": "ssl"], 465),
            ("postgresql", ["host": "p"], 5432),
            ("database", ["host": "p"], 5432),
            ("ssh", ["host": "s", "port": 2222, "key_algorithm": "rsa"], 2222),
        ] as [(String, JSONValue, Int)])
    func portDefaultsFollowTheTransport(type: String, config: JSONValue, port: Int) throws {
        let decoded = try CommunicationMethodConfig.decode(methodType: type, config: config)
        guard case .object(let object) = decoded.json else {
            Issue.record("not an object")
            return
        }
        #expect(object["port"] == .number(Double(port)))
    }

    @Test(
        arguments: [
            ("ssh", ["host": "h", "port": 0], "config.port: must be 1…65535"),
            ("ssh", ["host": "h", "port": 65536], "config.port: must be 1…65535"),
            ("ssh", ["host": "h", "port": 22.5], "config.port: must be a whole number"),
            ("ssh", ["host": "h", "port": "22"], "config.port: must be a whole number"),
            ("ssh", ["host": ""], "config.host: must not be empty"),
            ("ssh", ["port": 22], "config.host: must not be empty"),
            ("ssh", ["host": "bad host"], "config.host: must be an IPv4 or IPv6 address or a DNS name"),
            ("ssh", ["host": 7], "config.host: must be a string"),
            (
                "ssh", ["host": "h", "host_key_policy": "trust"],
                "config.host_key_policy: must be one of pinned, record_first_use"
            ),
            ("ssh", ["host": "h", "timeout": 0], "config.timeout: must be 1…3600"),
            (
                "ssh", ["host": "h", "colour": "red"],
                "config.colour: unknown key for ssh; keys: host, host_key_policy, key_algorithm, port, timeout"
            ),
            ("ssh", "h", "config: must be a JSON object"),
            (
                "snmp", ["host": "h"],
                "method_type: unknown method type 'snmp'; types: ssh, winrm, rest_api, smtp, postgresql"
            ),
            ("winrm", ["host": "h", "auth": "kerberos"], "config.auth: must be one of basic, ntlm"),
            ("winrm", ["host": "h", "transport": "smoke"], "config.transport: must be one of http, https"),
            ("smtp", ["host": "h", "encryption": "tls"], "config.encryption: must be one of starttls, ssl, none"),
            (
                "postgresql", ["host": "h", "ssl_mode": "prefer"],
                "config.ssl_mode: must be one of disable, require, verify-full"
            ),
            ("postgresql", ["host": "h", "database": ""], "config.database: must be 1…63 bytes"),
            ("rest_api", ["base_url": "ftp://x/"], "config.base_url: must be an absolute http:// or https:// URL"),
            ("rest_api", ["base_url": "/relative"], "config.base_url: must be an absolute http:// or https:// URL"),
            ("rest_api", [:], "config.base_url: must not be empty"),
            (
                "https", ["base_url": "https://u:p@x.example/"],
                "config.base_url: must not hold a user name or password; use a credential"
            ),
            (
                "http", ["base_url": "http://a.example/", "host": "b.example"],
                "config.host: must be the host of base_url (a.example)"
            ),
            (
                "http", ["base_url": "http://a.example/", "verify_tls": "yes"],
                "config.verify_tls: must be true or false"
            ),
            (
                "http", ["base_url": "http://a.example/", "default_headers": ["X-A": 1]],
                "config.default_headers.X-A: must be a string"
            ),
            (
                "http", ["base_url": "http://a.example/", "default_headers": ["X A": "1"]],
                "config.default_headers.X A: is not a valid header name"
            ),
            (
                "http", ["base_url": "http://a.example/", "default_headers": ["X-A": "1\r\nX-B: 2"]],
                "config.default_headers.X-A: must not contain line breaks"
            ),
        ] as [(String, JSONValue, String)])
    func errorsNameTheField(type: String, config: JSONValue, message: String) {
        #expect(throws: FieldError.self) {
            try CommunicationMethodConfig.decode(methodType: type, config: config)
        }
        do {
            _ = try CommunicationMethodConfig.decode(methodType: type, config: config)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func restAPIKeepsItsHostBesideTheURL() throws {
        let config = try CommunicationMethodConfig.decode(
            methodType: "rest_api",
            config: ["base_url": "https://[2001:db8::1]:8443/api", "default_headers": ["Accept": "application/json"]])
        #expect(config.host == "2001:db8::1")
        #expect(
            config.json == [
                "base_url": "https://[2001:db8::1]:8443/api", "host": "2001:db8::1", "verify_tls": true,
                "default_headers": ["Accept": "application/json"], "timeout": 30,
            ])
    }

    @Test(
        arguments: [
            ("ssh", ["host": "h", "port": 2200, "host_key_policy": "record_first_use", "timeout": 5]),
            ("winrm", ["host": "fe80::1", "transport": "https", "auth": "basic"]),
            ("rest_api", ["base_url": "http://api.example/v1", "verify_tls": false, "default_headers": ["A": "b"]]),
            ("smtp", ["host": "mail.example", "encryption": "none", "port": 25]),
            ("postgresql", ["host": "db", "database": "app", "ssl_mode": "verify-full"]),
        ] as [(String, JSONValue)])
    func encodedConfigsDecodeToTheSame(type: String, config: JSONValue) throws {
        let decoded = try CommunicationMethodConfig.decode(methodType: type, config: config)
        let again = try CommunicationMethodConfig.decode(methodType: decoded.methodType.rawValue, config: decoded.json)
        #expect(again == decoded)
    }

    @Test func nullMeansDefault() throws {
        let config = try CommunicationMethodConfig.decode(methodType: "smtp", config: ["host": "m", "port": .null])
        #expect(config == .smtp(.init(host: "m")))
    }
}

@Suite struct OriginalMethodConfigTests {
    @Test func restAPIGetsABaseURLFromTheOriginalsParts() throws {
        let adoption = try CommunicationMethodConfig.adoptingOriginal(
            methodType: "rest_api",
            config: [
                "host": "api.example", "port": 8443, "protocol": "https", "base_path": "v2", "timeout": 30,
                "verify_ssl": false, "auth_header": "X-Token",
            ])
        guard case .restAPI(let api) = adoption.config else {
            Issue.record("not an API: \(adoption.config)")
            return
        }
        #expect(api.baseURL == "https://api.example:8443/v2")
        #expect(!api.verifyTLS)
        #expect(adoption.droppedKeys == ["auth_header"])
        #expect(adoption.changes == ["base_url: made of protocol, host, port and base_path"])
    }

    @Test func defaultPortsStayOutOfTheURLAndIPv6GetsBrackets() throws {
        let adoption = try CommunicationMethodConfig.adoptingOriginal(
            methodType: "rest_api", config: ["host": "fe80::1", "port": 80, "protocol": "http", "base_path": "/"])
        #expect(adoption.config.json.objectValue?["base_url"] == "http://[fe80::1]/")
    }

    @Test(
        arguments: [
            (["host": "m", "use_tls": true, "use_ssl": false], "starttls", 587),
            (["host": "m", "use_ssl": true], "ssl", 465),
            (["host": "m", "use_tls": false], "none", 587),
            (["host": "m", "connection_security": "ssl", "use_tls": true], "ssl", 465),
            (["host": "m", "encryption": "none", "use_ssl": true, "port": 25], "none", 25),
        ] as [(JSONValue, String, Int)])
    func smtpEncryptionFromTheOriginalsFlags(config: JSONValue, encryption: String, port: Int) throws {
        let adoption = try CommunicationMethodConfig.adoptingOriginal(methodType: "smtp", config: config)
        #expect(adoption.config.json.objectValue?["encryption"] == .string(encryption))
        #expect(adoption.config.json.objectValue?["port"] == .number(Double(port)))
    }

    @Test func postgresqlModesMoveToTheNearestOneAndPoolsAreDropped() throws {
        let adoption = try CommunicationMethodConfig.adoptingOriginal(
            methodType: "postgresql",
            config: ["host": "db", "port": 5432, "database": "app", "ssl_mode": "prefer", "connection_pool_size": 5])
        var expected = CommunicationMethodConfig.PostgreSQL(host: "db")
        expected.database = "app"
        #expect(adoption.config == .postgresql(expected))
        #expect(adoption.droppedKeys == ["connection_pool_size"])
        #expect(adoption.changes == ["ssl_mode: prefer → require"])
    }

    @Test func sshAndWinRMOfTheOriginalAreAcceptedAsTheyAre() throws {
        let ssh = try CommunicationMethodConfig.adoptingOriginal(
            methodType: "ssh", config: ["host": "s", "port": 22, "timeout": 30, "key_algorithm": "rsa"])
        #expect(ssh.droppedKeys.isEmpty && ssh.changes.isEmpty)
        let winrm = try CommunicationMethodConfig.adoptingOriginal(
            methodType: "winrm", config: ["host": "w", "port": 5985, "transport": "plaintext", "auth": "basic"])
        #expect(winrm.config.json.objectValue?["transport"] == "http")
    }

    @Test func whatStillDoesNotFitIsAnError() {
        #expect(throws: FieldError(field: "config.port", message: "must be 1…65535")) {
            try CommunicationMethodConfig.adoptingOriginal(methodType: "ssh", config: ["host": "s", "port": 0])
        }
        #expect(throws: FieldError.self) {
            try CommunicationMethodConfig.adoptingOriginal(methodType: "snmp", config: ["host": "s"])
        }
    }
}

extension JSONValue {
    fileprivate var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }
}
