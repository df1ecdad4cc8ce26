import DRMCore
import Testing

@Suite struct NaturalOrderTests {
    @Test func numbersInNamesSortByValue() {
        let names = ["node-10", "node-2", "Node-1", "node-100", "node-02", "alpha", "node-", "node-9b", "node-9a"]
        #expect(
            names.sorted(by: NaturalOrder.precedes)
                == ["alpha", "node-", "Node-1", "node-2", "node-02", "node-9a", "node-9b", "node-10", "node-100"])
    }

    @Test func equalNamesCompareEqual() {
        #expect(NaturalOrder.compare("web-7", "WEB-7") == 0)
        #expect(!NaturalOrder.precedes("web-7", "web-7"))
        #expect(NaturalOrder.compare("a99999999999999999999999", "a100000000000000000000000") < 0)
    }

    @Test func keysSortByteWiseInNaturalOrder() {
        let names = [
            "node-10", "node-2", "Node-1", "node-100", "alpha", "node-", "node-9b", "node-9a", "a-1-b-20", "a-1-b-3",
        ]
        for a in names {
            for b in names
            where Array(NaturalOrder.indexKey(a).utf8).lexicographicallyPrecedes(NaturalOrder.indexKey(b).utf8) {
                #expect(NaturalOrder.precedes(a, b), "key(\(a)) sorts before key(\(b))")
            }
        }
        #expect(NaturalOrder.indexKey("Node-010") == "node-0210")
    }
}
