import DRMTestSupport
import Foundation
import Testing

/// A real generator (openapi-python-client, from PyPI) makes a client from the served OpenAPI document, and a flow
/// runs through that client against `enabledrm serve` and a real sshd (#14 item 5): log in, create a target, pin
/// its host key, create a job, run it, read its results. scripts/test installs the generator.
@Suite struct GeneratedClientTests {
    /// `ENABLEDRM_OPENAPI_PYTHON_CLIENT`, else the venv scripts/test makes under the user's cache.
    static var generator: String {
        if let path = ProcessInfo.processInfo.environment["ENABLEDRM_OPENAPI_PYTHON_CLIENT"] { return path }
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")
        return (environment["ENABLEDRM_TOOLS_DIR"] ?? cache + "/enabledrm") + "/client-venv/bin/openapi-python-client"
    }

    @Test("a client generated from the document runs log in, target, job, run and results")
    func generatedClientFlow() async throws {
        let generator = Self.generator
        try #require(
            FileManager.default.isExecutableFile(atPath: generator),
            "no openapi-python-client at \(generator): scripts/test installs it")
        let python = URL(fileURLWithPath: generator).deletingLastPathComponent().appendingPathComponent("python").path
        let flow = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/client_flow.py"
        ).path
        let ssh = try await SSHServer.start(addresses: ["127.0.6.61"])
        defer { ssh.stop() }
        let directory = UserCommandTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let password = "Client-flow-42x"
        let server = try await CLIProcess(
            workingDirectory: directory, environment: ["ENABLEDRM_ADMIN_PASSWORD": password]
        ).serve()
        defer { server.stop() }
        let (status, document) = try await server.get("/api/v1/openapi.json")
        #expect(status == 200)
        try document.write(toFile: directory + "/openapi.json", atomically: true, encoding: .utf8)

        let generated = try await Blocking.run {
            try Shell.run(
                "cd '\(directory)' && '\(generator)' generate --path openapi.json --output-path client --meta none")
        }
        let output = try await Blocking.run {
            try Shell.run(
                "'\(python)' '\(flow)' '\(directory)' 'http://127.0.0.1:\(server.port)' '\(password)' "
                    + "'\(ssh.addresses[0])' \(ssh.port) '\(ssh.username)' '\(ssh.password)' "
                    + "'\(ssh.hostPublicKey.trimmingCharacters(in: .whitespacesAndNewlines))'")
        }

        #expect(FileManager.default.fileExists(atPath: directory + "/client/api/default/post_api_v1_jobs.py"))
        #expect(!generated.contains("Unable to"), "\(generated)")
        #expect(
            output.contains("client flow: ") && output.contains("completed, output 'hello from client-1\\n'"),
            "\(output)")
    }
}
