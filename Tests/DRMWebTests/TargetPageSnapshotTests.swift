import DRMCore
import DRMStore
import Foundation
import SnapshotTesting
import Testing

@testable import DRMEngine
@testable import DRMWeb

/// The targets list and a target's page pinned as snapshots: each view is a pure function of its model, drawn here
/// for models with pinned ids, serials and clocks.
@Suite struct TargetPageSnapshotTests {
    static let pinned = PageSnapshotTests.pinned
    static let csrf = PageSnapshotTests.csrf
    static let pinnedKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJFgtZsULQrGrexxyNJ7cUJsB4rYFvocqvCXdIZaUAMT"
    static let offeredKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHLSB40jO/lboiQUKiQKbeRF34vuM9cVNgjwW5O0zL2C"

    /// A target `name` with id `id`, one ssh method (id `id * 10`) on `host`, tested or not.
    static func record(_ id: Int, _ name: String, host: String, tested: Bool?, hostKey: String? = nil) -> TargetRecord {
        let target = Target()
        target.id = id
        target.targetUUID = UUID(uuidString: "00000000-0000-0000-0000-00000000000\(id % 10)")!
        target.targetSerial = "T2026000000\(id)"
        target.setName(name)
        target.targetType = "system"
        target.osType = "linux"
        target.environment = "production"
        target.isActive = true
        target.status = "active"
        target.healthStatus = tested == false ? "unhealthy" : "healthy"
        target.tags = ["web", "rack <1>"]
        target.createdAt = pinned
        let method = CommunicationMethod()
        method.id = id * 10
        method.targetID = id
        method.methodType = "ssh"
        method.methodName = "ssh"
        method.isPrimary = true
        method.isActive = true
        method.config = ["host": .string(host), "port": 22, "host_key_policy": "pinned"]
        method.hostKey = hostKey
        method.lastTestSuccess = tested
        if tested != nil { method.lastTestedAt = pinned }
        if tested == true { method.lastTestLatencyMS = 12 }
        if tested == false {
            method.lastTestCategory = "host_key"
            method.lastTestMessage = "the server offered another host key"
        }
        return TargetRecord(target: target, methods: [MethodRecord(method: method, credential: nil)])
    }

    static func listModel(role: UserRole) -> TargetsPage.Model {
        TargetsPage.Model(
            filterText: "tag=web", text: "", problem: nil,
            records: [
                record(1, "web-1", host: "10.0.0.1", tested: true, hostKey: pinnedKey),
                record(2, "web-10 <b>", host: "10.0.0.10", tested: nil),
            ], total: 52, page: 1, perPage: 50, role: role)
    }

    @Test("the targets page as an administrator sees it: bulk, import and create forms, test and delete buttons")
    func targetsPageForAdministrator() throws {
        let html = try TargetsPage.View(model: Self.listModel(role: .administrator), csrf: Self.csrf).body.text
        #expect(html.contains("web-10 &lt;b&gt;"), "names are escaped")
        assertSnapshot(of: html, as: .lines)
    }

    @Test("the targets page as a guest sees it: the list only")
    func targetsPageForGuest() throws {
        let html = try TargetsPage.View(model: Self.listModel(role: .guest), csrf: Self.csrf).body.text
        #expect(!html.contains("<form method=\"post\""))
        assertSnapshot(of: html, as: .lines)
    }

    static func editModel(role: UserRole) -> TargetEditPage.Model {
        let record = record(3, "db-1", host: "10.0.0.3", tested: false, hostKey: pinnedKey)
        let entry = HostKeyReview.Entry(
            targetID: 3, targetName: "db-1", methodID: 30, endpoint: "10.0.0.3:22", pinned: pinnedKey,
            pinnedFingerprint: KeyFingerprint.ofPublicKeyLine(pinnedKey), offered: offeredKey,
            offeredFingerprint: KeyFingerprint.ofPublicKeyLine(offeredKey), testedAt: pinned, state: .changed)
        return TargetEditPage.Model(record: record, deviceTypes: ["router", "server"], hostKeys: [entry], role: role)
    }

    @Test("a target's page as an administrator sees it: the edit form and the host key forms")
    func targetPageForAdministrator() throws {
        let html = try TargetEditPage.View(model: Self.editModel(role: .administrator), csrf: Self.csrf).body.text
        #expect(html.contains("data-key-action=\"accept\"") && html.contains("data-key-action=\"forget\""))
        assertSnapshot(of: html, as: .lines)
    }

    @Test("a target's page as a manager sees it: the edit form, the keys side by side, no key forms")
    func targetPageForManager() throws {
        let html = try TargetEditPage.View(model: Self.editModel(role: .manager), csrf: Self.csrf).body.text
        #expect(!html.contains("data-key-action"))
        #expect(html.contains("<button>Save</button>"))
        assertSnapshot(of: html, as: .lines)
    }
}
