import DRMTestSupport
import Foundation

/// The reference verifier of Standard Webhooks (`standardwebhooks` from PyPI), which scripts/test installs in a venv
/// of its own: `ENABLEDRM_STANDARDWEBHOOKS_PYTHON`, else that venv's python under the tools directory.
enum StandardWebhooks {
    static var python: String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["ENABLEDRM_STANDARDWEBHOOKS_PYTHON"] { return path }
        let cache = environment["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")
        return (environment["ENABLEDRM_TOOLS_DIR"] ?? cache + "/enabledrm") + "/webhooks-venv/bin/python"
    }

    /// "ok" or "fail: …" for each received request, verified under `secret`.
    static func verify(_ requests: [WebhookSink.Received], secret: String) async throws -> [String] {
        let items: [[String: String]] = requests.map { request in
            [
                "secret": secret, "id": request.headers["webhook-id"] ?? "",
                "timestamp": request.headers["webhook-timestamp"] ?? "",
                "signature": request.headers["webhook-signature"] ?? "", "body": request.body,
            ]
        }
        let file = FileManager.default.temporaryDirectory.appending(path: "webhooks-\(UUID()).json")
        try JSONSerialization.data(withJSONObject: items).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Fixtures/verify_webhooks.py").path
        let python = python
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw StandardWebhooksMissing(path: python)
        }
        let output = try await Blocking.run { try Shell.run("'\(python)' '\(script)' '\(file.path)'") }
        return output.split(separator: "\n").map(String.init)
    }
}

/// The reference verifier isn't installed: the test fails and says how to get it.
struct StandardWebhooksMissing: Error, CustomStringConvertible {
    var path: String
    var description: String { "no python with standardwebhooks at \(path): scripts/test installs it" }
}
