/// The order people expect of names with numbers in them: `node-2` before `node-10`. Letters compare without
/// regard to case; a run of digits compares by its value (then by its length, so `007` follows `7`).
public enum NaturalOrder {
    /// Whether `left` comes before `right`.
    public static func precedes(_ left: String, _ right: String) -> Bool {
        compare(left, right) < 0
    }

    /// Negative, zero or positive as `left` comes before, with or after `right`.
    public static func compare(_ left: String, _ right: String) -> Int {
        compare(key(left), key(right))
    }

    /// A name as the comparison reads it: work it out once per name to sort many.
    public typealias Key = [UInt32]

    /// The sort key of `name`.
    public static func key(_ name: String) -> Key { name.lowercased().unicodeScalars.map(\.value) }

    /// Negative, zero or positive as the name of `a` comes before, with or after that of `b`.
    public static func compare(_ a: Key, _ b: Key) -> Int {
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if isDigit(a[i]) && isDigit(b[j]) {
                var endA = i
                while endA < a.count && isDigit(a[endA]) { endA += 1 }
                var endB = j
                while endB < b.count && isDigit(b[endB]) { endB += 1 }
                var startA = i
                while startA < endA && a[startA] == 48 { startA += 1 }
                var startB = j
                while startB < endB && b[startB] == 48 { startB += 1 }
                let lengthA = endA - startA
                let lengthB = endB - startB
                if lengthA != lengthB { return lengthA < lengthB ? -1 : 1 }
                for offset in 0..<lengthA where a[startA + offset] != b[startB + offset] {
                    return a[startA + offset] < b[startB + offset] ? -1 : 1
                }
                if endA - i != endB - j { return endA - i < endB - j ? -1 : 1 }
                i = endA
                j = endB
                continue
            }
            if a[i] != b[j] { return a[i] < b[j] ? -1 : 1 }
            i += 1
            j += 1
        }
        if i == a.count && j == b.count { return 0 }
        return i == a.count ? -1 : 1
    }

    static func isDigit(_ value: UInt32) -> Bool { value >= 48 && value <= 57 }

    /// A key whose plain (byte-wise) order is the natural order, so a database can sort and index by it: the name in
    /// lower case, each run of digits without its leading zeros and after two digits that give its length
    /// (`node-2` → `node-012`, `node-10` → `node-0210`).
    public static func indexKey(_ name: String) -> String {
        var key = ""
        var scalars = Array(name.lowercased().unicodeScalars)[...]
        let digit = { (scalar: Unicode.Scalar) in isDigit(scalar.value) }
        while let first = scalars.first {
            guard digit(first) else {
                key.unicodeScalars.append(first)
                scalars = scalars.dropFirst()
                continue
            }
            let digits = scalars.prefix(while: digit)
            scalars = scalars.dropFirst(digits.count)
            let value = digits.drop { $0 == "0" }
            let length = min(value.count, 99)
            key += (length < 10 ? "0" : "") + String(length)
            key.unicodeScalars.append(contentsOf: value)
        }
        return key
    }
}
