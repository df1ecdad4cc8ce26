public import Foundation

extension JSONEncoder {
    /// The one JSON configuration of EnableDRM, for the API, the live streams and every export (API, page and CLI):
    /// dates as ISO 8601 text with an offset (`2026-12-07T20:08:23Z`), keys sorted, slashes as written. Keys are
    /// snake_case because every type that goes over the wire spells them in its `CodingKeys` (a key strategy would
    /// also rename the keys of user data, such as parameters and variables).
    public static func enableDRM(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension JSONDecoder {
    /// The decoder that reads what ``JSONEncoder/enableDRM(pretty:)`` writes: dates as ISO 8601 text.
    public static var enableDRM: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// The decoder of requests (API bodies, CLI files): as ``enableDRM``, and types that check refuse unknown keys
    /// (``Swift/Decoder/refuseUnknownKeys(_:)``).
    public static var enableDRMRequest: JSONDecoder {
        let decoder = enableDRM
        decoder.userInfo[.refusesUnknownKeys] = true
        return decoder
    }
}
