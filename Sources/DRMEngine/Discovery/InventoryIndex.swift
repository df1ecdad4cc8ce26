import DRMCore
import DRMStore
import FluentKit
import Foundation

/// The active targets as discovery matches devices against them: by pinned SSH host key (its fingerprint), and by
/// the address of each method.
struct InventoryIndex {
    struct Entry: Hashable {
        var id: Int
        var name: String
        /// Pinned SSH host-key fingerprints of the target's methods.
        var keys: Set<String>
        /// Hosts of its methods, lower case.
        var hosts: Set<String>
    }

    var entries: [Int: Entry] = [:]
    var byKey: [String: Int] = [:]
    var byHost: [String: Int] = [:]

    static func load(on db: any Database) async throws -> InventoryIndex {
        var index = InventoryIndex()
        let targets = try await Target.query(on: db).filter(\.$isActive == true).all()
        for target in targets {
            guard let id = target.id else { continue }
            index.entries[id] = Entry(id: id, name: target.name, keys: [], hosts: [])
        }
        guard !index.entries.isEmpty else { return index }
        for method in try await TargetInventory.methods(of: Array(index.entries.keys), on: db) {
            guard index.entries[method.targetID] != nil else { continue }
            if let config = try? CommunicationMethodConfig.decode(methodType: method.methodType, config: method.config)
            {
                let host = config.host.lowercased()
                index.entries[method.targetID]!.hosts.insert(host)
                if index.byHost[host] == nil { index.byHost[host] = method.targetID }
            }
            if let line = method.hostKey, let fingerprint = KeyFingerprint.ofPublicKeyLine(line) {
                index.entries[method.targetID]!.keys.insert(fingerprint)
                if index.byKey[fingerprint] == nil { index.byKey[fingerprint] = method.targetID }
            }
        }
        return index
    }

    /// The target a host matches and how: its SSH host key first, then its address.
    func match(_ host: DiscoveredHost) -> (entry: Entry, by: String)? {
        let key = host.services.lazy.compactMap { $0.details["ssh_host_key_fingerprint"] }.first
        if let key, let id = byKey[key], let entry = entries[id] { return (entry, "ssh_host_key") }
        if let id = byHost[host.address.lowercased()], let entry = entries[id] { return (entry, "address") }
        if let name = host.hostname?.lowercased(), let id = byHost[name], let entry = entries[id] {
            return (entry, "address")
        }
        return nil
    }
}
