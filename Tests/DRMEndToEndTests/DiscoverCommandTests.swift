import DRMTestSupport
import Foundation
import Testing

/// `enabledrm discover`: the JSON contract against real servers on loopback, and exit 2 naming the option.
@Suite struct DiscoverCommandTests {
    @Test func jsonListsHostsWithOpenPortsAndLowerCaseServiceNames() async throws {
        let subnet = "127.91.\(Int.random(in: 1...250))"
        let http = try await HTTPTestServer.start(host: "\(subnet).2")
        defer { http.stop() }
        let redis = try await ScriptedResponder.redis(host: "\(subnet).3")
        defer { redis.stop() }
        let cli = try CLIProcess(workingDirectory: FileManager.default.temporaryDirectory.path)
        let outcome = try await cli.run(
            "discover", "--range", "\(subnet).1-4", "--ports", "\(http.port),6379", "--timeout", "2000", "--format",
            "json")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let hosts = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        #expect(hosts.map { $0["ip"] as? String } == ["\(subnet).2", "\(subnet).3"])
        #expect(hosts[0]["open_ports"] as? [Int] == [http.port])
        #expect(hosts[0]["services"] as? [String: String] == ["\(http.port)": "http"])
        #expect(hosts[0]["device_type"] as? String == "web server")
        #expect(hosts[0].keys.contains("hostname"))
        #expect(hosts[0]["details"] is [String: Any])
        #expect(hosts[1]["services"] as? [String: String] == ["6379": "redis"])
        #expect(hosts[1]["device_type"] as? String == "database")
    }

    @Test(
        arguments: [
            (["--range", "10.0.0.0/33"], "--range"), (["--range", "fd00::/64"], "--range"),
            (["--range", "127.0.0.1", "--ports", "70000"], "--ports"),
            (["--range", "127.0.0.1", "--ports", "0"], "--ports"),
            (["--range", ""], "--range"), (["--range", "127.0.0.1", "--concurrency", "x"], "--concurrency"),
            (["--range", "127.0.0.1", "--timeout", "0"], "--timeout"),
            (["--range", "127.0.0.1", "--format", "xml"], "--format"),
            (["--range", "127.0.0.1", "--exclude", "127.0.0.0/24"], "--range"), ([], "--range"),
        ] as [([String], String)])
    func badInputExitsTwoNamingTheOption(arguments: [String], option: String) async throws {
        let cli = try CLIProcess(workingDirectory: FileManager.default.temporaryDirectory.path)
        let outcome = try await cli.run(
            ["discover"] + arguments + (arguments.contains("--format") ? [] : ["--format", "json"]))
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("\(option):"), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }
}
