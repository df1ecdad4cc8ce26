import DRMCore
import DRMStore
import FluentKit
import Foundation

extension DiscoveryReview {
    /// Imports devices of run `runID` as targets, all or none (one transaction): each with a method per chosen
    /// service (an SSH method pins the host key discovery saw), the device type and tags. A device that matches a
    /// target already (same SSH host key or address), was imported or ignored, or whose endpoint another target
    /// uses is refused with the field at fault, and nothing is stored. Every import is audited.
    public func importDevices(_ selections: [DiscoveryImportSelection], of runID: Int) async throws -> [TargetRecord] {
        guard !selections.isEmpty else {
            throw DiscoveryError.invalid(field: "devices", message: "must select at least one device")
        }
        let inventory = TargetInventory(database: database, vault: vault, audit: audit, now: now)
        let ids = try await withSerialRetry {
            try await database.transaction { db in
                let devices = try await compared(runID, on: db)
                var serial = try await inventory.latestSerial(on: db)
                var created: [Int] = []
                for (index, selection) in selections.enumerated() {
                    let field = "devices.\(index)"
                    guard let device = devices.first(where: { $0.id == selection.deviceID }) else {
                        throw DiscoveryError.notFound("device \(selection.deviceID) of run \(runID)")
                    }
                    guard device.reviewState != .imported, device.reviewState != .ignored else {
                        throw DiscoveryError.conflict(
                            field: "\(field).device_id",
                            message: "device \(device.id) is \(device.reviewState.rawValue)")
                    }
                    if let name = device.targetName {
                        throw DiscoveryError.conflict(
                            field: "\(field).device_id",
                            message: "\(device.host.address) is already the target '\(name)'")
                    }
                    let draft = try await draft(for: device, selection, field: field, on: db)
                    let checked: TargetInventory.CheckedDraft
                    do throws(TargetError) {
                        checked = try inventory.check(draft)
                    } catch {
                        throw DiscoveryError.invalid(field: "\(field).\(error.field ?? "name")", message: error.message)
                    }
                    try await inventory.ensureFree(checked.endpoints, on: db, except: nil, active: true)
                    try await inventory.ensureUnique(name: checked.draft.name, on: db, except: nil)
                    let target = try await inventory.insert(checked, serial: &serial, on: db)
                    let targetID = try target.requireID()
                    try await DiscoveredDevice.query(on: db).filter(\.$id == device.id)
                        .set(\.$reviewState, to: DeviceReviewState.imported.rawValue).set(\.$targetID, to: targetID)
                        .update()
                    try await audit.record(
                        .discoveryImported, resource: ("target", String(targetID)),
                        details: [
                            "name": .string(target.name), "serial": .string(target.targetSerial),
                            "discovery_job_id": .number(Double(runID)), "device_id": .number(Double(device.id)),
                            "address": .string(device.host.address),
                            "methods": .array(checked.methods.map { .string($0.config.methodType.rawValue) }),
                        ], on: db)
                    created.append(targetID)
                }
                return created
            }
        }
        var records: [TargetRecord] = []
        for id in ids { records.append(try await inventory.detail(id)) }
        return records
    }

    /// The target draft of a device: methods from its services, the catalog's device type if it has it.
    func draft(
        for device: DiscoveryDeviceRecord, _ selection: DiscoveryImportSelection, field: String, on db: any Database
    ) async throws -> TargetDraft {
        let host = device.host
        let suggested = host.classification.suggestedMethods
        let chosen = selection.methods ?? suggested
        if let wrong = chosen.firstIndex(where: { !suggested.contains($0) }) {
            throw DiscoveryError.invalid(
                field: "\(field).methods.\(wrong)",
                message:
                    "\(chosen[wrong]) is not among the methods its services suggest (\(suggested.joined(separator: ", ")))"
            )
        }
        guard !chosen.isEmpty else {
            throw DiscoveryError.invalid(
                field: "\(field).methods", message: "no service of \(host.address) suggests a communication method")
        }
        var deviceType = selection.deviceType
        if deviceType == nil {
            let value = host.classification.deviceType
            let known = try await DeviceType.query(on: db).filter(\.$value == value).filter(\.$isActive == true).first()
            deviceType = known == nil ? nil : value
        }
        let osType =
            switch host.classification.deviceClass {
            case .windowsServer?: "windows"
            case .networkDevice?: "network"
            default: "linux"
            }
        return TargetDraft(
            name: selection.name ?? host.hostname ?? host.address, osType: osType, environment: selection.environment,
            description: "Discovered by run \(device.runID): \(host.classification.reasons.joined(separator: "; "))",
            deviceType: deviceType, tags: selection.tags,
            methods: chosen.map { Self.method($0, for: host) })
    }

    /// The method of type `type` for the first service that suggests it.
    static func method(_ type: String, for host: DiscoveredHost) -> MethodDraft {
        let address = host.address
        let urlHost = address.contains(":") ? "[\(address)]" : address
        func port(_ matches: (ServiceObservation) -> Bool) -> ServiceObservation? {
            host.services.first(where: matches)
        }
        switch type {
        case "ssh":
            let service = port { $0.service == .ssh }
            return MethodDraft(
                methodType: "ssh", config: ["host": .string(address), "port": .number(Double(service?.port ?? 22))],
                hostKey: service?.details["ssh_host_key"])
        case "winrm":
            let service = port { $0.port == 5985 || $0.port == 5986 }
            let portNumber = service?.port ?? 5985
            return MethodDraft(
                methodType: "winrm",
                config: [
                    "host": .string(address), "port": .number(Double(portNumber)),
                    "transport": .string(portNumber == 5986 ? "https" : "http"),
                ])
        case "smtp":
            let service = port { $0.service == .smtp }
            let starttls = service?.details["smtp_extensions"]?.uppercased().contains("STARTTLS") ?? false
            return MethodDraft(
                methodType: "smtp",
                config: [
                    "host": .string(address), "port": .number(Double(service?.port ?? 25)),
                    "encryption": .string(starttls ? "starttls" : "none"),
                ])
        case "postgresql":
            let service = port { $0.service == .postgresql }
            return MethodDraft(
                methodType: "postgresql",
                config: ["host": .string(address), "port": .number(Double(service?.port ?? 5432))])
        default:
            let service = port { ($0.service == .http || $0.service == .https) && $0.port != 5985 && $0.port != 5986 }
            let scheme = service?.service == .https ? "https" : "http"
            return MethodDraft(
                methodType: "rest_api",
                config: ["base_url": .string("\(scheme)://\(urlHost):\(service?.port ?? 80)")])
        }
    }
}
