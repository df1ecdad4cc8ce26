import Foundation

/// What a stored discovery run or template sweeps, as given (text, not yet parsed): the configuration a run keeps in
/// `discovery_jobs.discovery_config` and a template in `discovery_templates.template_config`.
public struct DiscoveryRequest: Sendable, Hashable, Codable {
    /// Addresses: CIDR, `a.b.c.d-e`, addresses and host names, comma separated.
    public var range: String
    /// Addresses to leave out.
    public var exclude: String
    /// TCP ports: lists and ranges, or `default`.
    public var ports: String
    public var concurrency: Int?
    public var rate: Int?
    public var timeoutMS: Int?
    public var retries: Int?
    /// Lifts the budget from ``SweepPlan/defaultBudget`` to ``SweepPlan/hardBudget``.
    public var allowLarge: Bool
    /// Whether addresses without a host name get a reverse lookup.
    public var resolveNames: Bool

    enum CodingKeys: String, CodingKey {
        case range, exclude, ports, concurrency, rate, retries
        case timeoutMS = "timeout_ms"
        case allowLarge = "allow_large"
        case resolveNames = "resolve_names"
    }

    /// A request; only `range` is required.
    public init(
        range: String, exclude: String = "", ports: String = "default", concurrency: Int? = nil, rate: Int? = nil,
        timeoutMS: Int? = nil, retries: Int? = nil, allowLarge: Bool = false, resolveNames: Bool = true
    ) {
        self.range = range
        self.exclude = exclude
        self.ports = ports
        self.concurrency = concurrency
        self.rate = rate
        self.timeoutMS = timeoutMS
        self.retries = retries
        self.allowLarge = allowLarge
        self.resolveNames = resolveNames
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        range = try container.decode(String.self, forKey: .range)
        exclude = try container.decodeIfPresent(String.self, forKey: .exclude) ?? ""
        ports = try container.decodeIfPresent(String.self, forKey: .ports) ?? "default"
        concurrency = try container.decodeIfPresent(Int.self, forKey: .concurrency)
        rate = try container.decodeIfPresent(Int.self, forKey: .rate)
        timeoutMS = try container.decodeIfPresent(Int.self, forKey: .timeoutMS)
        retries = try container.decodeIfPresent(Int.self, forKey: .retries)
        allowLarge = try container.decodeIfPresent(Bool.self, forKey: .allowLarge) ?? false
        resolveNames = try container.decodeIfPresent(Bool.self, forKey: .resolveNames) ?? true
    }

    /// The validated plan; each error names the field at fault. With `allowed`, every address of the range must lie
    /// inside it (host names can't be checked, so they are refused), else the field is `range`.
    public func plan(within allowed: ScanRange? = nil) throws(FieldError) -> SweepPlan {
        guard !range.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw FieldError(field: "range", message: "is required")
        }
        let plan = try SweepPlan.validate(
            range: range, exclude: exclude, ports: ports, concurrency: concurrency, rate: rate, timeoutMS: timeoutMS,
            retries: retries, allowLarge: allowLarge)
        if let allowed {
            if let name = plan.range.hostnames.first {
                throw FieldError(
                    field: "range", message: "host name \(name) can't be checked against the allowed ranges")
            }
            for interval in plan.range.intervals where !allowed.contains(interval) {
                throw FieldError(
                    field: "range",
                    message: "\(interval.lower.text)-\(interval.upper.text) is outside the ranges discovery may sweep")
            }
        }
        return plan
    }
}

extension ScanRange {
    /// Whether every address of `interval` lies in this range (its intervals are merged, so one must hold it all).
    public func contains(_ interval: Interval) -> Bool {
        intervals.contains {
            $0.lower.family == interval.lower.family && $0.lower <= interval.lower && interval.upper <= $0.upper
        }
    }

    /// Whether `address` is one of the range's addresses.
    public func contains(_ address: IPAddressNumber) -> Bool {
        intervals.contains { $0.lower.family == address.family && $0.lower <= address && address <= $0.upper }
    }
}
