import DRMCore
import Testing

@Suite struct CSVTests {
    @Test func quotedFieldsEscapedQuotesAndLineBreaks() throws {
        let text = "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",,x\nlast,\"\",end"
        let records = try CSV.parse(text)
        #expect(
            records.map(\.fields) == [["a", "b,c", "say \"hi\""], ["two\r\nlines", "", "x"], ["last", "", "end"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func byteOrderMarkAndFinalLineBreakAreDropped() throws {
        #expect(try CSV.parse("\u{FEFF}name,host\r\nx,y\r\n").map(\.fields) == [["name", "host"], ["x", "y"]])
        #expect(try CSV.parse("a\rb\r").map(\.fields) == [["a"], ["b"]])
        #expect(try CSV.parse("").isEmpty)
        #expect(try CSV.parse("a,").map(\.fields) == [["a", ""]])
        #expect(try CSV.parse("a\n\nb").map(\.fields) == [["a"], [""], ["b"]])
    }

    @Test(arguments: [
        ("a,\"open\nstill open", "line 1: a quoted field is not closed"),
        ("ok\nab\"c", "line 2: a quote inside an unquoted field; quote the whole field"),
        ("ok\r\n\"x\"y", "line 2: text after a closing quote; a quote in a field is written \"\""),
    ])
    func malformedTextSaysWhichLine(text: String, message: String) {
        #expect(throws: CSVError.self) { try CSV.parse(text) }
        do {
            _ = try CSV.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func writingThenReadingGivesTheSameFields() throws {
        let rows = [
            ["plain", "with,comma", "with \"quote\"", "multi\nline", " padded ", "", "crlf\r\nin", "é ✓"],
            ["", "", "", "", "", "", "", ""],
        ]
        let text = CSV.write(rows)
        #expect(text.hasPrefix("plain,\"with,comma\",\"with \"\"quote\"\"\",\"multi\nline\",\" padded \",,"))
        #expect(try CSV.parse(text).map(\.fields) == rows)
    }

    // 100,000 lines (3.2 MB): a parser quadratic in the input would take hours, a linear one well under a second;
    // the time limit is generous, because a loaded machine may be many times slower.
    @Test(.timeLimit(.minutes(3))) func largeInputParsesInLinearTime() throws {
        let text = String(repeating: "name,\"quoted, field\",10.0.0.1\n", count: 100_000)
        #expect(try CSV.parse(text).count == 100_000)
    }

    @Test("every written field is inert in a spreadsheet: = + - @ tab and carriage return are quoted away")
    func formulasAreNeutralised() throws {
        let dangerous = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1:A2)", "+1+1", "-2+3", "\tx", "\r=1", "=1"]
        let text = CSV.write([dangerous + ["-1", "+2.5", "plain", "a=b"]])
        let fields = try CSV.parse(text)[0].fields

        #expect(fields.prefix(dangerous.count).allSatisfy { $0.hasPrefix("'") }, "\(fields)")
        #expect(Array(fields.prefix(dangerous.count)) == dangerous.map { "'" + $0 })
        #expect(Array(fields.suffix(4)) == ["-1", "+2.5", "plain", "a=b"], "numbers and inner signs stay as they are")
    }
}
