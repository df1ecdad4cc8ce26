/// A filter over targets, used by the targets list API and by jobs to select targets.
///
/// Text form: comparisons joined by `and` / `or`, negated by `not`, grouped by parentheses, e.g.
/// `(env=production or env=staging) and not tag=legacy`. `not` binds tighter than `and`, which binds tighter than `or`.
/// Parse with ``parse(_:)``; evaluate with ``matches(_:)``.
public indirect enum TargetFilter: Sendable, Hashable {
    /// `field op value`.
    case comparison(Field, Operator, String)
    /// Both sides match.
    case and(TargetFilter, TargetFilter)
    /// Either side matches.
    case or(TargetFilter, TargetFilter)
    /// The operand doesn't match.
    case not(TargetFilter)

    /// A property of a target that a comparison looks at.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        /// The target's name.
        case name
        /// The host of any of its communication methods.
        case host
        /// Any of its tags.
        case tag
        /// `os_type`.
        case os
        /// `environment`.
        case env
        /// `status`.
        case status
        /// `target_type`.
        case type
        /// The device type's value.
        case device
        /// `target_serial`.
        case serial

        /// Whether the field holds several values, of which any one may match.
        public var isMultiValued: Bool { self == .host || self == .tag }
    }

    /// How a comparison matches.
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        /// Exactly equal (case-sensitive).
        case equals = "="
        /// Not exactly equal; for multi-valued fields, none of the values is equal.
        case notEquals = "!="
        /// Matches a case-insensitive glob pattern (`*` any run of characters, `?` one character).
        case matches = "~"
    }

    /// What a filter is evaluated against: the facts of one target.
    public struct Subject: Sendable, Hashable {
        /// The target's name.
        public var name: String
        /// The hosts of all its communication methods.
        public var hosts: [String]
        /// Its tags.
        public var tags: [String]
        /// `os_type`, if any.
        public var osType: String?
        /// `environment`, if any.
        public var environment: String?
        /// `status`, if any.
        public var status: String?
        /// `target_type`, if any.
        public var targetType: String?
        /// The device type's value, if any.
        public var deviceType: String?
        /// `target_serial`, if any.
        public var serial: String?

        /// A subject with the given facts; facts left out are absent.
        public init(
            name: String, hosts: [String] = [], tags: [String] = [], osType: String? = nil,
            environment: String? = nil, status: String? = nil, targetType: String? = nil, deviceType: String? = nil,
            serial: String? = nil
        ) {
            self.name = name
            self.hosts = hosts
            self.tags = tags
            self.osType = osType
            self.environment = environment
            self.status = status
            self.targetType = targetType
            self.deviceType = deviceType
            self.serial = serial
        }

        /// The values of `field` for this subject; empty when the fact is absent.
        public func values(of field: Field) -> [String] {
            switch field {
            case .name: [name]
            case .host: hosts
            case .tag: tags
            case .os: osType.map { [$0] } ?? []
            case .env: environment.map { [$0] } ?? []
            case .status: status.map { [$0] } ?? []
            case .type: targetType.map { [$0] } ?? []
            case .device: deviceType.map { [$0] } ?? []
            case .serial: serial.map { [$0] } ?? []
            }
        }
    }

    /// Whether `subject` passes the filter.
    ///
    /// A comparison with `=` or `~` holds when any of the field's values matches; `!=` holds when none is equal,
    /// so an absent fact satisfies `!=` and fails `=` and `~`.
    public func matches(_ subject: Subject) -> Bool {
        switch self {
        case .comparison(let field, let op, let value):
            let values = subject.values(of: field)
            switch op {
            case .equals: return values.contains(value)
            case .notEquals: return !values.contains(value)
            case .matches:
                let pattern = GlobPattern(value)
                return values.contains { pattern.matches($0) }
            }
        case .and(let left, let right): return left.matches(subject) && right.matches(subject)
        case .or(let left, let right): return left.matches(subject) || right.matches(subject)
        case .not(let operand): return !operand.matches(subject)
        }
    }

    /// The `field = value` comparisons that every matching target satisfies: those joined by `and` at the top.
    ///
    /// A store can push them to SQL as a coarse pre-selection and evaluate the whole filter on what comes back.
    /// Empty when nothing is required (for example at the top of an `or`).
    public var requiredEqualities: [(field: Field, value: String)] {
        switch self {
        case .comparison(let field, .equals, let value): [(field, value)]
        case .and(let left, let right): left.requiredEqualities + right.requiredEqualities
        case .comparison, .or, .not: []
        }
    }

    /// Whether the filter is nothing but ``requiredEqualities`` on single-valued fields: a store that applies those
    /// in SQL needs to evaluate nothing more (and can count, order and page in SQL).
    public var isConjunctionOfEqualitiesOnColumns: Bool {
        switch self {
        case .comparison(let field, .equals, _): !field.isMultiValued
        case .and(let left, let right):
            left.isConjunctionOfEqualitiesOnColumns && right.isConjunctionOfEqualitiesOnColumns
        case .comparison, .or, .not: false
        }
    }
}

extension TargetFilter: CustomStringConvertible {
    /// The filter in its text form, fully parenthesised where it matters; parsing it gives the same filter.
    public var description: String {
        switch self {
        case .comparison(let field, let op, let value):
            return "\(field.rawValue)\(op.rawValue)\(Self.quotedIfNeeded(value))"
        case .and(let left, let right):
            return "\(left.operandText(under: 1)) and \(right.operandText(under: 1))"
        case .or(let left, let right):
            return "\(left.operandText(under: 0)) or \(right.operandText(under: 0))"
        case .not(let operand):
            return "not \(operand.operandText(under: 2))"
        }
    }

    /// How tightly the top of the filter binds: or 0, and 1, not and comparisons 2.
    private var precedence: Int {
        switch self {
        case .or: 0
        case .and: 1
        case .not, .comparison: 2
        }
    }

    private func operandText(under parent: Int) -> String {
        precedence < parent ? "(\(description))" : description
    }

    static func quotedIfNeeded(_ value: String) -> String {
        let bare =
            !value.isEmpty && value.allSatisfy(TargetFilter.isWordCharacter)
            && !["and", "or", "not"].contains(value.lowercased())
        if bare { return value }
        var quoted = "\""
        for character in value {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default: quoted.append(character)
            }
        }
        return quoted + "\""
    }
}
