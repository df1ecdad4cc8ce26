public import DRMCore
import DRMRemote
import DRMStore
public import FluentKit
import Foundation

/// The SSH host keys of targets side by side: the one pinned and the one the server offered in the last
/// connection test, and accepting an offered key for one target or for every target a filter selects (#14 item 3).
/// A key is accepted only as a test saw it, so nobody can pin a key of their own choosing through this path.
public struct HostKeyReview: Sendable {
    /// One SSH method's keys.
    public struct Entry: Sendable, Hashable {
        /// `matches` (the last test saw the pinned key), `changed` (it saw another one), `unpinned`, `untested`.
        public enum State: String, Sendable, Hashable, Codable, CaseIterable {
            case matches, changed, unpinned, untested
        }

        public var targetID: Int
        public var targetName: String
        public var methodID: Int
        public var endpoint: String
        public var pinned: String?
        public var pinnedFingerprint: String?
        public var offered: String?
        public var offeredFingerprint: String?
        public var testedAt: Date?
        public var state: State
    }

    /// A method accepting left as it was, and why.
    public struct Skipped: Sendable, Hashable {
        public var entry: Entry
        public var reason: String
    }

    /// What accepting did.
    public struct Accepted: Sendable, Hashable {
        public var accepted: [Entry] = []
        public var skipped: [Skipped] = []
    }

    public let database: any Database
    public let audit: AuditTrail

    public init(database: any Database, audit: AuditTrail) {
        self.database = database
        self.audit = audit
    }

    /// The SSH methods of `targetIDs`, by target and method id.
    public func entries(targetIDs: [Int]) async throws -> [Entry] {
        guard !targetIDs.isEmpty else { return [] }
        let targets = try await Target.query(on: database).filter(\.$id ~~ targetIDs).all()
        let names = Dictionary(uniqueKeysWithValues: try targets.map { (try $0.requireID(), $0.name) })
        let methods = try await CommunicationMethod.query(on: database).filter(\.$targetID ~~ targetIDs)
            .filter(\.$methodType == CommunicationMethodConfig.MethodType.ssh.rawValue).sort(\.$targetID)
            .sort(\.$id).all()
        return try methods.map { method in try Self.entry(method, name: names[method.targetID] ?? "") }
    }

    static func entry(_ method: CommunicationMethod, name: String) throws -> Entry {
        let config = try? CommunicationMethodConfig.decode(methodType: method.methodType, config: method.config)
        let endpoint = config.map { HostPort($0) }.map { "\($0.host):\($0.port)" } ?? "-"
        let details = method.lastTestDetails
        func detail(_ key: String) -> String? {
            if case .string(let text)? = details?[key], !text.isEmpty { return text }
            return nil
        }
        let mismatch = method.lastTestCategory == ConnectionErrorCategory.hostKey.rawValue
        let offered = mismatch ? detail("presented_key") : detail("host_key")
        let offeredFingerprint = mismatch ? detail("presented_fingerprint") : detail("host_key_fingerprint")
        let pinnedFingerprint = method.hostKey.flatMap { try? SSHPublicKey(openSSH: $0).fingerprint }
        let state: Entry.State =
            if method.hostKey == nil {
                .unpinned
            } else if mismatch, let offeredFingerprint {
                // Accepted since that test: the pinned key is the one it saw.
                offeredFingerprint == pinnedFingerprint ? .matches : .changed
            } else if method.lastTestedAt == nil || offeredFingerprint == nil {
                .untested
            } else {
                offeredFingerprint == pinnedFingerprint ? .matches : .changed
            }
        return Entry(
            targetID: method.targetID, targetName: name, methodID: try method.requireID(), endpoint: endpoint,
            pinned: method.hostKey, pinnedFingerprint: pinnedFingerprint, offered: offered,
            offeredFingerprint: offeredFingerprint, testedAt: method.lastTestedAt, state: state)
    }

    /// Pins, on each SSH method of `targetIDs` whose last test saw another key than the pinned one (or no pinned
    /// one), the key that test saw; audited per method. Others are skipped with the reason.
    /// `methodID` limits it to one method.
    public func acceptOffered(targetIDs: [Int], methodID: Int? = nil) async throws -> Accepted {
        let entries = try await entries(targetIDs: targetIDs).filter { methodID == nil || $0.methodID == methodID }
        return try await database.transaction { db in
            var result = Accepted()
            for entry in entries {
                guard let offered = entry.offered, let fingerprint = entry.offeredFingerprint else {
                    result.skipped.append(
                        Skipped(entry: entry, reason: "no connection test has seen its key yet: test it first"))
                    continue
                }
                guard entry.state == .changed || entry.state == .unpinned else {
                    result.skipped.append(Skipped(entry: entry, reason: "the last test saw the pinned key"))
                    continue
                }
                guard let method = try await CommunicationMethod.find(entry.methodID, on: db) else { continue }
                method.hostKey = offered
                try await method.save(on: db)
                try await audit.record(
                    .hostKeyAccepted, resource: ("communication_method", String(entry.methodID)),
                    details: [
                        "target_id": .number(Double(entry.targetID)), "fingerprint": .string(fingerprint),
                        "replaced": .bool(entry.pinned != nil),
                        "previous_fingerprint": entry.pinnedFingerprint.map(JSONValue.string) ?? .null,
                    ], on: db)
                var accepted = entry
                accepted.pinned = offered
                accepted.pinnedFingerprint = fingerprint
                accepted.state = .matches
                result.accepted.append(accepted)
            }
            return result
        }
    }

    /// Unpins the host key of SSH method `methodID` of target `targetID`, audited: its next connection test
    /// records the key it sees (and only an administrator's test sends a password to it before that).
    public func forget(method methodID: Int, of targetID: Int) async throws {
        guard
            let method = try await CommunicationMethod.find(methodID, on: database), method.targetID == targetID,
            method.methodType == CommunicationMethodConfig.MethodType.ssh.rawValue
        else { throw TargetError.notFound("ssh method") }
        guard let previous = method.hostKey else { return }
        try await database.transaction { db in
            method.hostKey = nil
            try await method.save(on: db)
            try await audit.record(
                .hostKeyForgotten, resource: ("communication_method", String(methodID)),
                details: [
                    "target_id": .number(Double(targetID)),
                    "previous_fingerprint": (try? SSHPublicKey(openSSH: previous).fingerprint).map(JSONValue.string)
                        ?? .null,
                ], on: db)
        }
    }
}
