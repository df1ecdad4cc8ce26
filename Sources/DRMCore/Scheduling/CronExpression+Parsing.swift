extension CronExpression {
    /// The nicknames Debian cron accepts, as the five fields they stand for.
    static let nicknames: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]
    private static let monthNames = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ]
    private static let weekdayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    /// Parses a five-field expression: `*`, values, lists, ranges, steps (`*/15`, `1-30/7`, `5/10`), month and
    /// weekday names in any case, weekday 0 and 7 both Sunday, `L` and `LW` in the day of month, `5L` and `FRI#2`
    /// in the day of week, and the nicknames `@hourly` … `@yearly`. Throws `ScheduleRuleError` naming the field
    /// at fault, and refuses an expression that can never fire.
    public init(_ expression: String) throws(ScheduleRuleError) {
        let trimmed = expression.trimmingSpaces
        var text = trimmed
        if trimmed.hasPrefix("@") {
            guard let expanded = Self.nicknames[trimmed.lowercased()] else {
                throw .cron(
                    cronField: nil,
                    reason: "unknown nickname \(trimmed) (use @hourly, @daily, @weekly, @monthly or @yearly)")
            }
            text = expanded
        }
        let fields: [String] = text.split(whereSeparator: { (character: Character) -> Bool in
            character == " " || character == "\t"
        }).map { String($0) }
        guard fields.count == 5 else {
            if fields.count == 6 || fields.count == 7 {
                throw .cron(
                    cronField: nil,
                    reason: "\(fields.count) fields given; use 5 (minute hour day-of-month month day-of-week): "
                        + "seconds and years are not supported")
            }
            throw .cron(
                cronField: nil,
                reason: "\(fields.count) field\(fields.count == 1 ? "" : "s") given; use 5 "
                    + "(minute hour day-of-month month day-of-week)")
        }
        let minute = try Self.parse(fields[0], field: "minute", range: 0...59, names: [])
        let hour = try Self.parse(fields[1], field: "hour", range: 0...23, names: [])
        let dom = try Self.parse(fields[2], field: "day of month", range: 1...31, names: [], dayOfMonth: true)
        let month = try Self.parse(fields[3], field: "month", range: 1...12, names: Self.monthNames, nameBase: 1)
        let dow = try Self.parse(
            fields[4], field: "day of week", range: 0...7, names: Self.weekdayNames, dayOfWeek: true)
        let weekdays = dow.bits & 0x7F | (dow.bits >> 7 & 1)
        self.init(
            source: trimmed, minutes: minute.bits, hours: UInt32(hour.bits), daysOfMonth: UInt32(dom.bits),
            lastDayOfMonth: dom.last, lastWeekdayOfMonth: dom.lastWeekday, months: UInt16(month.bits),
            weekdays: UInt8(weekdays), lastWeekdays: dow.lastWeekdays, nthWeekdays: dow.nth,
            dayOfMonthStar: fields[2].hasPrefix("*"), dayOfWeekStar: fields[4].hasPrefix("*"),
            followsClock: fields[0].hasPrefix("*") || fields[1].hasPrefix("*"))
        guard canFire else { throw .neverFires(expression: trimmed) }
    }

    /// What one field parsed to.
    private struct ParsedField {
        var bits: UInt64 = 0
        var last = false
        var lastWeekday = false
        var lastWeekdays: UInt8 = 0
        var nth: UInt64 = 0
    }

    private static func parse(
        _ text: String, field: String, range: ClosedRange<Int>, names: [String], nameBase: Int = 0,
        dayOfMonth: Bool = false, dayOfWeek: Bool = false
    ) throws(ScheduleRuleError) -> ParsedField {
        var parsed = ParsedField()
        if text.contains("?") {
            throw .cron(cronField: field, reason: "\"?\" is not supported; use \"*\"")
        }
        for element in text.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).uppercased() }) {
            guard !element.isEmpty else { throw .cron(cronField: field, reason: "empty list element in \"\(text)\"") }
            if dayOfMonth, element == "L" || element == "LW" {
                if element == "L" { parsed.last = true } else { parsed.lastWeekday = true }
                continue
            }
            if dayOfWeek, element.count > 1, element.hasSuffix("L") {
                let day = try value(
                    String(element.dropLast()), field: field, range: range, names: names, nameBase: nameBase)
                parsed.lastWeekdays |= 1 << UInt8(day % 7)
                continue
            }
            if dayOfWeek, let hash = element.firstIndex(of: "#") {
                let day = try value(
                    String(element[..<hash]), field: field, range: range, names: names, nameBase: nameBase)
                let nthText = String(element[element.index(after: hash)...])
                guard let n = Int(nthText), nthText.allSatisfy(\.isASCIIDigit), (1...5).contains(n) else {
                    throw .cron(
                        cronField: field, reason: "\"#\(nthText)\" in \"\(element)\": the occurrence must be 1 to 5")
                }
                parsed.nth |= 1 << UInt64(7 * (n - 1) + day % 7)
                continue
            }
            if element.contains("L") || element.contains("W") || element.contains("#"),
                names.isEmpty || !names.contains(where: { element.contains($0) })
            {
                throw .cron(cronField: field, reason: "\"\(element)\" is not allowed here")
            }
            parsed.bits |= try rangeBits(
                element, field: field, range: range, names: names, nameBase: nameBase, dayOfWeek: dayOfWeek)
        }
        return parsed
    }

    /// One list element without extensions: `*`, `*/S`, `A`, `A-B`, `A-B/S` or `A/S`.
    private static func rangeBits(
        _ element: String, field: String, range: ClosedRange<Int>, names: [String], nameBase: Int, dayOfWeek: Bool
    ) throws(ScheduleRuleError) -> UInt64 {
        let parts = element.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2 else { throw .cron(cronField: field, reason: "more than one \"/\" in \"\(element)\"") }
        var step = 1
        if parts.count == 2 {
            guard let value = Int(parts[1]), parts[1].allSatisfy(\.isASCIIDigit) else {
                throw .cron(cronField: field, reason: "step \"\(parts[1])\" in \"\(element)\" is not a number")
            }
            guard value > 0 else { throw .cron(cronField: field, reason: "zero step in \"\(element)\"") }
            step = value
        }
        var low: Int
        var high: Int
        // Day of week runs 0...7 with 7 for Sunday; `*` means 0...6.
        let top = dayOfWeek ? 6 : range.upperBound
        if parts[0] == "*" {
            low = range.lowerBound
            high = top
        } else {
            let bounds = parts[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard bounds.count <= 2 else {
                throw .cron(cronField: field, reason: "more than one \"-\" in \"\(element)\"")
            }
            low = try value(bounds[0], field: field, range: range, names: names, nameBase: nameBase)
            if bounds.count == 2 {
                high = try value(bounds[1], field: field, range: range, names: names, nameBase: nameBase)
                // `FRI-SUN` means Friday to Sunday: a range ending on Sunday's name ends on 7.
                if dayOfWeek, high == 0, bounds[1] == "SUN" { high = 7 }
                guard low <= high else {
                    throw .cron(cronField: field, reason: "reversed range \"\(parts[0])\": \(low) is after \(high)")
                }
            } else {
                high = parts.count == 2 ? top : low
            }
        }
        var bits: UInt64 = 0
        var current = low
        while current <= high {
            bits |= 1 << UInt64(current)
            current += step
        }
        return bits
    }

    /// One value: a number in range, or a name.
    private static func value(
        _ text: String, field: String, range: ClosedRange<Int>, names: [String], nameBase: Int
    ) throws(ScheduleRuleError) -> Int {
        if let index = names.firstIndex(of: text) { return index + nameBase }
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let number = Int(text) else {
            let known = names.isEmpty ? "" : " (or a name such as \(names[0]))"
            throw .cron(cronField: field, reason: "\"\(text)\" is not a number\(known)")
        }
        guard range.contains(number) else {
            throw .cron(
                cronField: field,
                reason: "\(number) is out of range \(range.lowerBound)-\(range.upperBound)")
        }
        return number
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
