public import DRMCore
import DRMStore
public import FluentKit
public import Foundation

/// The review of a stored run: each device compared with the inventory (new, changed, known) and the targets of the
/// swept range that didn't answer (gone); accepting or ignoring devices; importing them (``importDevices``).
public struct DiscoveryReview: Sendable {
    /// A target of the swept range that answered on no port.
    public struct GoneTarget: Sendable, Hashable {
        public var id: Int
        public var name: String
        public var address: String
    }

    public let database: any Database
    public let vault: CredentialVault
    public let audit: AuditTrail
    public var now: @Sendable () -> Date

    public init(
        database: any Database, vault: CredentialVault, audit: AuditTrail,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.database = database
        self.vault = vault
        self.audit = audit
        self.now = now
    }

    /// The devices of run `runID` in address order, compared with the inventory, filtered and paged.
    public func devices(
        of runID: Int, inventory: InventoryStatus? = nil, review: DeviceReviewState? = nil, page: Int = 1,
        perPage: Int = 100
    ) async throws -> (items: [DiscoveryDeviceRecord], total: Int) {
        let all = try await compared(runID, on: database)
        let kept = all.filter {
            (inventory == nil || $0.inventory == inventory) && (review == nil || $0.reviewState == review)
        }
        let start = min(kept.count, max(0, page - 1) * perPage)
        return (Array(kept[start..<min(kept.count, start + perPage)]), kept.count)
    }

    /// One device of run `runID`.
    public func device(_ id: Int, of runID: Int) async throws -> DiscoveryDeviceRecord {
        guard let found = try await compared(runID, on: database).first(where: { $0.id == id }) else {
            throw DiscoveryError.notFound("device \(id) of run \(runID)")
        }
        return found
    }

    /// Active targets with a method address inside the run's range that answered on no port (only for an ended
    /// run: a running one hasn't looked everywhere yet).
    public func gone(of runID: Int) async throws -> [GoneTarget] {
        let run = try await DiscoveryRuns(database: database, audit: audit).detail(runID)
        guard run.status == .completed, let range = try? run.request.plan().range else { return [] }
        let devices = try await compared(runID, on: database)
        let seen = Set(devices.compactMap(\.targetID))
        let index = try await InventoryIndex.load(on: database)
        var gone: [GoneTarget] = []
        for entry in index.entries.values.sorted(by: { $0.name < $1.name }) where !seen.contains(entry.id) {
            let inside = entry.hosts.sorted().first { host in
                guard let number = IPAddressNumber(host), !range.isExcluded(host) else { return false }
                return range.contains(number)
            }
            if let inside { gone.append(GoneTarget(id: entry.id, name: entry.name, address: inside)) }
        }
        return gone
    }

    /// Marks devices of run `runID` accepted or ignored (an imported device stays imported: a conflict).
    public func decide(_ ids: [Int], of runID: Int, as state: DeviceReviewState) async throws {
        guard state == .accepted || state == .ignored || state == .pending else {
            throw DiscoveryError.invalid(field: "state", message: "must be pending, accepted or ignored")
        }
        guard !ids.isEmpty else { throw DiscoveryError.invalid(field: "device_ids", message: "must name a device") }
        try await database.transaction { db in
            let rows = try await DiscoveredDevice.query(on: db).filter(\.$discoveryJobID == runID)
                .filter(\.$id ~~ ids).all()
            let found = Set(rows.compactMap(\.id))
            if let missing = ids.first(where: { !found.contains($0) }) {
                throw DiscoveryError.notFound("device \(missing) of run \(runID)")
            }
            if let imported = rows.first(where: { $0.reviewState == DeviceReviewState.imported.rawValue }) {
                throw DiscoveryError.conflict(
                    field: "device_ids", message: "device \(imported.id ?? 0) has been imported already")
            }
            for row in rows {
                row.reviewState = state.rawValue
                try await row.save(on: db)
            }
            try await audit.record(
                .discoveryReviewed, resource: ("discovery_job", String(runID)),
                details: ["state": .string(state.rawValue), "device_ids": .array(ids.map { .number(Double($0)) })],
                on: db)
        }
    }

    /// The devices of run `runID`, compared with the inventory and with the previous run that saw each.
    func compared(_ runID: Int, on db: any Database) async throws -> [DiscoveryDeviceRecord] {
        guard try await DiscoveryJob.find(runID, on: db) != nil else { throw DiscoveryError.notFound("run \(runID)") }
        let rows = try await DiscoveredDevice.query(on: db).filter(\.$discoveryJobID == runID).sort(\.$id).all()
        let index = try await InventoryIndex.load(on: db)
        var records: [DiscoveryDeviceRecord] = []
        for row in rows {
            var record = try DiscoveryDeviceRecord(row)
            if let imported = row.targetID, let entry = index.entries[imported] {
                record.targetName = entry.name
                record.inventory = .known
                record.matchedBy = "import"
            } else if let (entry, by) = index.match(record.host) {
                record.targetID = entry.id
                record.targetName = entry.name
                record.matchedBy = by
                record.changes = try await changes(record.host, row: row, target: entry, on: db)
                record.inventory = record.changes.isEmpty ? .known : .changed
            }
            records.append(record)
        }
        return records.sorted { lhs, rhs in
            let (l, r) = (IPAddressNumber(lhs.host.address), IPAddressNumber(rhs.host.address))
            if let l, let r, l != r { return l < r }
            return lhs.id < rhs.id
        }
    }

    /// What differs from the target's pinned key and from the latest earlier run's device of the same identity.
    func changes(_ host: DiscoveredHost, row: DiscoveredDevice, target: InventoryIndex.Entry, on db: any Database)
        async throws -> [String]
    {
        var changes: [String] = []
        if let key = host.services.lazy.compactMap({ $0.details["ssh_host_key_fingerprint"] }).first,
            !target.keys.isEmpty, !target.keys.contains(key)
        {
            changes.append("SSH host key \(key) is not the one pinned on \(target.name)")
        }
        let previous = try await DiscoveredDevice.query(on: db).filter(\.$identity == row.identity)
            .filter(\.$discoveryJobID < row.discoveryJobID).sort(\.$discoveryJobID, .descending).first()
        guard let previous, let before = try? (previous.rawData ?? .null).decoded(as: DiscoveredHost.self) else {
            return changes
        }
        let old = Dictionary(uniqueKeysWithValues: before.services.map { ($0.port, $0.service) })
        let new = Dictionary(uniqueKeysWithValues: host.services.map { ($0.port, $0.service) })
        for port in Set(old.keys).union(new.keys).sorted() {
            switch (old[port], new[port]) {
            case (nil, let now?): changes.append("port \(port) opened (\(now.rawValue))")
            case (let was?, nil): changes.append("port \(port) closed (was \(was.rawValue))")
            case (let was?, let now?) where was != now:
                changes.append("port \(port) now \(now.rawValue), was \(was.rawValue)")
            default: break
            }
        }
        return changes
    }
}
