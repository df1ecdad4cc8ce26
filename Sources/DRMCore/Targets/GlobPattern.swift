/// A case-insensitive glob: `*` matches any run of characters (also none), `?` exactly one; everything else itself.
public struct GlobPattern: Sendable, Hashable {
    /// The pattern as written.
    public let pattern: String
    private let characters: [Character]

    /// The glob `pattern`.
    public init(_ pattern: String) {
        self.pattern = pattern
        characters = Array(pattern.lowercased())
    }

    /// Whether all of `text` matches the pattern, ignoring case.
    public func matches(_ text: String) -> Bool {
        let text = Array(text.lowercased())
        var textIndex = 0
        var patternIndex = 0
        // Where the last `*` was and where in the text it started matching, to widen it on a mismatch.
        var star: (pattern: Int, text: Int)?
        while textIndex < text.count {
            if patternIndex < characters.count, characters[patternIndex] == "*" {
                star = (patternIndex, textIndex)
                patternIndex += 1
            } else if patternIndex < characters.count,
                characters[patternIndex] == "?" || characters[patternIndex] == text[textIndex]
            {
                patternIndex += 1
                textIndex += 1
            } else if let last = star {
                star = (last.pattern, last.text + 1)
                patternIndex = last.pattern + 1
                textIndex = last.text + 1
            } else {
                return false
            }
        }
        while patternIndex < characters.count, characters[patternIndex] == "*" { patternIndex += 1 }
        return patternIndex == characters.count
    }
}
