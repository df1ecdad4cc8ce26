import Foundation
import Logging

/// Keeps secrets out of every log line, at every level: bcrypt hashes, bearer tokens and JWTs that libraries
/// log at debug and trace (Fluent's query binds, Vapor's request heads), and cookies, are replaced by `[redacted]`.
struct RedactingLogHandler: LogHandler {
    var wrapped: any LogHandler

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        event.message = "\(Self.redact(event.message.description))"
        event.metadata = event.metadata.map(Self.redact)
        wrapped.log(event: event)
    }

    /// What is replaced, and with what (`$1` keeps the name of a field or header).
    static let patterns: [(pattern: NSRegularExpression, template: String)] = [
        (#"\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}"#, "[redacted]"),  // bcrypt
        (#"(?i)bearer\s+[A-Za-z0-9._~+/=-]+"#, "[redacted]"),  // Authorization: Bearer …
        (#"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"#, "[redacted]"),  // a JWT anywhere
        // JSON-ish fields.
        (#"(?i)("?(password|refresh_token|access_token|secret_key)"?\s*[:=]\s*)"[^"]*""#, "$1\"[redacted]\""),
        // Cookie and Set-Cookie headers, as Vapor's request and response heads print them: the session cookie is
        // a live refresh token.
        (#"(?i)((?:set-)?cookie"?\s*[:=]\s*"?)[^"\n\]]*"#, "$1[redacted]"),
        (#"(drm_[a-z]+=)[^;\s"]+"#, "$1[redacted]"),  // a session or log-in cookie anywhere else
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    static func redact(_ text: String) -> String {
        // Most lines hold none of the markers; only those are searched.
        guard
            text.contains("$2") || text.localizedCaseInsensitiveContains("bearer") || text.contains("eyJ")
                || text.contains("password") || text.contains("_token") || text.contains("secret_key")
                || text.localizedCaseInsensitiveContains("cookie") || text.contains("drm_")
        else { return text }
        var result = text
        for (pattern, template) in patterns {
            let range = NSRange(result.startIndex..., in: result)
            result = pattern.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        return result
    }

    static func redact(_ metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.mapValues(redact)
    }

    static func redact(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(redact(text))
        case .stringConvertible(let convertible): .string(redact(convertible.description))
        case .array(let values): .array(values.map(redact))
        case .dictionary(let values): .dictionary(values.mapValues(redact))
        }
    }
}
