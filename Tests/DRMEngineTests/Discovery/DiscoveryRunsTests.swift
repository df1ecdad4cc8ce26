import DRMCore
import DRMRemote
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Stored discovery runs against the loopback lab, on SQLite and PostgreSQL: a run is a task on the queue, its hosts
/// are stored with their services and classes, the review compares them with the inventory (new, known, changed,
/// gone), and an import makes targets with the methods the services suggest.
@Suite(.serialized) struct DiscoveryRunsTests {
    @Test(
        "a run finds the lab, the review tells new from known, import makes targets", arguments: SchemaDialect.allCases)
    func runReviewImport(dialect: SchemaDialect) async throws {
        let lab = try await DiscoveryLab.start()
        defer { lab.stop() }
        try await DiscoveryWorld.with(dialect) { world in
            // The inventory before: the lab's web server by address, and a target on a closed lab address.
            let web = lab.address(3)
            let webPort = try #require(lab.services[web]?.keys.first)
            _ = try await world.inventory.create(
                TargetDraft(
                    name: "known-web",
                    methods: [
                        MethodDraft(methodType: "rest_api", config: ["base_url": .string("http://\(web):\(webPort)")])
                    ]))
            _ = try await world.inventory.create(
                TargetDraft(
                    name: "gone-box",
                    methods: [MethodDraft(methodType: "ssh", config: ["host": .string(lab.address(15))])]))

            let run = try await world.run(DiscoveryWorld.labRequest(lab))
            #expect(run.status == .completed)
            #expect(run.progressDone == run.progressTotal && run.progressTotal > 0)

            // Every lab host stored with every service named right; nothing invented in the lab's /24.
            let (devices, total) = try await world.review.devices(of: run.id)
            #expect(total == devices.count)
            let byAddress = Dictionary(uniqueKeysWithValues: devices.map { ($0.host.address, $0) })
            for (address, expected) in lab.services {
                let device = try #require(byAddress[address], "\(address) not stored")
                for (port, name) in expected {
                    #expect(
                        device.host.services.first { $0.port == port }?.service.rawValue == name, "\(address):\(port)")
                }
            }
            let labHosts = Set(devices.map(\.host.address).filter { $0.hasPrefix(lab.subnet + ".") })
            #expect(labHosts == Set(lab.services.keys.filter { $0 != "127.0.0.1" }))
            #expect(run.hostsFound == devices.count)

            // Review: the known web server, new others, the silent target gone.
            #expect(byAddress[web]?.inventory == .known)
            #expect(byAddress[web]?.targetName == "known-web")
            #expect(byAddress[lab.sshAddress]?.inventory == .new)
            let gone = try await world.review.gone(of: run.id)
            #expect(gone.map(\.name) == ["gone-box"])
            let new = try await world.review.devices(of: run.id, inventory: .new)
            #expect(!new.items.contains { $0.host.address == web })

            // Import the SSH host: an ssh method on its port with the host key it showed, no credential.
            let ssh = try #require(byAddress[lab.sshAddress])
            let imported = try await world.review.importDevices(
                [DiscoveryImportSelection(deviceID: ssh.id, name: "lab-ssh", tags: ["discovered"])], of: run.id)
            let target = try #require(imported.first)
            #expect(target.target.name == "lab-ssh")
            #expect(target.tags == ["discovered"])
            #expect(target.target.deviceType == "linux")
            #expect(target.methods.map(\.method.methodType) == ["ssh"])
            #expect(
                target.methods[0].method.hostKey
                    == lab.sshHostKey.split(separator: " ").prefix(2).joined(separator: " "))
            #expect(target.methods[0].credential == nil)
            let after = try await world.review.device(ssh.id, of: run.id)
            #expect(after.reviewState == .imported)
            #expect(after.targetID == target.target.id)
            let actions = try await AuditEvent.query(on: world.db).all().map(\.action)
            #expect(actions.contains("discovery.import"))
            #expect(actions.contains("discovery.run"))

            // De-duplication: the known web server, the imported host again, no selection.
            let known = try #require(byAddress[web])
            await #expect(
                throws: DiscoveryError.conflict(
                    field: "devices.0.device_id", message: "\(web) is already the target 'known-web'")
            ) {
                _ = try await world.review.importDevices([DiscoveryImportSelection(deviceID: known.id)], of: run.id)
            }
            await #expect(throws: DiscoveryError.self) {
                _ = try await world.review.importDevices([DiscoveryImportSelection(deviceID: ssh.id)], of: run.id)
            }
            await #expect(throws: DiscoveryError.invalid(field: "devices", message: "must select at least one device"))
            {
                _ = try await world.review.importDevices([], of: run.id)
            }
            // A method the services don't suggest is refused by name; nothing is stored on a refused import.
            let redis = try #require(byAddress[lab.address(6)])
            let smtp = try #require(byAddress[lab.address(5)])
            let targetsBefore = try await Target.query(on: world.db).count()
            await #expect(throws: DiscoveryError.self) {
                _ = try await world.review.importDevices(
                    [DiscoveryImportSelection(deviceID: smtp.id), DiscoveryImportSelection(deviceID: redis.id)],
                    of: run.id)
            }
            #expect(try await Target.query(on: world.db).count() == targetsBefore)
            #expect(try await world.review.device(smtp.id, of: run.id).reviewState == .pending)

            // Ignore: an ignored device isn't imported.
            let telnet = try #require(byAddress[lab.address(7)])
            try await world.review.decide([telnet.id], of: run.id, as: .ignored)
            #expect(try await world.review.devices(of: run.id, review: .ignored).items.map(\.id) == [telnet.id])
            await #expect(throws: DiscoveryError.self) {
                _ = try await world.review.importDevices([DiscoveryImportSelection(deviceID: telnet.id)], of: run.id)
            }
        }
    }

    @Test(
        "a second run after a change in the lab shows the imported host as changed", arguments: SchemaDialect.allCases)
    func changedAfterRerun(dialect: SchemaDialect) async throws {
        let lab = try await DiscoveryLab.start()
        defer { lab.stop() }
        try await DiscoveryWorld.with(dialect) { world in
            let first = try await world.run(DiscoveryWorld.labRequest(lab))
            let ssh = try #require(
                try await world.review.devices(of: first.id).items.first { $0.host.address == lab.sshAddress })
            _ = try await world.review.importDevices([DiscoveryImportSelection(deviceID: ssh.id)], of: first.id)

            // The change: a web page starts on the SSH host's address.
            let page = try await ScriptedResponder.httpPage(
                host: lab.sshAddress, port: 0, server: "nginx/1.22.1", body: "<html><title>new</title></html>")
            defer { page.stop() }
            let second = try await world.run(DiscoveryWorld.labRequest(lab, extraPorts: [page.port]))
            let again = try #require(
                try await world.review.devices(of: second.id).items.first { $0.host.address == lab.sshAddress })
            #expect(again.inventory == .changed)
            #expect(again.matchedBy == "ssh_host_key")
            #expect(again.changes == ["port \(page.port) opened (http)"])
            #expect(try await world.review.devices(of: second.id, inventory: .changed).total == 1)
        }
    }
}
