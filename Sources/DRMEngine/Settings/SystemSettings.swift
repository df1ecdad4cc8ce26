public import DRMCore
import DRMStore
public import FluentKit
import Foundation

/// Reads and changes the system settings: every key has a value (stored, or its default), and a change is
/// validated whole before anything is written.
public struct SystemSettings: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Every offered setting (``SettingKey/offered``), stored values over defaults.
    public func all() async throws -> [SettingKey: JSONValue] {
        var values = Dictionary(uniqueKeysWithValues: SettingKey.offered.map { ($0, $0.defaultValue) })
        for row in try await SystemSetting.query(on: database).all() {
            if let key = SettingKey(rawValue: row.settingKey), key.isEnforced { values[key] = row.settingValue }
        }
        return values
    }

    /// One setting's value: stored, or its default.
    public func value(_ key: SettingKey) async throws -> JSONValue {
        try await SystemSetting.query(on: database).filter(\.$settingKey == key.rawValue).first()?.settingValue
            ?? key.defaultValue
    }

    /// A setting of whole minutes, as a time interval.
    public func minutes(_ key: SettingKey) async throws -> TimeInterval {
        guard case .number(let minutes) = try await value(key) else { return 0 }
        return minutes * 60
    }

    /// Validates every change, then writes them in one transaction; returns what changed (old and new).
    public func update(_ changes: [String: JSONValue], audit: AuditTrail) async throws -> [SettingKey: (
        old: JSONValue, new: JSONValue
    )] {
        var typed: [SettingKey: JSONValue] = [:]
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) {
            guard let key = SettingKey(rawValue: name) else {
                throw SettingsError(key: name, message: "\(name) is not a setting")
            }
            guard key.isEnforced else {
                throw SettingsError(key: name, message: "\(name) is not a setting EnableDRM acts on yet")
            }
            if let problem = key.problem(with: value) { throw SettingsError(key: name, message: problem) }
            typed[key] = value
        }
        let before = try await all()
        let validated = typed
        try await database.transaction { db in
            for (key, value) in validated {
                let row =
                    try await SystemSetting.query(on: db).filter(\.$settingKey == key.rawValue).first()
                    ?? {
                        let row = SystemSetting()
                        row.settingKey = key.rawValue
                        return row
                    }()
                row.settingValue = value
                try await row.save(on: db)
            }
            let changes = validated.reduce(into: [String: (from: JSONValue, to: JSONValue)]()) {
                $0[$1.key.rawValue] = (before[$1.key] ?? .null, $1.value)
            }
            try await audit.record(.settingsUpdated, details: ["changes": AuditTrail.changes(changes)], on: db)
        }
        return typed.filter { before[$0.key] != $0.value }.reduce(into: [:]) {
            $0[$1.key] = (before[$1.key] ?? .null, $1.value)
        }
    }
}
