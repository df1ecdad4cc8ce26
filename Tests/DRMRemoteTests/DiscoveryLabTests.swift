import DRMCore
import DRMRemote
import DRMTestSupport
import Foundation
import Synchronization
import Testing

/// Discovery against the loopback lab: real sshd, PostgreSQL, HTTP, HTTPS and SMTP servers, Redis, telnet, a
/// printer page, HTTP on 5432, a silent port and closed addresses.
@Suite(.serialized) struct DiscoveryLabTests {
    @Test func findsEveryOpenPortNamesEveryServiceAndClassifiesEveryHost() async throws {
        let lab = try await DiscoveryLab.start()
        defer { lab.stop() }
        let plan = try SweepPlan.validate(
            range: lab.range, ports: lab.ports.map(String.init).joined(separator: ","), timeoutMS: 2000)
        let progress = ProgressLog()
        let report = await NetworkScanner(plan: plan, resolveNames: false).run { progress.add($0) }

        // Only the lab's own ports on 127.0.0.1 are checked (other tests may listen there).
        let found = Dictionary(uniqueKeysWithValues: report.hosts.map { ($0.address, $0) })
        for (address, expected) in lab.services {
            let host = try #require(found[address], "\(address) not found")
            let ports = address == "127.0.0.1" ? host.openPorts.filter { $0 == lab.postgresPort } : host.openPorts
            #expect(ports == expected.keys.sorted(), "open ports of \(address)")
            for (port, name) in expected {
                let observation = host.services.first { $0.port == port }
                #expect(observation?.service.rawValue == name, "\(address):\(port) \(String(describing: observation))")
            }
            if address != "127.0.0.1" {
                #expect(host.classification.deviceClass?.rawValue == lab.classes[address]!, "class of \(address)")
            }
        }
        // Nothing invented: no other address of the lab's /24 answered.
        let labHosts = Set(report.hosts.map(\.address).filter { $0.hasPrefix(lab.subnet + ".") })
        #expect(labHosts == Set(lab.services.keys.filter { $0 != "127.0.0.1" }))
        #expect(report.addressesSwept == 21)
        #expect(report.unanswered == 0)

        // Facts: the SSH host key as sshd has it, the certificate of the HTTPS server, the page of the printer.
        let ssh = try #require(found[lab.sshAddress]?.services.first)
        #expect(ssh.details["ssh_host_key"] == lab.sshHostKey)
        #expect(ssh.product?.hasPrefix("OpenSSH") == true)
        let https = try #require(found[lab.address(4)]?.services.first)
        #expect(https.details["tls_subject"]?.contains(TestCertificate.commonName) == true)
        #expect(https.details["tls_fingerprint"]?.hasPrefix("SHA256:") == true)
        #expect(found[lab.address(8)]?.services.first?.details["http_title"] == "HP LaserJet Pro M404dn")
        #expect(found[lab.address(5)]?.services.first?.details["smtp_extensions"]?.contains("STARTTLS") == true)
        #expect(found[lab.address(7)]?.services.first?.details["telnet_prompt"] == "Username:")
        #expect(found[lab.address(1)]?.classification.suggestedMethods == ["ssh"])
        #expect(
            found["127.0.0.1"]?.services.first { $0.port == lab.postgresPort }?.details["postgresql_startup"] != nil)

        // Progress reached the end of both stages.
        #expect(progress.sweptAll)
        #expect(progress.identifiedAll)
    }

    @Test func cancellingStopsTheSweep() async throws {
        let plan = try SweepPlan.validate(
            range: "127.89.0.0/16", ports: "1-5", rate: 2000, allowLarge: true)
        let task = Task { await NetworkScanner(plan: plan, resolveNames: false).run() }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let report = await task.value
        #expect(report.cancelled)
        #expect(report.attempts < plan.attempts)
    }

    @Test func rateCapSpacesAttempts() async throws {
        let plan = try SweepPlan.validate(range: "127.90.0.1-50", ports: "1", rate: 100)
        let clock = ContinuousClock()
        let start = clock.now
        let result = await PortSweeper(plan: plan).run()
        // 50 attempts at 100 per second take at least about half a second (a lower bound: the cap works).
        #expect(clock.now - start >= .milliseconds(400))
        #expect(result.attempts == 50)
    }
}

final class ProgressLog: Sendable {
    private let events = SharedEvents()
    func add(_ event: DiscoveryProgress) { events.append(event) }
    var sweptAll: Bool {
        events.all.contains {
            if case .sweeping(let p) = $0 { return p.done == p.total && p.total > 0 } else { return false }
        }
    }
    var identifiedAll: Bool {
        events.all.contains {
            if case .identifying(let done, let total) = $0 { return done == total && total > 0 } else { return false }
        }
    }
}

final class SharedEvents: Sendable {
    private let list = Mutex<[DiscoveryProgress]>([])
    func append(_ event: DiscoveryProgress) { list.withLock { $0.append(event) } }
    var all: [DiscoveryProgress] { list.withLock { $0 } }
}
