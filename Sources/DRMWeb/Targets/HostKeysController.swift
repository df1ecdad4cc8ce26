import DRMCore
import DRMEngine
import Foundation
import Vapor

/// `/api/v1/targets/host-keys` and `/api/v1/targets/credentials`: recovering from a changed host key or a rotated
/// credential for one target or a whole filter in one call (#14 item 3).
struct HostKeysController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let targets = routes.grouped("api", "v1", "targets")
        let selection = Schema.object(
            ["filter": Schema.string, "target_ids": Schema.array(Schema.integer(1...Int(Int32.max)))], closed: true)
        targets.endpoint(
            .GET, "host-keys", access: .permission(.init(.targets, .read)),
            summary: "The pinned and the offered SSH host key of each ssh method (the offered one from its last test)",
            query: ["filter": Schema.string], use: list)
        targets.endpoint(
            .POST, "host-keys", "accept", access: .permission(.init(.hostKeys, .update)),
            summary: "Pin the key the last test saw, on every ssh method of the selected targets whose key changed",
            body: selection, use: accept)
        targets.endpoint(
            .POST, "credentials", access: .permission(.init(.targets, .update)),
            summary: "Replace the credential of one method type on every selected target (a rotated key or password)",
            body: Schema.object(
                [
                    "filter": Schema.string, "target_ids": Schema.array(Schema.integer(1...Int(Int32.max))),
                    "method_type": Schema.oneOf(CommunicationMethodConfig.MethodType.allCases.map(\.rawValue)),
                    "credential": TargetSchemas.credential,
                ], required: ["credential"], closed: true), use: replaceCredentials)
    }

    func list(request: Request) async throws -> [HostKeyResponse] {
        let ids = try await request.targets.select(try TargetsController.filter(request), activeOnly: false)
        return try await request.hostKeyReview.entries(targetIDs: ids).map(HostKeyResponse.init)
    }

    func accept(request: Request) async throws -> AcceptResponse {
        let body = try request.content.decode(SelectionRequest.self)
        let ids = try await body.targetIDs(request)
        return AcceptResponse(try await request.hostKeyReview.acceptOffered(targetIDs: ids))
    }

    func replaceCredentials(request: Request) async throws -> CredentialsResponse {
        let body = try request.content.decode(BulkCredentialRequest.self)
        let ids = try await SelectionRequest(filter: body.filter, targetIDs: body.targetIDs).targetIDs(request)
        let types = CommunicationMethodConfig.MethodType.allCases
        guard let methodType = types.first(where: { $0.rawValue == body.methodType ?? "ssh" }) else {
            throw APIError.invalid("method_type", "must be one of \(types.map(\.rawValue).joined(separator: ", "))")
        }
        let replaced = try await request.targets.replaceCredentials(
            of: ids, methodType: methodType, with: body.credential.input)
        return CredentialsResponse(
            replaced: replaced.methods.map {
                .init(targetID: $0.targetID, targetName: $0.targetName, methodID: $0.methodID)
            }, withoutMethod: replaced.withoutMethod)
    }
}

/// The targets a bulk action applies to: ids, or a filter (every target without either is refused).
struct SelectionRequest: Content {
    var filter: String?
    var targetIDs: [Int]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case filter
        case targetIDs = "target_ids"
    }

    func targetIDs(_ request: Request) async throws -> [Int] {
        if let targetIDs {
            guard !targetIDs.isEmpty else { throw APIError.invalid("target_ids", "must not be empty") }
            return targetIDs
        }
        guard let text = filter, !text.isEmpty else {
            throw APIError.invalid("filter", "give a filter or target_ids")
        }
        do {
            return try await request.targets.select(try TargetFilter.parse(text), activeOnly: false)
        } catch let error as TargetFilter.ParseError {
            throw APIError.invalid("filter", error.message)
        }
    }
}

extension SelectionRequest {
    init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        filter = try container.decodeIfPresent(String.self, forKey: .filter)
        targetIDs = try container.decodeIfPresent([Int].self, forKey: .targetIDs)
    }
}

/// `POST /api/v1/targets/credentials`.
struct BulkCredentialRequest: Content {
    var filter: String?
    var targetIDs: [Int]?
    var methodType: String?
    var credential: CredentialRequest

    enum CodingKeys: String, CodingKey, CaseIterable {
        case filter, credential
        case targetIDs = "target_ids"
        case methodType = "method_type"
    }
}

extension BulkCredentialRequest {
    init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        filter = try container.decodeIfPresent(String.self, forKey: .filter)
        targetIDs = try container.decodeIfPresent([Int].self, forKey: .targetIDs)
        methodType = try container.decodeIfPresent(String.self, forKey: .methodType)
        credential = try container.decode(CredentialRequest.self, forKey: .credential)
    }
}

/// One ssh method's pinned and offered host keys.
struct HostKeyResponse: Content {
    var targetID: Int
    var targetName: String
    var methodID: Int
    var endpoint: String
    var state: HostKeyReview.Entry.State
    var pinned: String?
    var pinnedFingerprint: String?
    var offered: String?
    var offeredFingerprint: String?
    var testedAt: Date?

    enum CodingKeys: String, CodingKey {
        case endpoint, state, pinned, offered
        case targetID = "target_id"
        case targetName = "target_name"
        case methodID = "method_id"
        case pinnedFingerprint = "pinned_fingerprint"
        case offeredFingerprint = "offered_fingerprint"
        case testedAt = "tested_at"
    }

    init(_ entry: HostKeyReview.Entry) {
        targetID = entry.targetID
        targetName = entry.targetName
        methodID = entry.methodID
        endpoint = entry.endpoint
        state = entry.state
        pinned = entry.pinned
        pinnedFingerprint = entry.pinnedFingerprint
        offered = entry.offered
        offeredFingerprint = entry.offeredFingerprint
        testedAt = entry.testedAt
    }
}

/// What `POST /api/v1/targets/host-keys/accept` did.
struct AcceptResponse: Content {
    struct Skipped: Content {
        var method: HostKeyResponse
        var reason: String
    }

    var accepted: [HostKeyResponse]
    var skipped: [Skipped]

    init(_ result: HostKeyReview.Accepted) {
        accepted = result.accepted.map(HostKeyResponse.init)
        skipped = result.skipped.map { Skipped(method: HostKeyResponse($0.entry), reason: $0.reason) }
    }
}

/// What `POST /api/v1/targets/credentials` did.
struct CredentialsResponse: Content {
    struct Method: Content {
        var targetID: Int
        var targetName: String
        var methodID: Int

        enum CodingKeys: String, CodingKey {
            case targetID = "target_id"
            case targetName = "target_name"
            case methodID = "method_id"
        }
    }

    var replaced: [Method]
    var withoutMethod: [String]

    enum CodingKeys: String, CodingKey {
        case replaced
        case withoutMethod = "without_method"
    }
}
