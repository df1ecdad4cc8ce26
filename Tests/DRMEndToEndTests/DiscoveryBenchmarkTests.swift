import DRMTestSupport
import Foundation
import Testing

/// The discovery benchmark against Debian's nmap, on loopback only: the lab (real servers) and an empty /24 × 100
/// ports. Runs when ENABLEDRM_DISCOVERY_BENCH=1 (Benchmarks/discovery/run sets it after installing nmap); prints a
/// Markdown table. Each figure is the median wall time of several runs of the whole command (process included).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["ENABLEDRM_DISCOVERY_BENCH"] == "1"))
struct DiscoveryBenchmarkTests {
    static let runs = 5

    @Test func sweepAndIdentificationAgainstNmap() async throws {
        let lab = try await DiscoveryLab.start()
        defer { lab.stop() }
        let cli = try CLIProcess(workingDirectory: FileManager.default.temporaryDirectory.path)
        let ports = lab.ports.map(String.init).joined(separator: ",")
        let labTargets = ["\(lab.subnet).1-20", "127.0.0.1"]
        var rows: [String] = []

        // The lab: our sweep with identification, nmap -sT, nmap -sT -sV.
        var ours: [Double] = []
        var oursRight = 0
        for _ in 0..<Self.runs {
            let outcome = try await cli.run(
                "discover", "--range", lab.range, "--ports", ports, "--timeout", "2000", "--format", "json")
            ours.append(outcome.seconds)
            oursRight = Self.rightServices(ours: outcome.stdout, lab: lab)
        }
        let nmapConnect = try Self.timed(runs: Self.runs) {
            try Self.nmap(["-sT", "-Pn", "-n", "-p", ports, "-oG", "-"] + labTargets)
        }
        var nmapRight = 0
        let nmapVersion = try Self.timed(runs: 1) {
            let output = try Self.nmap(["-sT", "-Pn", "-n", "-sV", "-p", ports, "-oG", "-"] + labTargets)
            nmapRight = Self.rightServices(nmap: output, lab: lab)
        }
        let expected = lab.services.values.map(\.count).reduce(0, +)
        rows.append("| lab: ours (sweep + identification) | \(Self.ms(ours)) | \(oursRight)/\(expected) |")
        rows.append("| lab: nmap -sT -Pn | \(Self.ms(nmapConnect)) | (no names) |")
        rows.append("| lab: nmap -sT -Pn -sV | \(Self.ms(nmapVersion)) | \(nmapRight)/\(expected) |")

        // An empty /24 × 100 ports.
        let empty = "127.92.\(Int.random(in: 1...250)).0/24"
        var oursEmpty: [Double] = []
        for _ in 0..<Self.runs {
            let outcome = try await cli.run("discover", "--range", empty, "--ports", "1-100", "--format", "json")
            #expect(outcome.status == 0)
            oursEmpty.append(outcome.seconds)
        }
        let nmapEmpty = try Self.timed(runs: Self.runs) {
            try Self.nmap(["-sT", "-Pn", "-n", "-p", "1-100", "-oG", "-", empty])
        }
        rows.append("| empty /24 × 100: ours | \(Self.ms(oursEmpty)) | |")
        rows.append("| empty /24 × 100: nmap -sT -Pn | \(Self.ms(nmapEmpty)) | |")
        let table = (["| run | median wall time | services named right |", "|---|---|---|"] + rows)
            .joined(separator: "\n")
        print("\n" + table + "\n")
        try? table.write(toFile: "/tmp/enabledrm-discovery-bench.md", atomically: true, encoding: .utf8)
        #expect(oursRight == expected)
    }

    static func ms(_ times: [Double]) -> String {
        let sorted = times.sorted()
        return String(format: "%.0f ms", sorted[sorted.count / 2] * 1000) + " (n=\(times.count))"
    }

    static func timed(runs: Int, _ body: () throws -> Void) throws -> [Double] {
        try (0..<runs).map { _ in
            let start = Date()
            try body()
            return Date().timeIntervalSince(start)
        }
    }

    @discardableResult
    static func nmap(_ arguments: [String]) throws -> String {
        try Shell.run((["nmap"] + arguments).map { "'\($0)'" }.joined(separator: " "))
    }

    /// Lab ports whose name in our JSON is the lab's.
    static func rightServices(ours json: String, lab: DiscoveryLab) -> Int {
        guard let hosts = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else { return 0 }
        var right = 0
        for host in hosts {
            guard let ip = host["ip"] as? String, let services = host["services"] as? [String: String] else { continue }
            for (port, name) in lab.services[ip] ?? [:] where services["\(port)"] == name { right += 1 }
        }
        return right
    }

    /// Lab ports whose nmap -sV name (grepable output; `ssl|http` counts as https, `tcpwrapped`/empty as unknown)
    /// is the lab's.
    static func rightServices(nmap output: String, lab: DiscoveryLab) -> Int {
        var right = 0
        for line in output.split(separator: "\n") where line.hasPrefix("Host:") && line.contains("Ports:") {
            let ip = String(line.split(separator: " ")[1])
            guard let portsField = line.components(separatedBy: "Ports: ").last else { continue }
            for entry in portsField.components(separatedBy: ", ") {
                let fields = entry.components(separatedBy: "/")
                guard fields.count > 4, let port = Int(fields[0].trimmingCharacters(in: .whitespaces)),
                    fields[1] == "open", let expected = lab.services[ip]?[port]
                else { continue }
                var name = fields[4]
                if name == "ssl|http" || name == "ssl|https" { name = "https" }
                if name.isEmpty || name == "tcpwrapped" { name = "unknown" }
                if name == expected { right += 1 }
            }
        }
        return right
    }
}
