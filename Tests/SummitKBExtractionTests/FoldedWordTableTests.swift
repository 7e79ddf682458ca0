import Testing
@testable import SummitKBExtraction

@Suite struct FoldedWordTableTests {
    @Test func findsEveryWordStoredAcrossGrowthAndNothingElse() {
        var table = FoldedWordTable<Int>()
        let words = (0..<1_000).map { "w\($0)" } + ["", "élysée", "кремль", "a-very-long-folded-word-past-fifteen-bytes"]
        for (index, word) in words.enumerated() { table.set(index, for: word) }
        #expect(table.count == words.count)
        for (index, word) in words.enumerated() { #expect(table[word] == index) }
        #expect(table["w1000"] == nil)
        #expect(table["elysee"] == nil)
    }

    @Test func keysKeepTheSameWordApartAndSettingAgainReplaces() {
        var table = FoldedWordTable<String>()
        table.set("root", for: "summit")
        table.set("after paris", for: "summit", key: 7)
        table.set("root again", for: "summit")
        #expect(table["summit"] == "root again")
        #expect(table["summit", key: 7] == "after paris")
        #expect(table["summit", key: 8] == nil)
        #expect(table.count == 2)
    }
}
