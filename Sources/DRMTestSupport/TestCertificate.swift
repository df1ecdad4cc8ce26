import Foundation

/// A self-signed certificate and key for `localhost` and 127.0.0.1, made with `openssl req -x509`.
public struct TestCertificate: Sendable {
    public let certificatePath: String
    public let keyPath: String
    /// The certificate's notAfter in ISO 8601 (`2026-12-25T23:00:00Z`), as openssl reads it.
    public let notAfter: String
    public static let commonName = "drm-test.localhost"

    /// Makes a certificate whose names include `host` (an IPv4 address such as 127.0.0.7) besides `localhost`
    /// and 127.0.0.1.
    public static func make(in directory: String, days: Int = 30, host: String = "127.0.0.1") throws
        -> TestCertificate
    {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let cert = directory + "/cert.pem"
        let key = directory + "/key.pem"
        let names = Set(["127.0.0.1", host]).sorted().map { "IP:\($0)" }.joined(separator: ",")
        try Shell.run(
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout '\(key)' "
                + "-out '\(cert)' -days \(days) -subj '/CN=\(commonName)' "
                + "-addext 'subjectAltName=DNS:localhost,\(names)' 2>&1")
        let end = try Shell.run("openssl x509 -enddate -noout -dateopt iso_8601 -in '\(cert)'")
            .trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "notAfter=", with: "")
            .replacingOccurrences(of: " ", with: "T")
        return TestCertificate(certificatePath: cert, keyPath: key, notAfter: end)
    }
}
