/// Why a schedule's timing can't be accepted: each case names the request field at fault and, for a cron
/// expression, which of its five fields.
public enum ScheduleRuleError: DomainError, Equatable {
    /// The cron expression is malformed; `cronField` names the part at fault ("minute", "day of week", …) when one is.
    case cron(cronField: String?, reason: String)
    /// The cron expression is well formed but matches no time at all (`0 0 30 2 *`).
    case neverFires(expression: String)
    /// The zone is not an IANA time zone name.
    case unknownZone(String)
    /// Another field of the timing is wrong; `field` is its API name.
    case invalid(field: String, reason: String)

    public var kind: ErrorKind { .invalid }

    public var field: String? {
        switch self {
        case .cron, .neverFires: "cron_expression"
        case .unknownZone: "timezone"
        case .invalid(let field, _): field
        }
    }

    public var message: String {
        switch self {
        case .cron(let cronField?, let reason): "cron expression, \(cronField) field: \(reason)"
        case .cron(nil, let reason): "cron expression: \(reason)"
        case .neverFires(let expression): "cron expression \"\(expression)\" never fires: no date matches it"
        case .unknownZone(let zone): "timezone: \"\(zone)\" is not an IANA time zone (for example Europe/Berlin)"
        case .invalid(let field, let reason): "\(field): \(reason)"
        }
    }
}
