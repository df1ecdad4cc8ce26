import DRMCore
import Foundation
import Testing

@Suite struct TemplateTextTests {
    @Test func listsVariablesInOrderOfFirstUse() throws {
        let template = try TemplateText("deploy {{version}} to {{ target.host }} ({{version}}, {{job.name}})")
        #expect(template.variables == ["version", "target.host", "job.name"])
        #expect(try TemplateText("no variables, just } and { and }}").variables == [])
    }

    @Test func rendersValuesAndEmptiesUnknownOnes() throws {
        let template = try TemplateText("{{a}}-{{b}}-{{missing}}.")
        #expect(template.render(["a": "1", "b": "two"]) == "1-two-.")
    }

    @Test func escapesEachValueButNotTheText() throws {
        let template = try TemplateText("echo {{msg}} 'literal'")
        #expect(template.render(["msg": "it's"], escape: TemplateText.shellQuoted) == #"echo 'it'\''s' 'literal'"#)
    }

    @Test func substitutesInOnePass() throws {
        let template = try TemplateText("{{a}} {{b}}")
        #expect(template.render(["a": "{{b}}", "b": "B"]) == "{{b}} B")
    }

    @Test(arguments: [
        ("echo {{version", "has '{{' without a closing '}}'"),
        ("{{a}} {{", "has '{{' without a closing '}}'"),
        ("{{}}", "'{{}}' is not a variable name"),
        ("{{  }}", "'{{}}' is not a variable name"),
        ("{{1abc}}", "'{{1abc}}' is not a variable name"),
        ("{{a-b}}", "'{{a-b}}' is not a variable name"),
        ("{{a..b}}", "'{{a..b}}' is not a variable name"),
        ("{{target.}}", "'{{target.}}' is not a variable name"),
        ("{{{x}}}", "'{{{x}}' is not a variable name"),
    ])
    func refusesMalformedText(text: String, message: String) {
        #expect(throws: FieldError.Reason(message)) { try TemplateText(text) }
    }

    @Test(arguments: [
        ("version", true), ("target.host", true), ("a_1.b_2", true), ("A", true), ("", false), ("_a", false),
        ("a.", false), (".a", false), ("a.1b", false), ("a b", false), ("é", false),
    ])
    func variableNames(name: String, valid: Bool) {
        #expect(TemplateText.isVariableName(name) == valid)
    }

    @Test(arguments: [
        ("plain", "'plain'"), ("", "''"), ("it's", #"'it'\''s'"#), ("''", #"''\'''\'''"#),
        ("$(rm -rf /) `x` \"q\"", #"'$(rm -rf /) `x` "q"'"#),
    ])
    func shellQuoted(text: String, expected: String) {
        #expect(TemplateText.shellQuoted(text) == expected)
    }

    @Test("a parameter in a URL can never change its scheme, host or port")
    func urlParametersStayInTheirComponent() throws {
        let template = try TemplateText("http://127.0.0.1:8080/items/{{id}}?q={{q}}")
        for value in ["x@127.0.0.9:1/", "@evil.example", "a/../../b", "1#frag", "x?y=z&w", "%41", "é ü", "x:1"] {
            let url = try #require(
                URLComponents(string: template.render(["id": value, "q": value], escape: TemplateText.urlComponent)))
            #expect(url.scheme == "http" && url.host == "127.0.0.1" && url.port == 8080, "\(value): \(url)")
            #expect(url.path == "/items/" + value, "the value is one path segment, decoded as given")
            #expect(url.queryItems == [URLQueryItem(name: "q", value: value)])
        }
    }
}
