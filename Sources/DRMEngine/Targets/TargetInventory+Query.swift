public import DRMCore
import DRMStore
import FluentKit
import Foundation
import SQLKit

/// How to list targets: a filter, free text, order and page.
public struct TargetQuery: Sendable, Hashable {
    /// The orders a list can come in; `-` reverses.
    public static let sorts = [
        "name", "-name", "serial", "-serial", "created_at", "-created_at", "updated_at", "-updated_at",
    ]

    public var filter: TargetFilter?
    /// Case-insensitive text to find in the name, serial, description, hosts or tags.
    public var text: String?
    public var sort: String
    public var offset: Int
    public var limit: Int?

    public init(
        filter: TargetFilter? = nil, text: String? = nil, sort: String = "name", offset: Int = 0, limit: Int? = nil
    ) {
        self.filter = filter
        self.text = text
        self.sort = sort
        self.offset = offset
        self.limit = limit
    }
}

extension TargetInventory {
    /// One target with its methods, or ``TargetError/notFound(_:)``.
    public func detail(_ id: Int) async throws -> TargetRecord {
        guard let target = try await Target.find(id, on: database) else { throw TargetError.notFound("target") }
        return try await records([target], verified: true)[0]
    }

    /// The target that `reference` names: its id, its serial, or its name (when exactly one target has it).
    public func find(_ reference: String) async throws -> TargetRecord {
        if let id = Int(reference), id > 0, let target = try await Target.find(id, on: database) {
            return try await records([target], verified: true)[0]
        }
        if let target = try await Target.query(on: database).filter(\.$targetSerial == reference).first() {
            return try await records([target], verified: true)[0]
        }
        let named = try await Target.query(on: database).filter(\.$name == reference).all()
        guard named.count <= 1 else {
            throw TargetError.conflict(
                field: "name", message: "\(named.count) targets are named '\(reference)'; give the serial or id")
        }
        guard let target = named.first else { throw TargetError.notFound("target '\(reference)'") }
        return try await records([target], verified: true)[0]
    }

    /// The targets that pass `query`, in its order and page, and how many pass in all. Only the page's targets are
    /// loaded with their methods and credential summaries.
    ///
    /// The filter's `field=value` comparisons on plain columns go to SQL. Without a filter or text beyond them,
    /// counting, ordering and paging are SQL too; otherwise the rest of the filter and the text are evaluated on
    /// the candidates' facts (tags and hosts live in JSON; no credential is read for that), so the result is exact
    /// on both databases. `credentials: false` leaves the credential summaries out (a page that shows none).
    public func list(_ query: TargetQuery, credentials: Bool = true) async throws -> (
        items: [TargetRecord], total: Int
    ) {
        let select = Self.narrowed(Target.query(on: database), to: query.filter)
        var needsFacts = query.text.map { !$0.isEmpty } ?? false
        if let filter = query.filter, !filter.isConjunctionOfEqualitiesOnColumns { needsFacts = true }
        guard needsFacts else {
            let total = try await select.count()
            let page = try await Self.sorted(select, by: query.sort).offset(query.offset)
                .limit(query.limit ?? Int.max).all()
            return (try await records(page, credentials: credentials), total)
        }
        var matching = try await records(try await select.all(), credentials: false)
        if let filter = query.filter { matching = matching.filter { filter.matches($0.subject) } }
        if let text = query.text?.lowercased(), !text.isEmpty {
            matching = matching.filter { record in
                let target = record.target
                let haystack =
                    [target.name, target.targetSerial, target.description ?? ""] + record.methods.compactMap(\.host)
                    + record.tags
                return haystack.contains { $0.lowercased().contains(text) }
            }
        }
        let descending = query.sort.hasPrefix("-")
        let key = query.sort.drop { $0 == "-" }
        matching.sort { left, right in
            let (a, b) = descending ? (right.target, left.target) : (left.target, right.target)
            switch key {
            case "serial": return (a.targetSerial, a.id ?? 0) < (b.targetSerial, b.id ?? 0)
            case "created_at":
                return (a.createdAt ?? .distantPast, a.id ?? 0) < (b.createdAt ?? .distantPast, b.id ?? 0)
            case "updated_at":
                return (a.updatedAt ?? .distantPast, a.id ?? 0) < (b.updatedAt ?? .distantPast, b.id ?? 0)
            default: return (a.nameKey, a.id ?? 0) < (b.nameKey, b.id ?? 0)
            }
        }
        let total = matching.count
        let page = matching.dropFirst(query.offset).prefix(query.limit ?? Int.max).map(\.target)
        return (try await records(Array(page), credentials: credentials), total)
    }

    /// `select` with the comparisons of `filter` that SQL can make on plain columns (those every match must pass);
    /// the rest of the filter is left to ``TargetFilter/matches(_:)``.
    static func narrowed(_ select: QueryBuilder<Target>, to filter: TargetFilter?) -> QueryBuilder<Target> {
        var select = select
        for (field, value) in filter?.requiredEqualities ?? [] {
            switch field {
            case .name: select = select.filter(\.$name == value)
            case .os: select = select.filter(\.$osType == value)
            case .env: select = select.filter(\.$environment == value)
            case .status: select = select.filter(\.$status == value)
            case .type: select = select.filter(\.$targetType == value)
            case .device: select = select.filter(\.$deviceType == value)
            case .serial: select = select.filter(\.$targetSerial == value)
            case .host, .tag: break
            }
        }
        return select
    }

    /// `select` in the order `sort` names (`-` reverses), ties broken by id: names without regard to case
    /// (`name_key`, which an index keeps in this order, so a page is read without sorting every target).
    static func sorted(_ select: QueryBuilder<Target>, by sort: String) -> QueryBuilder<Target> {
        let direction: DatabaseQuery.Sort.Direction = sort.hasPrefix("-") ? .descending : .ascending
        switch sort.drop(while: { $0 == "-" }) {
        case "serial": return select.sort(\.$targetSerial, direction).sort(\.$id, direction)
        case "created_at": return select.sort(\.$createdAt, direction).sort(\.$id, direction)
        case "updated_at": return select.sort(\.$updatedAt, direction).sort(\.$id, direction)
        default: return select.sort(\.$nameKey, direction).sort(\.$id, direction)
        }
    }

    /// The filter facts of every target, by id: what jobs evaluate a ``TargetFilter`` against.
    public func subjects() async throws -> [(id: Int, subject: TargetFilter.Subject)] {
        try await records(try await Target.query(on: database).all(), credentials: false).map {
            (try $0.target.requireID(), $0.subject)
        }
    }

    /// The ids of the active targets, in id order (what `run --all` selects).
    public func activeTargetIDs() async throws -> [Int] {
        try await Target.query(on: database).filter(\.$isActive == true).sort(\.$id).all(\.$id)
    }

    /// ``subjects()`` of the active targets only: what runs select from.
    public func activeSubjects() async throws -> [(id: Int, subject: TargetFilter.Subject)] {
        try await records(try await Target.query(on: database).filter(\.$isActive == true).all(), credentials: false)
            .map { (try $0.target.requireID(), $0.subject) }
    }

    /// The ids of the targets `filter` selects (every one without a filter), in id order; with `activeOnly`, only
    /// active ones (what runs select from). The one place a filter is matched against targets, for ad-hoc runs,
    /// jobs' saved filters and connection tests alike.
    public func select(_ filter: TargetFilter?, activeOnly: Bool) async throws -> [Int] {
        if filter == nil, activeOnly { return try await activeTargetIDs() }
        let candidates = activeOnly ? try await activeSubjects() : try await subjects()
        return candidates.filter { filter?.matches($0.subject) ?? true }.map(\.id).sorted()
    }

    /// `targets` with their methods and, unless `credentials` is false (facts for a filter need none), their
    /// credential summaries, loaded in two or three queries.
    func records(
        _ targets: [Target], credentials withCredentials: Bool = true, verified: Bool = false,
        on db: (any Database)? = nil
    ) async throws -> [TargetRecord] {
        let db = db ?? database
        let ids = targets.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let methods = try await Self.methods(of: ids, on: db)
        let methodIDs = methods.compactMap(\.id)
        let credentials: [Credential]
        if methodIDs.isEmpty || !withCredentials {
            credentials = []
        } else if methodIDs.count > Self.inListLimit {
            let wanted = Set(methodIDs)
            credentials = try await Credential.query(on: db).all().filter { wanted.contains($0.communicationMethodID) }
        } else {
            credentials = try await Credential.query(on: db).filter(\.$communicationMethodID ~~ methodIDs).all()
        }
        var summaries: [Int: CredentialSummary] = [:]
        for credential in credentials.sorted(by: { !$0.isPrimary && $1.isPrimary }) {
            // Lists read the stored summary (a credential written before migration 0016 is decrypted until `serve`
            // fills its summary in); one target's page (`verified`) decrypts, so it says whether the configured keys
            // still read it.
            summaries[credential.communicationMethodID] =
                (verified ? nil : CredentialSummary(type: credential.credentialType, stored: credential.summary))
                ?? CredentialSummary(
                    type: credential.credentialType, secret: try? vault.decrypt(credential.encryptedCredentials))
        }
        let byTarget = Dictionary(grouping: methods, by: \.targetID)
        return targets.map { target in
            let rows = (byTarget[target.id ?? 0] ?? []).sorted { a, b in
                (a.isPrimary ? 0 : 1, a.priority ?? 1, a.id ?? 0) < (b.isPrimary ? 0 : 1, b.priority ?? 1, b.id ?? 0)
            }
            return TargetRecord(
                target: target,
                methods: rows.map { MethodRecord(method: $0, credential: $0.id.flatMap { summaries[$0] }) })
        }
    }

    /// The most ids a query names in `IN (…)`; beyond, it reads the table and picks in memory (SQLite limits the
    /// number of bound values).
    static var inListLimit: Int { 500 }

    /// The communication methods of the targets `ids`.
    static func methods(of ids: [Int], on db: any Database) async throws -> [CommunicationMethod] {
        guard ids.count > inListLimit else {
            return try await CommunicationMethod.query(on: db).filter(\.$targetID ~~ ids).all()
        }
        let wanted = Set(ids)
        return try await CommunicationMethod.query(on: db).all().filter { wanted.contains($0.targetID) }
    }
}
