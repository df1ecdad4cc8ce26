import DRMSchema
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// `enabledrm discovery run|list|show|import|ignore` and `discover --save` on a real database, against servers on
/// loopback.
@Suite struct DiscoveryCommandTests {
    @Test func aStoredRunFromSweepToImport() async throws {
        let subnet = "127.98.\(Int.random(in: 1...250))"
        let http = try await HTTPTestServer.start(host: "\(subnet).2")
        defer { http.stop() }
        let redis = try await ScriptedResponder.redis(host: "\(subnet).3")
        defer { redis.stop() }
        try await TestDatabase.with(.sqlite) { database in
            let directory = UserCommandTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let cli = try CLIProcess(
                workingDirectory: directory, environment: ["ENABLEDRM_DATABASE_URL": database.urlString])
            let range = "\(subnet).1-4"
            let ports = "\(http.port),6379"

            let bad = try await cli.run("discovery", "run", "--range", "fd00::/64", "--ports", "22")
            let ran = try await cli.run(
                "discovery", "run", "--range", range, "--ports", ports, "--timeout", "2000", "--format", "json")
            let list = try await cli.run("discovery", "list")
            let show = try await cli.run("discovery", "show", "1", "--format", "json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
            let devices = try #require(object["devices"] as? [[String: Any]])
            let web = try #require(devices.first { $0["ip"] as? String == "\(subnet).2" })
            let store = try #require(devices.first { $0["ip"] as? String == "\(subnet).3" })
            let imported = try await cli.run("discovery", "import", "1", "\(web["id"] as? Int ?? 0)", "--tag", "found")
            let ignored = try await cli.run("discovery", "ignore", "1", "\(store["id"] as? Int ?? 0)")
            let after = try await cli.run("discovery", "show", "1")
            let saved = try await cli.run(
                "discover", "--range", range, "--ports", ports, "--timeout", "2000", "--format", "json", "--save")
            let runs = try await database.sql.raw("SELECT status FROM discovery_jobs ORDER BY id").all()
                .map { try $0.decode(column: "status", as: String.self) }

            #expect(bad.status == 2, "\(bad.stderr)")
            #expect(bad.stderr.contains("range:"), "\(bad.stderr)")
            #expect(ran.status == 0, "\(ran.stderr)")
            #expect(list.stdout.contains("completed"), "\(list.stdout)")
            #expect(devices.count == 2)
            #expect(web["services"] as? [String: String] == ["\(http.port)": "http"])
            #expect(web["inventory_status"] as? String == "new")
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.contains("\(subnet).2"))
            #expect(ignored.status == 0, "\(ignored.stderr)")
            #expect(after.stdout.contains("imported") && after.stdout.contains("ignored"), "\(after.stdout)")
            #expect(saved.status == 0, "\(saved.stderr)")
            #expect(saved.stderr.contains("saved as discovery run 2"), "\(saved.stderr)")
            #expect(runs == ["completed", "completed"])
        }
    }
}
