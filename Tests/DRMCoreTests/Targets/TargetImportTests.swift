import DRMCore
import Foundation
import Testing

@Suite struct TargetImportTests {
    let header = "name,host,port,username,password,key_file,tags,os_type"

    func errors(_ outcome: TargetImport.Outcome) -> [String] {
        if case .failure(let problems) = outcome { return problems.errors.map(\.description) }
        return []
    }

    @Test func validRowsComeBackTyped() throws {
        let text =
            "\u{FEFF}\(header),environment\r\nweb-1,10.0.0.1,2222,root, p w ,,web; linux ;;web,Linux,Production\r\n"
        let outcomes = try TargetImport.parseCSV(text)
        #expect(
            try outcomes.map { try $0.get() } == [
                TargetImportRow(
                    name: "web-1", host: "10.0.0.1", port: 2222, username: "root", password: " p w ",
                    tags: ["web", "linux"], osType: "linux", environment: "production")
            ])
    }

    @Test func rowErrorsNameTheLineAndTheField() throws {
        let text = """
            \(header)
            ok,10.0.0.1,,,,,,
            "multi
            line",10.0.0.2,22,,,,,
            bad,10.0.0.3,70000,,,,,
            ,not a host,x,,,,,
            short,10.0.0.4

            last,h,1,,,,,bad os
            """
        let outcomes = try TargetImport.parseCSV(text)
        #expect(outcomes.count == 6, "the blank line is skipped")
        #expect((try? outcomes[0].get())?.name == "ok")
        #expect((try? outcomes[1].get())?.name == "multi\nline")
        #expect(errors(outcomes[2]) == ["row 5: port: must be 1…65535"])
        #expect(
            errors(outcomes[3]) == [
                "row 6: name: must not be empty", "row 6: host: must be an IPv4 or IPv6 address or a DNS name",
                "row 6: port: must be 1…65535",
            ])
        #expect(errors(outcomes[4]) == ["row 7: has 2 fields; the header has 8"])
        #expect(errors(outcomes[5]) == ["row 9: os_type: must be letters, digits, '_' or '-' (e.g. linux, windows)"])
    }

    @Test(arguments: [
        (
            "name,host,port,username,password,key_file,tags,os_type,colour,size",
            "unknown columns: colour, size; columns: name, host, port, username, password, key_file, tags, os_type, environment, description, host_key"
        ),
        ("name,host,port,username,password,key_file,tags", "missing columns: os_type"),
        ("name,host,port,username,password,key_file,tags,os_type,host", "repeated columns: host"),
        ("", "the CSV is empty; it needs a header row"),
        ("name,\"host", "CSV line 1: a quoted field is not closed"),
    ])
    func headerProblemsRefuseTheWholeFile(text: String, message: String) {
        #expect(throws: TargetImportError(message: message)) { try TargetImport.parseCSV(text) }
    }

    @Test func headerIgnoresCaseOrderAndSpaces() throws {
        let outcomes = try TargetImport.parseCSV(
            " OS_TYPE ,tags,key_file,password,username,port,host,name\nlinux,,,,,,h,n")
        #expect(try outcomes[0].get() == TargetImportRow(name: "n", host: "h", osType: "linux"))
    }

    @Test func exportThenImportGivesTheSameRows() throws {
        let rows = [
            TargetImportRow(
                name: "db, \"primary\"", host: "fe80::1", port: 5432, username: "pg", password: "p,a\"ss\n",
                keyFile: "/keys/id_ed25519", tags: ["db", "prod eu"], osType: "linux", environment: "staging",
                description: "line one\r\nline two", hostKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFake"),
            TargetImportRow(name: "bare", host: "bare.example"),
        ]
        let text = TargetImport.exportCSV(rows)
        #expect(
            text.hasPrefix(
                "name,host,port,username,password,key_file,tags,os_type,environment,description,host_key\r\n"))
        #expect(try TargetImport.parseCSV(text).map { try $0.get() } == rows)
    }

    @Test func jsonRowsTakeTheSameFields() throws {
        let json = """
            [
              {"name": "a", "host": "10.0.0.1", "port": 22, "tags": ["x", "y"], "os_type": "linux"},
              {"name": "b", "host": "b.example", "port": "2222", "tags": "p;q", "environment": null},
              {"name": "c", "host": "c.example", "port": 0, "colour": "red", "tags": [1]},
              {"name": "d", "host": "d.example", "port": 22.5, "tags": {"a": 1}, "username": 7},
              "not an object"
            ]
            """
        let outcomes = try TargetImport.parseJSON(Data(json.utf8))
        #expect(
            try outcomes[0].get()
                == TargetImportRow(name: "a", host: "10.0.0.1", port: 22, tags: ["x", "y"], osType: "linux"))
        #expect(try outcomes[1].get() == TargetImportRow(name: "b", host: "b.example", port: 2222, tags: ["p", "q"]))
        #expect(
            errors(outcomes[2]) == [
                "row 3: colour: unknown column", "row 3: tags: must be strings", "row 3: port: must be 1…65535",
            ])
        #expect(
            errors(outcomes[3]) == [
                "row 4: port: must be a whole number or a string",
                "row 4: tags: must be a string or an array of strings",
                "row 4: username: must be a string",
            ])
        #expect(errors(outcomes[4]) == ["row 5: is not an object"])
    }

    @Test func jsonThatIsNotAnArrayIsRefused() {
        #expect(throws: TargetImportError(message: "JSON: expected an array of objects")) {
            try TargetImport.parseJSON(Data(#"{"name": "a"}"#.utf8))
        }
    }
}

@Suite struct TargetImportRowPrintingTests {
    @Test func printingARowNeverShowsThePassword() {
        let row = TargetImportRow(name: "web", host: "10.0.0.1", username: "root", password: "hunter2-secret")
        var dumped = ""
        dump(row, to: &dumped)
        for text in ["\(row)", String(describing: row), String(reflecting: row), dumped, "\([row])"] {
            #expect(!text.contains("hunter2"), "\(text)")
            #expect(text.contains("web"))
        }
        #expect(String(reflecting: row).contains("password: <redacted>"))
    }
}
