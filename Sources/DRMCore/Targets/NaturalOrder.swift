/// The order people expect of names with numbers in them: `node-2` before `node-10`. Letters compare without
/// regard to case; a run of digits compares by its value (then by its length, so `007` follows `7`).
public enum NaturalOrder {
    /// Whether `left` comes before `right`.
    public static func precedes(_ left: String, _ right: String) -> Bool {
        compare(left, right) < 0
    }

    /// Negative, zero or positive as `left` comes before, with or after `right`.
    public static func compare(_ left: String, _ right: String) -> Int {
        var a = Array(left.lowercased().unicodeScalars)[...]
        var b = Array(right.lowercased().unicodeScalars)[...]
        while let x = a.first, let y = b.first {
            if isDigit(x) && isDigit(y) {
                let digitsA = a.prefix(while: isDigit)
                let digitsB = b.prefix(while: isDigit)
                a = a.dropFirst(digitsA.count)
                b = b.dropFirst(digitsB.count)
                let valueA = digitsA.drop { $0 == "0" }
                let valueB = digitsB.drop { $0 == "0" }
                if valueA.count != valueB.count { return valueA.count < valueB.count ? -1 : 1 }
                for (p, q) in zip(valueA, valueB) where p != q { return p.value < q.value ? -1 : 1 }
                if digitsA.count != digitsB.count { return digitsA.count < digitsB.count ? -1 : 1 }
                continue
            }
            if x != y { return x.value < y.value ? -1 : 1 }
            a = a.dropFirst()
            b = b.dropFirst()
        }
        if a.isEmpty && b.isEmpty { return 0 }
        return a.isEmpty ? -1 : 1
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// A key whose plain (byte-wise) order is the natural order, so a database can sort and index by it: the name in
    /// lower case, each run of digits without its leading zeros and after two digits that give its length
    /// (`node-2` → `node-012`, `node-10` → `node-0210`).
    public static func key(_ name: String) -> String {
        var key = ""
        var scalars = Array(name.lowercased().unicodeScalars)[...]
        while let first = scalars.first {
            guard isDigit(first) else {
                key.unicodeScalars.append(first)
                scalars = scalars.dropFirst()
                continue
            }
            let digits = scalars.prefix(while: isDigit)
            scalars = scalars.dropFirst(digits.count)
            let value = digits.drop { $0 == "0" }
            let length = min(value.count, 99)
            key += (length < 10 ? "0" : "") + String(length)
            key.unicodeScalars.append(contentsOf: value)
        }
        return key
    }
}
