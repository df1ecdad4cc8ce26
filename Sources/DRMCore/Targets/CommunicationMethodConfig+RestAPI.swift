import Foundation

extension CommunicationMethodConfig {
    /// `rest_api`: an absolute http(s) base URL, TLS verified by default, default headers, timeout 30 s.
    ///
    /// The stored JSON also carries `host` (the URL's host), since every method's config has one; when decoding, a
    /// `host` that disagrees with the base URL is refused.
    public struct RestAPI: Sendable, Hashable {
        /// The absolute `http://` or `https://` URL that request paths are relative to.
        public private(set) var baseURL: String
        /// The host of ``baseURL`` (an IPv6 address without brackets).
        public private(set) var host: String
        /// Whether the server's certificate is checked; `true` by default.
        public var verifyTLS = true
        /// Headers sent with every request, e.g. `Accept`; secrets belong in a credential, not here.
        public var defaultHeaders: [String: String] = [:]
        /// Seconds, 1…3600; 30 by default.
        public var timeout = 30

        /// An API config for `baseURL` with the defaults, if the URL is acceptable.
        public init(baseURL: String) throws(FieldError) {
            self.baseURL = baseURL
            host = try Self.host(ofBaseURL: baseURL)
        }

        init(reading reader: inout FieldReader) throws(FieldError) {
            guard let url = try reader.string("base_url"), !url.isEmpty else {
                throw FieldError(field: "config.base_url", message: "must not be empty")
            }
            try self.init(baseURL: url)
            if let stated = try reader.string("host"), stated.lowercased() != host.lowercased() {
                throw FieldError(field: "config.host", message: "must be the host of base_url (\(host))")
            }
            verifyTLS = try reader.bool("verify_tls", default: true)
            defaultHeaders = try reader.stringMap("default_headers")
            for (name, value) in defaultHeaders {
                let field = "config.default_headers.\(name)"
                guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isHeaderNameScalar) else {
                    throw FieldError(field: field, message: "is not a valid header name")
                }
                guard !value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
                    throw FieldError(field: field, message: "must not contain line breaks")
                }
            }
            timeout = try reader.timeout()
        }

        var json: JSONValue {
            [
                "base_url": .string(baseURL), "host": .string(host), "verify_tls": .bool(verifyTLS),
                "default_headers": .object(defaultHeaders.mapValues { .string($0) }),
                "timeout": .number(Double(timeout)),
            ]
        }

        static func host(ofBaseURL text: String) throws(FieldError) -> String {
            let field = "config.base_url"
            guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
                scheme == "http" || scheme == "https"
            else {
                throw FieldError(field: field, message: "must be an absolute http:// or https:// URL")
            }
            guard components.user == nil, components.password == nil else {
                throw FieldError(
                    field: field, message: "must not hold a user name or password; use a credential")
            }
            var host = components.host ?? ""
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            guard !host.isEmpty else { throw FieldError(field: field, message: "must name a host") }
            guard HostAddress.isValid(host) else {
                throw FieldError(field: field, message: "has a host that is not an IP address or a DNS name")
            }
            if let port = components.port, !(1...65535).contains(port) {
                throw FieldError(field: field, message: "has a port that is not 1…65535")
            }
            return host
        }

        private static func isHeaderNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            // RFC 9110 token characters.
            scalar.isASCII
                && (CharacterSet.alphanumerics.contains(scalar) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar))
        }
    }
}
