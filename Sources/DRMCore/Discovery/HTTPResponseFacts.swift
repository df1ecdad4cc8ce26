import Foundation

/// What an HTTP response says about its server: the status, the `Server` header and the page title.
public struct HTTPResponseFacts: Sendable, Hashable {
    public var status: Int
    public var server: String?
    public var title: String?

    /// Reads the status line, headers and (from the body's first 64 KiB) the `<title>`; `nil` if `response` is not
    /// an HTTP response.
    public init?(_ response: [UInt8]) {
        let text = String(decoding: response.prefix(65_536), as: UTF8.self)
        guard text.hasPrefix("HTTP/") else { return nil }
        let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        self.status = status
        for line in lines.dropFirst() {
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].lowercased() == "server" {
                server = String(line[line.index(after: colon)...]).trimmingSpaces
            }
        }
        let lower = text.lowercased()
        if let open = lower.range(of: "<title"),
            let close = lower.range(of: "</title>", range: open.upperBound..<lower.endIndex),
            let tagEnd = lower[open.upperBound..<close.lowerBound].firstIndex(of: ">")
        {
            let start = text.index(after: tagEnd)
            let title = String(text[start..<close.lowerBound]).trimmingSpaces
            self.title = title.isEmpty ? nil : String(title.prefix(200))
        }
    }

    /// Whether `response` holds a whole message: headers and the announced body (without `Content-Length`, only
    /// the close ends it).
    public static func isComplete(_ response: [UInt8]) -> Bool {
        let text = String(decoding: response.prefix(65_536), as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let headers = text[..<end.lowerBound].lowercased()
        guard let line = headers.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return false }
        return text.utf8.distance(from: end.upperBound, to: text.endIndex) >= length
    }

    /// The facts under their detail keys.
    public var details: [String: String] {
        var details = ["http_status": "\(status)"]
        details["http_server"] = server
        details["http_title"] = title
        return details
    }
}
