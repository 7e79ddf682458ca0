import Testing
@testable import SummitKBExtraction

@Suite struct TokenizerTests {
    @Test func dottedAbbreviationsStayWhole() {
        let doc = Document(text: "The U.K. and the E.U. met.")
        #expect(doc.tokens.map(\.folded) == ["the", "uk", "and", "the", "eu", "met", "."])
    }

    @Test func possessiveIsItsOwnToken() {
        let doc = Document(text: "Europe’s role and Russia's war")
        #expect(doc.tokens.map(\.folded) == ["europe", "'s", "role", "and", "russia", "'s", "war"])
    }

    @Test func sentencesSplitOnPeriodsButNotAfterTitles() {
        let doc = Document(text: "Mr. Smith met Gen. Jones. They spoke.\n\nA new paragraph")
        #expect(doc.sentences.map { doc.string($0.range) } == ["Mr. Smith met Gen. Jones.", "They spoke.", "A new paragraph"])
        #expect(doc.sentences.map(\.paragraph) == [0, 0, 1])
    }

    @Test func diacriticsFold() {
        #expect(Folding.fold("Élysée Erdoğan") == "elysee erdogan")
    }
}
