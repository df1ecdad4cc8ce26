import DRMCore
import Foundation
import Testing

@Suite struct TargetFilterTests {
    let web = TargetFilter.Subject(
        name: "web-1", hosts: ["10.0.0.1", "web-1.example.com"], tags: ["web", "frontend"], osType: "linux",
        environment: "production", status: "active", targetType: "system", deviceType: "generic_device",
        serial: "T20250000001")
    let legacyDB = TargetFilter.Subject(
        name: "DB-Legacy", hosts: ["10.0.0.2"], tags: ["db", "legacy"], osType: "windows", environment: "staging")

    @Test func notBindsTighterThanAndWhichBindsTighterThanOr() throws {
        #expect(
            try TargetFilter.parse("tag=a or tag=b and not tag=c")
                == .or(
                    .comparison(.tag, .equals, "a"),
                    .and(.comparison(.tag, .equals, "b"), .not(.comparison(.tag, .equals, "c")))))
        #expect(
            try TargetFilter.parse("(tag=a or tag=b) and tag=c")
                == .and(
                    .or(.comparison(.tag, .equals, "a"), .comparison(.tag, .equals, "b")),
                    .comparison(.tag, .equals, "c")))
        #expect(
            try TargetFilter.parse("tag=a and tag=b and tag=c")
                == .and(
                    .and(.comparison(.tag, .equals, "a"), .comparison(.tag, .equals, "b")),
                    .comparison(.tag, .equals, "c")))
    }

    @Test func keywordsAndFieldsIgnoreCaseAndSpacesAreOptional() throws {
        #expect(
            try TargetFilter.parse("TAG = web AND NOT os!=linux") == TargetFilter.parse("tag=web and not os!=linux"))
    }

    @Test(arguments: [
        ("tag=web and os=linux", true, false),
        ("name~db-*", false, true),
        ("(env=production or env=staging) and not tag=legacy", true, false),
        ("host=10.0.0.2", false, true),
        ("host~*.example.com", true, false),
        ("tag!=legacy", true, false),
        ("status=active", true, false),
        ("status!=active", false, true),
        ("type=system and device=generic_device and serial=T20250000001", true, false),
        ("name=DB-Legacy", false, true),
        ("name=db-legacy", false, false),
        ("name~\"db-legacy\"", false, true),
        ("not (tag=web or tag=db)", false, false),
    ])
    func evaluates(text: String, matchesWeb: Bool, matchesLegacyDB: Bool) throws {
        let filter = try TargetFilter.parse(text)
        #expect(filter.matches(web) == matchesWeb, "web: \(text)")
        #expect(filter.matches(legacyDB) == matchesLegacyDB, "legacy db: \(text)")
    }

    @Test func quotedValuesTakeEscapes() throws {
        let filter = try TargetFilter.parse(#"name="a \"quoted\" name\\x" or tag="with space""#)
        #expect(
            filter
                == .or(.comparison(.name, .equals, #"a "quoted" name\x"#), .comparison(.tag, .equals, "with space")))
    }

    @Test(arguments: [
        "tag=web and os=linux", "(env=production or env=staging) and not tag=legacy", "not (tag=a and tag=b)",
        #"name="two words" or name="and""#, "tag=a and (tag=b or tag=c)", #"name~"quo\"te\\""#,
    ])
    func descriptionParsesBackToTheSameFilter(text: String) throws {
        let filter = try TargetFilter.parse(text)
        #expect(try TargetFilter.parse(filter.description) == filter)
    }

    @Test(arguments: [
        (
            "colour=red", 0,
            "unknown field 'colour' at 0; fields: name, host, tag, os, env, status, type, device, serial"
        ),
        ("", 0, "empty filter at 0; expected a comparison such as tag=web"),
        ("tag web", 4, "expected =, != or ~ after 'tag' at 4, found 'web'"),
        ("tag=", 4, "expected a value after '=' at 4, found the end"),
        (
            "tag=a and", 9,
            "expected a field at 9, found the end; fields: name, host, tag, os, env, status, type, device, serial"
        ),
        ("(tag=a", 6, "expected ')' at 6 to close '(' at 0, found the end"),
        ("tag=a)", 5, "unexpected ')' at 5; expected 'and', 'or' or the end"),
        ("tag=a tag=b", 6, "unexpected 'tag' at 6; expected 'and', 'or' or the end"),
        ("name=\"abc", 5, "unterminated string at 5"),
        ("name=\"abc\\", 5, "unterminated string at 5"),
        (#"name="a\qb""#, 7, #"unknown escape '\q' at 7; escapes: \" \\ \n \t"#),
        ("tag!web", 3, "expected '=' after '!' at 3"),
        ("tag==web", 4, "expected a value after '=' at 4, found '='"),
    ])
    func parseErrorsSayWhereAndWhat(text: String, offset: Int, message: String) {
        #expect(throws: TargetFilter.ParseError(offset: offset, message: message)) { try TargetFilter.parse(text) }
    }

    @Test func offsetsCountCharactersNotBytes() {
        #expect(throws: TargetFilter.ParseError.self) { try TargetFilter.parse("name=\"é\" colour=1") }
        do {
            _ = try TargetFilter.parse("name=é or colour=1")
            Issue.record("parsed")
        } catch {
            #expect(error.offset == 10)
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "(", count: 10_000) + "tag=a" + String(repeating: ")", count: 10_000)
        #expect(throws: TargetFilter.ParseError.self) { try TargetFilter.parse(deep) }
        let notChain = String(repeating: "not ", count: 10_000) + "tag=a"
        #expect(throws: TargetFilter.ParseError.self) { try TargetFilter.parse(notChain) }
        let ok = String(repeating: "(", count: 60) + "tag=a" + String(repeating: ")", count: 60)
        #expect((try? TargetFilter.parse(ok)) == .comparison(.tag, .equals, "a"))
    }

    @Test func absentFactsFailEqualityAndPassInequality() throws {
        let bare = TargetFilter.Subject(name: "bare")
        #expect(!(try TargetFilter.parse("os=linux")).matches(bare))
        #expect(try TargetFilter.parse("os!=linux").matches(bare))
        #expect(!(try TargetFilter.parse("os~*")).matches(bare))
        #expect(!(try TargetFilter.parse("tag~*")).matches(bare))
    }

    @Test func requiredEqualitiesAreTheTopLevelConjunction() throws {
        let filter = try TargetFilter.parse("tag=web and os=linux and (env=a or env=b) and not status=x and name~w*")
        #expect(filter.requiredEqualities.map { "\($0.field.rawValue)=\($0.value)" } == ["tag=web", "os=linux"])
        #expect(try TargetFilter.parse("tag=web or os=linux").requiredEqualities.isEmpty)
    }
}

@Suite struct GlobPatternTests {
    @Test(arguments: [
        ("db-*", "db-1", true), ("db-*", "DB-", true), ("db-*", "db", false), ("*", "", true), ("", "", true),
        ("", "a", false), ("?", "", false), ("?", "é", true), ("a?c", "abc", true), ("a?c", "ac", false),
        ("*.example.com", "web.EXAMPLE.com", true), ("*.example.com", "example.com", false), ("a*b*c", "aXbYbZc", true),
        ("a*b*c", "aXbYbZ", false), ("**a", "bbba", true), ("*a*", "bbb", false), ("web", "web-1", false),
        ("*ab", "aab", true), ("a*", "a", true), ("[a]", "[a]", true),
    ])
    func globs(pattern: String, text: String, matches: Bool) {
        #expect(GlobPattern(pattern).matches(text) == matches)
    }

    // Backtracking over 50 stars would not end in our lifetime; the time limit is generous for a loaded machine.
    @Test(.timeLimit(.minutes(3))) func pathologicalPatternStaysFast() {
        let text = String(repeating: "a", count: 20_000)
        let pattern = String(repeating: "*a", count: 50) + "b"
        #expect(!GlobPattern(pattern).matches(text))
    }
}

@Suite struct TargetFilterCodingTests {
    @Test func codesAsItsText() throws {
        let filter = try TargetFilter.parse("(env=production or env=staging) and not tag=\"old box\"")
        let data = try JSONEncoder().encode(["filter": filter])
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"{"filter":"(env=production or env=staging) and not tag=\"old box\""}"#)
        #expect(try JSONDecoder().decode([String: TargetFilter].self, from: data) == ["filter": filter])
    }

    @Test func badTextFailsDecodingWithTheParseMessage() {
        do {
            _ = try JSONDecoder().decode([TargetFilter].self, from: Data(#"["colour=red"]"#.utf8))
            Issue.record("decoded")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.hasPrefix("unknown field 'colour' at 0"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
