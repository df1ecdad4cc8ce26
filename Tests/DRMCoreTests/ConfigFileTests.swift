import DRMCore
import Testing

@Suite struct ConfigFileTests {
    @Test func tomlScalarsSectionsAndComments() throws {
        let text = """
            # EnableDRM
            port = 9000 # inline comment
            host = "0.0.0.0"
            data_dir = '/var/lib/enabledrm'

            [log]
            level = "debug"
            format = "json"
            """

        let values = try ConfigFile.parse(text, path: "enabledrm.toml")

        #expect(
            values == [
                "port": "9000", "host": "0.0.0.0", "data_dir": "/var/lib/enabledrm", "log_level": "debug",
                "log_format": "json",
            ])
    }

    @Test func jsonObject() throws {
        let values = try ConfigFile.parse(#"{"port": 9000, "host": "::1", "log_format": "json"}"#, path: "c.json")
        #expect(values == ["port": "9000", "host": "::1", "log_format": "json"])
    }

    @Test(arguments: ["port 9000", "host = unquoted", "name = \"unterminated"])
    func malformedTomlNamesTheLine(text: String) {
        #expect {
            try ConfigFile.parse("# first\n" + text, path: "bad.toml")
        } throws: { error in
            "\(error)".contains("bad.toml") && "\(error)".contains("line 2")
        }
    }

    @Test func jsonThatIsNotAnObjectIsRejected() {
        #expect(throws: ConfigError.self) { try ConfigFile.parse("[1, 2]", path: "c.json") }
    }
}
