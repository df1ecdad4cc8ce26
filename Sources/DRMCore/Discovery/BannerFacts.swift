/// Facts read from the first bytes a service sends or answers to a follow-up: parsers without I/O.
public enum BannerFacts {
    /// The first line of a text banner, control characters replaced, at most 200 characters.
    public static func firstLine(_ bytes: [UInt8]) -> String {
        let line = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let text = String(decoding: line, as: UTF8.self)
        let cleaned = text.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? " " : String($0) }.joined()
        return String(cleaned.trimmingSpaces.prefix(200))
    }

    /// `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3` → product `OpenSSH_9.2p1`, comment `Debian-2+deb12u3`.
    public static func ssh(_ banner: String) -> (product: String, comment: String?)? {
        guard banner.hasPrefix("SSH-") else { return nil }
        let afterVersion = banner.split(separator: "-", maxSplits: 2)
        guard afterVersion.count == 3 else { return nil }
        let software = afterVersion[2].split(separator: " ", maxSplits: 1)
        guard let product = software.first else { return nil }
        return (String(product), software.count > 1 ? String(software[1]) : nil)
    }

    /// The server version of a MySQL protocol-10 greeting (`8.0.36`, `10.11.6-MariaDB-0+deb12u1`).
    public static func mysqlVersion(_ bytes: [UInt8]) -> String? {
        guard bytes.count > 5, bytes[4] == 10 else { return nil }
        let version = bytes[5...].prefix { $0 != 0 }
        guard !version.isEmpty, version.count < 100 else { return nil }
        return String(decoding: version, as: UTF8.self)
    }

    /// The text of a telnet stream with the IAC commands removed, and the replies that refuse every option
    /// (DO → WONT, WILL → DONT).
    public static func telnet(_ bytes: [UInt8]) -> (text: String, replies: [UInt8]) {
        var text: [UInt8] = []
        var replies: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 255, index + 1 < bytes.count else {
                text.append(byte)
                index += 1
                continue
            }
            let command = bytes[index + 1]
            switch command {
            case 251, 252, 253, 254:  // WILL, WONT, DO, DONT + option
                guard index + 2 < bytes.count else { return (String(decoding: text, as: UTF8.self), replies) }
                let option = bytes[index + 2]
                if command == 253 { replies += [255, 252, option] }
                if command == 251 { replies += [255, 254, option] }
                index += 3
            case 250:  // SB … IAC SE
                var end = index + 2
                while end + 1 < bytes.count, !(bytes[end] == 255 && bytes[end + 1] == 240) { end += 1 }
                index = end + 2
            default:
                index += 2
            }
        }
        return (String(decoding: text, as: UTF8.self), replies)
    }

    /// The extensions of a complete EHLO reply (`250-PIPELINING`, …, `250 SMTPUTF8`), or `nil` if it is not 250.
    public static func smtpExtensions(_ reply: String) -> [String]? {
        let lines = reply.split(whereSeparator: \.isNewline).map { String($0) }
        guard let first = lines.first, first.hasPrefix("250") else { return nil }
        return lines.dropFirst().compactMap { line in
            guard line.hasPrefix("250"), line.count > 4 else { return nil }
            return String(line.dropFirst(4).split(separator: " ").first ?? "")
        }
    }

    /// Whether an SMTP/FTP reply is complete: its last line has a space after the code (`250 OK`).
    public static func isCompleteReply(_ bytes: [UInt8]) -> Bool {
        guard bytes.last == UInt8(ascii: "\n") else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline)
        guard let last = lines.last, last.count >= 4 else { return false }
        return last.prefix(3).allSatisfy(\.isNumber) && last.dropFirst(3).first == " "
    }

    /// A PostgreSQL startup message for `user` and database `postgres`.
    public static func postgresStartup(user: String) -> [UInt8] {
        var body: [UInt8] = [0, 3, 0, 0]  // protocol 3.0
        for (key, value) in [("user", user), ("database", "postgres")] {
            body += Array(key.utf8) + [0] + Array(value.utf8) + [0]
        }
        body.append(0)
        let length = UInt32(body.count + 4)
        return [UInt8(length >> 24), UInt8(length >> 16 & 255), UInt8(length >> 8 & 255), UInt8(length & 255)] + body
    }

    /// The reply to a startup message: `authentication <method>` for an `R` message, `error` for an `E`; `nil` when
    /// it is neither (not PostgreSQL).
    public static func postgresStartupReply(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 9 else { return nil }
        switch bytes[0] {
        case UInt8(ascii: "R"):
            let code = Int(bytes[5]) << 24 | Int(bytes[6]) << 16 | Int(bytes[7]) << 8 | Int(bytes[8])
            let methods = [0: "trust", 3: "password", 5: "md5", 10: "sasl (scram-sha-256)"]
            return "authentication \(methods[code] ?? "code \(code)")"
        case UInt8(ascii: "E"): return "error"
        default: return nil
        }
    }
}
