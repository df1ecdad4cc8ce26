import DRMCore
import DRMStore
import Foundation
import SnapshotTesting
import Testing

@testable import DRMEngine
@testable import DRMWeb

/// The discovery pages pinned as snapshots: the runs with the start form, and a run's review (a new host, a changed
/// known one, a target gone) as a manager, a user and a guest see them.
@Suite struct DiscoveryPageSnapshotTests {
    static let pinned = Date(timeIntervalSince1970: 1_780_000_000)

    static func run(_ status: DiscoveryRunStatus, progress: Int = 0) throws -> DiscoveryRunRecord {
        let row = DiscoveryJob()
        row.id = 3
        row.discoveryUUID = UUID(uuidString: "00000000-0000-0000-0000-000000000003")!
        row.discoverySerial = "DISC-3"
        row.name = "lab <net>"
        row.targetRange = "127.88.1.1-20"
        row.discoveryConfig = try JSONValue(
            encoding: DiscoveryRequest(range: "127.88.1.1-20", ports: "22,80", resolveNames: false))
        row.discoveryType = "network_scan"
        row.status = status.rawValue
        row.createdBy = 1
        row.createdAt = pinned
        row.completedAt = status.isTerminal ? pinned : nil
        row.discoveredCount = 2
        row.phase = status.isTerminal ? nil : "sweeping"
        row.progressDone = progress
        row.progressTotal = 40
        row.openPortCount = 2
        row.cancelRequested = false
        return try DiscoveryRunRecord(row)
    }

    static func device(_ id: Int, _ host: DiscoveredHost) throws -> DiscoveryDeviceRecord {
        let row = try DiscoveryRunner.device(host, run: 3, at: pinned)
        row.id = id
        return try DiscoveryDeviceRecord(row)
    }

    static func runModel(_ role: UserRole, status: DiscoveryRunStatus = .completed) throws -> DiscoveryPage.RunModel {
        let ssh = try device(
            1,
            DiscoveredHost(
                address: "127.88.1.1", hostname: nil,
                services: [
                    ServiceObservation(
                        port: 22, service: .ssh, product: "OpenSSH_9.2p1 Debian-2",
                        details: ["ssh_host_key_fingerprint": "SHA256:abc"])
                ]))
        var web = try device(
            2,
            DiscoveredHost(
                address: "127.88.1.3", hostname: "web.lab",
                services: [ServiceObservation(port: 80, service: .http, product: "nginx/1.22.1")]))
        web.inventory = .changed
        web.targetID = 9
        web.targetName = "web-1"
        web.changes = ["port 80 opened (http)"]
        return DiscoveryPage.RunModel(
            run: try run(status, progress: 10), devices: status.isTerminal ? [ssh, web] : [],
            gone: [DiscoveryReview.GoneTarget(id: 4, name: "old-box", address: "127.88.1.15")], role: role)
    }

    @Test("the runs page with the start form and a template")
    func runsPage() throws {
        let template = DiscoveryTemplate()
        template.id = 1
        template.name = "lab"
        template.templateConfig = try JSONValue(encoding: DiscoveryRequest(range: "127.88.1.0/24"))
        template.createdBy = 1
        let model = DiscoveryPage.Model(
            runs: [try Self.run(.completed), try Self.run(.running, progress: 10)], total: 2,
            templates: [try DiscoveryTemplateRecord(template)], role: .user)
        assertSnapshot(of: DiscoveryPage.View(model: model, csrf: PageSnapshotTests.csrf).body.text, as: .lines)
    }

    @Test("a run's review as a manager, a user and a guest see it", arguments: [UserRole.manager, .user, .guest])
    func runPage(role: UserRole) throws {
        let view = DiscoveryPage.RunView(model: try Self.runModel(role), csrf: PageSnapshotTests.csrf)
        assertSnapshot(of: view.body.text, as: .lines, named: role.rawValue)
    }

    @Test("a running run shows its progress and a cancel button")
    func runningRun() throws {
        let view = DiscoveryPage.RunView(
            model: try Self.runModel(.user, status: .running), csrf: PageSnapshotTests.csrf)
        #expect(view.body.text.contains("<progress max=\"100\" value=\"25\">"))
        assertSnapshot(of: view.body.text, as: .lines)
    }
}
