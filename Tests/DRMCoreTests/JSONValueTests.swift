import DRMCore
import Foundation
import Testing

@Suite struct JSONValueTests {
    @Test(
        arguments: [
            (JSONValue.null, "null"), (JSONValue.number(50), "50"), (JSONValue.number(2.5), "2.5"),
            (JSONValue.bool(true), "true"),
            (JSONValue.string("UTC"), "\"UTC\""),
            (JSONValue.object(["a": .array([1, "b", .null])]), #"{"a":[1,"b",null]}"#),
        ] as [(JSONValue, String)])
    func roundTrips(value: JSONValue, json: String) throws {
        let encoded = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        #expect(encoded == json)
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)) == value)
    }
}
