import ArgumentParser
import DRMCore
import DRMEngine
import Foundation

/// `enabledrm notify …`: notification destinations, test messages and the delivery log.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Add webhook destinations, send test messages and read the delivery log.",
        subcommands: [NotifyAddWebhookCommand.self, NotifyTestCommand.self, NotifyDeliveriesCommand.self])
}

/// Runs a notify command's body; a refusal prints one line naming the field and exits 1.
func refusingNotifications(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as any DomainError {
        printError(error.field.map { "\($0): " + error.message } ?? error.message)
        throw ExitCode(1)
    }
}

struct NotifyAddWebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-webhook",
        abstract: "Add a signed webhook destination; its secret (whsec_…) is read from a file, never an argument.")

    @Argument(help: "The destination's name.") var name: String
    @Option(help: "The absolute http(s) URL to send to.") var url: String
    @Option(help: "A file holding the signing secret (whsec_<base64>).") var secretFile: String
    @Option(help: "A body template, e.g. '{\"text\": \"{{subject}}\"}' (default: the event as JSON).")
    var bodyTemplate: String?
    @Flag(help: "Accept any TLS certificate.") var insecure = false
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            try await refusingNotifications {
                guard let secret = try? String(contentsOfFile: secretFile, encoding: .utf8) else {
                    throw NotificationError.invalid(field: "--secret-file", message: "can't be read")
                }
                var config: [String: JSONValue] = ["url": .string(url), "verify_tls": .bool(!insecure)]
                if let bodyTemplate { config["body_template"] = .string(bodyTemplate) }
                let record = try await environment.notificationDestinations(AuditTrail(.cli)).create(
                    DestinationDraft(
                        name: name, type: .webhook, config: .object(config),
                        secret: secret.trimmingCharacters(in: .whitespacesAndNewlines)), createdBy: nil)
                print("\(record.id)\t\(record.name)\twebhook\t\(url)")
            }
        }
    }
}

struct NotifyTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a test message to a destination now, in this process, and say what came back.")

    @Argument(help: "The destination's id.") var destination: Int
    @Flag(help: "Only queue it: the workers send it.") var queue = false
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            try await refusingNotifications {
                let deliveries = environment.notificationDeliveries(AuditTrail(.cli))
                let queued = try await deliveries.test(destination: destination)
                if queue { return print("queued delivery \(queued.id)\t\(queued.messageID)") }
                // The first attempt is made here; a retry (or a lost race with a worker) is left to the queue.
                do {
                    try await environment.jobs.notifications.deliver(queued.id)
                } catch is TaskDeferral {}
                let attempt = try await deliveries.attempts(of: queued.id).last
                let code = attempt?.responseCode.map(String.init) ?? "-"
                let state =
                    try await deliveries.list(.init(destinationID: destination)).records
                    .first { $0.id == queued.id }?.status ?? .pending
                print("delivery \(queued.id)\t\(state.rawValue)\tresponse \(code)\t\(queued.messageID)")
                if let error = attempt?.error, state != .delivered { print("  \(error)") }
                if state == .failed { throw ExitCode(1) }
            }
        }
    }
}

struct NotifyDeliveriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries", abstract: "List deliveries, newest first: id, state, event, destination, attempts.")

    @Option(help: "pending, sending, retrying, delivered or failed.") var status: String?
    @Option(help: "Only this destination's.") var destination: Int?
    @Option(help: "Only this event's, e.g. job.failed.") var event: String?
    @Option(help: "Only this execution's.") var execution: Int?
    @Option(help: "At most this many.") var limit = 50
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withEnvironment(options) { environment in
            try await refusingNotifications {
                var state: DeliveryState?
                if let status {
                    guard let parsed = DeliveryState(rawValue: status) else {
                        throw NotificationError.invalid(
                            field: "--status", message: "must be one of \(DeliveryState.allCases.map(\.rawValue))")
                    }
                    state = parsed
                }
                let (records, total) = try await environment.notificationDeliveries(AuditTrail(.cli)).list(
                    .init(status: state, destinationID: destination, event: event, executionID: execution),
                    perPage: max(1, limit))
                for record in records {
                    let code = record.lastResponseCode.map(String.init) ?? "-"
                    print(
                        "\(record.id)\t\(record.status.rawValue)\t\(record.event)\tdestination \(record.destinationID)"
                            + "\tattempts \(record.attempts)\tresponse \(code)\t\(record.messageID)")
                }
                if total > records.count { print("(\(records.count) of \(total))") }
            }
        }
    }
}
