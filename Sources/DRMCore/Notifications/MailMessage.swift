public import Foundation

/// A notification mail as RFC 5322 text: a `multipart/alternative` of a text and an HTML part (each base64, so
/// any UTF-8 and any line length pass), with `Message-ID`, and `In-Reply-To`/`References` naming the thread's root
/// so that the messages about one job (or one alert) thread together.
public struct MailMessage: Sendable, Hashable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var text: String
    public var html: String?
    /// Without angle brackets: `delivery-uuid@enabledrm`.
    public var messageID: String
    /// The thread's root id, without angle brackets (`job-12@enabledrm`), if the message belongs to one.
    public var threadID: String?
    public var date: Date

    public init(
        from: String, to: [String], subject: String, text: String, html: String?, messageID: String,
        threadID: String?, date: Date
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.threadID = threadID
        self.date = date
    }

    /// The message as sent after DATA (CRLF line ends, no dot-stuffing yet).
    public var rendered: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var lines = [
            "From: \(from)", "To: \(to.joined(separator: ", "))", "Subject: \(Self.encodedWord(subject))",
            "Date: \(formatter.string(from: date))", "Message-ID: <\(messageID)>", "MIME-Version: 1.0",
        ]
        if let threadID {
            lines += ["In-Reply-To: <\(threadID)>", "References: <\(threadID)>"]
        }
        let boundary = "=_enabledrm_" + messageID.prefix(while: { $0 != "@" }).filter(\.isLetterOrDigitASCII)
        if let html {
            lines += ["Content-Type: multipart/alternative; boundary=\"\(boundary)\"", ""]
            lines += ["--\(boundary)"] + Self.part("text/plain", text)
            lines += ["--\(boundary)"] + Self.part("text/html", html)
            lines += ["--\(boundary)--", ""]
        } else {
            lines += Self.part("text/plain", text)
        }
        return lines.joined(separator: "\r\n")
    }

    static func part(_ type: String, _ content: String) -> [String] {
        let encoded = Data(content.utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return ["Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", "", encoded]
    }

    /// `text` as is when it is printable ASCII, else as an RFC 2047 encoded word.
    static func encodedWord(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return text }
        return "=?UTF-8?B?" + Data(text.utf8).base64EncodedString() + "?="
    }
}

extension Character {
    var isLetterOrDigitASCII: Bool { isASCII && (isLetter || isNumber) }
}
