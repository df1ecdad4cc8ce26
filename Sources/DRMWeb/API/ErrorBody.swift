public import Vapor

/// The body of every error response: `{"error": {"code", "message", "field"?, "request_id"}}`.
struct ErrorBody: Content {
    struct Detail: Content {
        var code: String
        var message: String
        var field: String?
        var requestID: String

        enum CodingKeys: String, CodingKey {
            case code, message, field
            case requestID = "request_id"
        }
    }

    var error: Detail
}
