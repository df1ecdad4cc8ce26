extension ServiceProbe {
    /// The probes, as data. The first waits for a banner; the others are sent, each on its own connection, to a
    /// port that stayed silent, and their answers are read in this order of precedence (TLS before plain HTTP,
    /// because some TLS servers answer a plain request with an HTTP error).
    ///
    /// A response of any probe is also checked against the banner's matchers, so a server that greets late (an
    /// SMTP server with a greeting delay) is still named by its greeting.
    public static let table: [ServiceProbe] = [
        ServiceProbe(
            name: "banner", payload: .none, completion: .line,
            matchers: [
                ResponseMatcher(.ssh, [.prefix("SSH-")], followUp: .sshHostKey),
                // Telnet opens with IAC WILL/WONT/DO/DONT.
                ResponseMatcher(
                    .telnet, [.byte(at: 0, oneOf: [255]), .byte(at: 1, oneOf: [251, 252, 253, 254])],
                    followUp: .telnetPrompt),
                // MySQL/MariaDB greeting: a packet (3-byte length, sequence 0) of protocol version 10 …
                ResponseMatcher(.mysql, [.byte(at: 3, oneOf: [0]), .byte(at: 4, oneOf: [10])]),
                // … or an error packet refusing this client ("Host … is not allowed to connect to this MySQL server").
                ResponseMatcher(.mysql, [.byte(at: 3, oneOf: [0]), .byte(at: 4, oneOf: [255]), .contains("mysql")]),
                ResponseMatcher(.mysql, [.byte(at: 3, oneOf: [0]), .byte(at: 4, oneOf: [255]), .contains("mariadb")]),
                ResponseMatcher(.ftp, [.prefix("220"), .contains("ftp")], followUp: .ftpSYST),
                ResponseMatcher(.smtp, [.prefix("220"), .contains("smtp")], followUp: .smtpEHLO),
                ResponseMatcher(.smtp, [.prefix("220")], followUp: .smtpEHLO, tentative: true),
                ResponseMatcher(.ftp, [.prefix("220")], followUp: .ftpSYST, tentative: true),
                // Redis greets nobody, but a protected-mode Redis refuses with this line at once.
                ResponseMatcher(.redis, [.prefix("-DENIED Redis")]),
            ]),
        ServiceProbe(
            name: "tls", payload: .tls(then: httpRequest), completion: .httpMessage,
            matchers: [ResponseMatcher(.https, [.prefix("HTTP/")])]),
        ServiceProbe(
            name: "http-get", payload: .text(httpRequest), completion: .httpMessage,
            matchers: [ResponseMatcher(.http, [.prefix("HTTP/")])]),
        ServiceProbe(
            // SSLRequest: length 8, code 80877103. A PostgreSQL server answers one byte, S or N.
            name: "postgresql-sslrequest", payload: .bytes([0, 0, 0, 8, 4, 210, 22, 47]), completion: .bytes(1),
            matchers: [
                ResponseMatcher(.postgresql, [.exactly([UInt8(ascii: "N")])], followUp: .postgresStartup),
                ResponseMatcher(.postgresql, [.exactly([UInt8(ascii: "S")])]),
            ]),
        ServiceProbe(
            name: "redis-ping", payload: .text("*1\r\n$4\r\nPING\r\n"), completion: .line,
            matchers: [
                ResponseMatcher(.redis, [.prefix("+PONG")]),
                ResponseMatcher(.redis, [.prefix("-NOAUTH")]),
                ResponseMatcher(.redis, [.prefix("-DENIED Redis")]),
            ]),
    ]

    /// The request of the HTTP probes: HTTP/1.0, so that the server closes after answering.
    static let httpRequest =
        "GET / HTTP/1.0\r\nHost: {host}\r\nUser-Agent: enabledrm-discovery\r\nAccept: */*\r\nConnection: close\r\n\r\n"
}
