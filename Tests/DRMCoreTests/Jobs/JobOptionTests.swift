import DRMCore
import Foundation
import Testing

@Suite struct JobOptionTests {
    static let options = [
        JobOption(name: "version", required: true),
        JobOption(name: "count", type: .integer, defaultValue: 3),
        JobOption(name: "dry_run", type: .boolean, defaultValue: false),
        JobOption(name: "env", allowed: ["staging", "production"]),
        JobOption(name: "note"),
    ]

    @Test func validOptionsPass() throws {
        try JobOption.validate(Self.options)
        try JobOption.validate([])
    }

    @Test(arguments: ["", "1st", "_x", "has space", "a-b", "target.host", "ä"])
    func refusesBadNames(name: String) {
        #expect(
            throws: FieldError(
                field: "options.1.name", message: "must be letters, digits and _, starting with a letter")
        ) {
            try JobOption.validate([JobOption(name: "ok"), JobOption(name: name)])
        }
    }

    @Test func refusesADuplicate() {
        #expect(throws: FieldError(field: "options.2.name", message: "'a' is declared twice")) {
            try JobOption.validate([JobOption(name: "a"), JobOption(name: "b"), JobOption(name: "a", type: .integer)])
        }
    }

    static let wrongDefaults: [(JobOption, String)] = [
        (JobOption(name: "n", type: .integer, defaultValue: "five"), "must be a whole number"),
        (JobOption(name: "n", type: .integer, defaultValue: 2.5), "must be a whole number"),
        (JobOption(name: "n", type: .boolean, defaultValue: "maybe"), "must be true or false"),
        (JobOption(name: "n", type: .boolean, defaultValue: 1), "must be true or false"),
        (JobOption(name: "n", type: .string, defaultValue: ["a"]), "must be a string"),
        (JobOption(name: "n", defaultValue: "c", allowed: ["a", "b"]), "must be one of a, b"),
    ]

    @Test(arguments: wrongDefaults)
    func refusesADefaultOfTheWrongType(option: JobOption, message: String) {
        #expect(throws: FieldError(field: "options.0.default", message: message)) {
            try JobOption.validate([option])
        }
    }

    @Test func resolveFillsDefaultsAndCoercesText() throws {
        let resolved = try JobOption.resolve(
            Self.options, given: ["version": "1.2", "count": "5", "dry_run": "yes", "env": "staging"])
        #expect(resolved == ["version": "1.2", "count": 5, "dry_run": true, "env": "staging"])
        #expect(resolved["note"] == nil, "no value and no default: left out")
    }

    static let coercions: [(JobOption.Kind, JSONValue, JSONValue)] = [
        (.integer, " 5 ", 5),
        (.integer, .number(-7), .number(-7)),
        (.boolean, "yes", true), (.boolean, "TRUE", true), (.boolean, "1", true),
        (.boolean, "false", false), (.boolean, "No", false), (.boolean, "0", false), (.boolean, false, false),
        (.string, 5, "5"), (.string, 2.5, "2.5"), (.string, true, "true"),
    ]

    @Test(arguments: coercions)
    func coerces(kind: JobOption.Kind, given: JSONValue, expected: JSONValue) throws {
        let option = JobOption(name: "x", type: kind)
        #expect(try JobOption.resolve([option], given: ["x": given]) == ["x": expected])
    }

    static let wrongValues: [(JobOption.Kind, JSONValue, String)] = [
        (.integer, "5.5", "must be a whole number"),
        (.integer, "five", "must be a whole number"), (.integer, true, "must be a whole number"),
        (.integer, 1.5, "must be a whole number"), (.boolean, "yep", "must be true or false"),
        (.boolean, 1, "must be true or false"), (.string, .object(["a": 1]), "must be a string"),
    ]

    @Test(arguments: wrongValues)
    func refusesValuesOfTheWrongType(kind: JobOption.Kind, given: JSONValue, message: String) {
        #expect(throws: FieldError(field: "parameters.x", message: message)) {
            try JobOption.resolve([JobOption(name: "x", type: kind)], given: ["x": given])
        }
    }

    @Test func refusesAnUnknownParameterByName() {
        #expect(throws: FieldError(field: "parameters.x", message: "is not an option of this job")) {
            try JobOption.resolve(Self.options, given: ["version": "1", "x": "1", "y": "2"])
        }
    }

    @Test func refusesAMissingRequiredValue() {
        #expect(throws: FieldError(field: "parameters.version", message: "is required")) {
            try JobOption.resolve(Self.options, given: [:])
        }
        #expect(throws: FieldError(field: "parameters.version", message: "is required"), "null counts as missing") {
            try JobOption.resolve(Self.options, given: ["version": .null])
        }
    }

    @Test func aRequiredOptionWithADefaultTakesTheDefault() throws {
        let option = JobOption(name: "v", required: true, defaultValue: "latest")
        #expect(try JobOption.resolve([option], given: [:]) == ["v": "latest"])
    }

    @Test func defaultsAreOfTheDeclaredType() throws {
        let options = [
            JobOption(name: "n", type: .integer, defaultValue: "5"),
            JobOption(name: "b", type: .boolean, defaultValue: "yes"),
        ]
        try JobOption.validate(options)
        #expect(try JobOption.resolve(options, given: [:]) == ["n": 5, "b": true])
    }

    @Test func allowedValuesAreEnforced() throws {
        #expect(
            try JobOption.resolve(Self.options, given: ["version": "1", "env": "production"])["env"] == "production")
        #expect(throws: FieldError(field: "parameters.env", message: "must be one of staging, production")) {
            try JobOption.resolve(Self.options, given: ["version": "1", "env": "Production"])
        }
    }

    @Test func decodesTheAPIShape() throws {
        let json = #"{"name": "count", "type": "integer", "default": 2, "required": true}"#
        let option = try JSONDecoder().decode(JobOption.self, from: Data(json.utf8))
        #expect(option == JobOption(name: "count", type: .integer, required: true, defaultValue: 2))
        let bare = try JSONDecoder().decode(JobOption.self, from: Data(#"{"name": "v"}"#.utf8))
        #expect(bare == JobOption(name: "v"))
    }

    static let plainTexts: [(JSONValue, String)] = [
        ("a b", "a b"), (.number(5), "5"), (.number(-3), "-3"), (.number(2.5), "2.5"),
        (.bool(true), "true"), (.bool(false), "false"), (.null, ""), (.array([1, "a"]), #"[1,"a"]"#),
        (.object(["k": "v"]), #"{"k":"v"}"#),
    ]

    @Test(arguments: plainTexts)
    func plainText(value: JSONValue, expected: String) {
        #expect(value.plainText == expected)
    }
}
