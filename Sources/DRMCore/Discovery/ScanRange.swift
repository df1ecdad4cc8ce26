/// The addresses a discovery sweeps: CIDR blocks (`10.0.0.0/24`, `fd00::/120`), ranges (`10.0.0.5-20`,
/// `10.0.0.5-10.0.1.9`, `fd00::1-fd00::ff`), single addresses and host names, separated by commas or spaces, minus
/// the exclusions (same forms; an entry written `!x` in the range is an exclusion too).
///
/// Addresses are kept as merged intervals, so a range is counted (for the budget) without being listed.
public struct ScanRange: Sendable, Hashable {
    /// An inclusive run of addresses of one family.
    public struct Interval: Sendable, Hashable {
        public var lower: IPAddressNumber
        public var upper: IPAddressNumber

        /// How many addresses it holds (saturating at `UInt128.max` for `::/0`).
        public var count: UInt128 {
            let (difference, _) = upper.value.subtractingReportingOverflow(lower.value)
            let (count, overflow) = difference.addingReportingOverflow(1)
            return overflow ? .max : count
        }
    }

    /// The address intervals to sweep, sorted and merged, exclusions removed.
    public private(set) var intervals: [Interval]
    /// Host names to resolve and sweep (their addresses are checked against the exclusions after resolution).
    public private(set) var hostnames: [String]
    /// The excluded intervals, to apply to resolved host names.
    public private(set) var excluded: [Interval]

    /// Parses `text` (the field `field`) and the exclusions in `exclude` (the field `excludeField`).
    public static func parse(
        _ text: String, exclude: String = "", field: String = "range", excludeField: String = "exclude"
    )
        throws(FieldError) -> ScanRange
    {
        var included: [Interval] = []
        var excluded: [Interval] = []
        var hostnames: [String] = []
        let entries = Self.entries(text)
        guard !entries.isEmpty else { throw FieldError(field: field, message: "must name at least one address") }
        for entry in entries {
            if entry.hasPrefix("!") {
                excluded.append(try interval(String(entry.dropFirst()), field: field))
            } else if let parsed = try? interval(entry, field: field) {
                included.append(parsed)
            } else if HostAddress.isDNSName(entry), entry.split(separator: ".").last!.contains(where: \.isLetter) {
                if !hostnames.contains(entry.lowercased()) { hostnames.append(entry.lowercased()) }
            } else {
                _ = try interval(entry, field: field)  // rethrows the precise reason
            }
        }
        for entry in Self.entries(exclude) { excluded.append(try interval(entry, field: excludeField)) }
        let merged = Self.merge(excluded)
        let remaining = Self.subtract(merged, from: Self.merge(included))
        guard !remaining.isEmpty || !hostnames.isEmpty else {
            throw FieldError(field: field, message: "selects no address once the exclusions are removed")
        }
        return ScanRange(intervals: remaining, hostnames: hostnames, excluded: merged)
    }

    /// How many addresses the sweep visits: every address of the intervals, and one per host name.
    public var addressCount: UInt128 {
        intervals.reduce(UInt128(hostnames.count)) { total, interval in
            let (sum, overflow) = total.addingReportingOverflow(interval.count)
            return overflow ? .max : sum
        }
    }

    /// Every address of the intervals, in order, as text (call it only within the budget), then the host names.
    public func targets() -> [String] {
        var list: [String] = []
        for interval in intervals {
            var value = interval.lower.value
            while true {
                list.append(IPAddressNumber(family: interval.lower.family, value: value).text)
                if value == interval.upper.value { break }
                value += 1
            }
        }
        return list + hostnames
    }

    /// Whether `address` (a resolved host name) falls in an exclusion.
    public func isExcluded(_ address: String) -> Bool {
        guard let number = IPAddressNumber(address) else { return false }
        return excluded.contains { $0.lower <= number && number <= $0.upper }
    }

    static func entries(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
    }

    /// One entry as an interval: CIDR, a range or a single address.
    static func interval(_ entry: String, field: String) throws(FieldError) -> Interval {
        let shape = "`\(entry)` is not an address, a CIDR block (a.b.c.d/n), a range (a.b.c.d-e) or a host name"
        if let slash = entry.firstIndex(of: "/") {
            guard let address = IPAddressNumber(String(entry[..<slash])) else {
                throw FieldError(field: field, message: shape)
            }
            let suffix = entry[entry.index(after: slash)...]
            guard let prefix = Int(suffix), suffix.allSatisfy(\.isNumber), (0...address.bits).contains(prefix) else {
                throw FieldError(field: field, message: "`\(entry)`: the prefix length must be 0…\(address.bits)")
            }
            let hostBits = address.bits - prefix
            let mask: UInt128 = hostBits == 128 ? .max : (UInt128(1) << UInt128(hostBits)) - 1
            let lower = address.value & ~mask
            return Interval(
                lower: IPAddressNumber(family: address.family, value: lower),
                upper: IPAddressNumber(family: address.family, value: lower | mask))
        }
        if let dash = entry.firstIndex(of: "-"), let first = IPAddressNumber(String(entry[..<dash])) {
            let rest = String(entry[entry.index(after: dash)...])
            var last = IPAddressNumber(rest)
            if last == nil, first.family == .ipv4, rest.allSatisfy(\.isNumber), let octet = Int(rest), octet <= 255 {
                last = IPAddressNumber(family: .ipv4, value: (first.value & ~0xff) | UInt128(octet))
            }
            guard let last, last.family == first.family else { throw FieldError(field: field, message: shape) }
            guard first <= last else {
                throw FieldError(field: field, message: "`\(entry)`: the range ends before it starts")
            }
            return Interval(lower: first, upper: last)
        }
        guard let address = IPAddressNumber(entry) else { throw FieldError(field: field, message: shape) }
        return Interval(lower: address, upper: address)
    }

    static func merge(_ intervals: [Interval]) -> [Interval] {
        var merged: [Interval] = []
        for interval in intervals.sorted(by: { $0.lower < $1.lower }) {
            if var last = merged.last, last.lower.family == interval.lower.family,
                last.upper.value == .max || interval.lower.value <= last.upper.value + 1
            {
                if last.upper < interval.upper { last.upper = interval.upper }
                merged[merged.count - 1] = last
            } else {
                merged.append(interval)
            }
        }
        return merged
    }

    static func subtract(_ exclusions: [Interval], from intervals: [Interval]) -> [Interval] {
        var result = intervals
        for exclusion in exclusions {
            result = result.flatMap { interval -> [Interval] in
                guard interval.lower.family == exclusion.lower.family,
                    exclusion.lower <= interval.upper, interval.lower <= exclusion.upper
                else { return [interval] }
                var pieces: [Interval] = []
                if interval.lower < exclusion.lower {
                    pieces.append(Interval(lower: interval.lower, upper: exclusion.lower.advanced(by: -1)))
                }
                if exclusion.upper < interval.upper {
                    pieces.append(Interval(lower: exclusion.upper.advanced(by: 1), upper: interval.upper))
                }
                return pieces
            }
        }
        return result
    }
}

extension IPAddressNumber {
    func advanced(by step: Int) -> IPAddressNumber {
        IPAddressNumber(family: family, value: step < 0 ? value - UInt128(-step) : value + UInt128(step))
    }
}
