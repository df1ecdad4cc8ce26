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
}
