/// A seeded generator of cron expressions that covers every field form, name and extension, leaning towards the
/// early-morning hours where DST changes happen.
struct CronGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    private static let monthNames = [
        "jan", "Feb", "MAR", "apr", "May", "JUN", "jul", "AUG", "sep", "Oct", "NOV", "dec",
    ]
    private static let dayNames = ["sun", "Mon", "TUE", "wed", "Thu", "FRI", "sat"]

    /// One plain element (`a`, `a-b`, `a-b/k`, `a/k`) of a numeric field, with the values it means.
    private mutating func element(_ range: ClosedRange<Int>, favoured: [Int]) -> (String, Set<Int>) {
        let a = chance(60) && !favoured.isEmpty ? favoured[int(0...favoured.count - 1)] : int(range)
        switch int(0...4) {
        case 0, 1: return ("\(a)", [a])
        case 2:
            let b = int(a...range.upperBound)
            return ("\(a)-\(b)", Set(a...b))
        case 3:
            let b = int(a...range.upperBound)
            let k = int(1...max(1, b - a + 1))
            return ("\(a)-\(b)/\(k)", Set(stride(from: a, through: b, by: k)))
        default:
            let k = int(1...max(1, range.upperBound - a))
            return ("\(a)/\(k)", Set(stride(from: a, through: range.upperBound, by: k)))
        }
    }

    /// A minute or hour field: `*`, `*/k`, or a list of elements.
    private mutating func numeric(_ range: ClosedRange<Int>, favoured: [Int], starPercent: Int) -> (String, Set<Int>) {
        if chance(starPercent) {
            if chance(50) { return ("*", Set(range)) }
            let k = int(1...(range.count / 2))
            return ("*/\(k)", Set(stride(from: range.lowerBound, through: range.upperBound, by: k)))
        }
        var texts: [String] = []
        var values: Set<Int> = []
        for _ in 0..<(chance(70) ? 1 : int(2...3)) {
            let (text, set) = element(range, favoured: favoured)
            texts.append(text)
            values.formUnion(set)
        }
        return (texts.joined(separator: ","), values)
    }

    mutating func expression() -> CronModel {
        let (minuteText, minutes) = numeric(0...59, favoured: [0, 15, 30, 45, 59], starPercent: 25)
        let (hourText, hours) = numeric(0...23, favoured: [0, 1, 2, 3], starPercent: 30)
        var model = CronModel(
            text: "", minutes: minutes, hours: hours, days: Set(1...31), months: Set(1...12), weekdays: Set(0...6),
            dayStar: true, weekdayStar: true, followsClock: minuteText.hasPrefix("*") || hourText.hasPrefix("*"))
        var domText = "*"
        switch int(0...9) {
        case 0:
            (domText, model.days) = ("L", [])
            model.lastDay = true
        case 1:
            (domText, model.days) = ("LW", [])
            model.lastWeekday = true
        case 2:
            let (text, set) = element(1...31, favoured: [1, 15, 29, 30, 31])
            (domText, model.days) = ("\(text),L", set)
            model.lastDay = true
        case 3, 4:
            (domText, model.days) = numeric(1...31, favoured: [1, 13, 28, 31], starPercent: 40)
        default: break
        }
        model.dayStar = domText.hasPrefix("*")
        var monthText = "*"
        if chance(15) {
            let a = int(1...12)
            let b = int(a...12)
            monthText =
                chance(50)
                ? "\(Self.monthNames[a - 1])-\(Self.monthNames[b - 1])" : "\(a)-\(b),\(Self.monthNames[a - 1])"
            model.months = Set(a...b)
        }
        var dowText = "*"
        switch int(0...11) {
        case 0: (dowText, model.weekdays) = ("MON-FRI", Set(1...5))
        case 1:
            let d = int(0...6)
            (dowText, model.weekdays) = ("\(Self.dayNames[d])L", [])
            model.lastWeekdays = [d]
        case 2:
            let d = int(0...6)
            let n = int(1...5)
            (dowText, model.weekdays) = ("\(chance(50) ? Self.dayNames[d] : String(d))#\(n)", [])
            model.nthWeekdays = [[d, n]]
        case 3: (dowText, model.weekdays) = ("7", [0])
        case 4: (dowText, model.weekdays) = ("5-7", [5, 6, 0])
        case 5: (dowText, model.weekdays) = ("*/2", [0, 2, 4, 6])
        case 6:
            let d = int(0...6)
            (dowText, model.weekdays) = ("\(d)L,\(Self.dayNames[(d + 3) % 7])", [(d + 3) % 7])
            model.lastWeekdays = [d]
        case 7: (dowText, model.weekdays) = ("fri-sun", [5, 6, 0])
        default: break
        }
        model.weekdayStar = dowText.hasPrefix("*")
        model.text = [minuteText, hourText, domText, monthText, dowText].joined(separator: " ")
        return model
    }
}
