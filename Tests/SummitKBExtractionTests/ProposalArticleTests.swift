import Testing
@testable import SummitKBExtraction

/// Whole short articles (written for these tests) through the built-in resources.
@Suite struct ProposalArticleTests {
    private func proposals(_ text: String) throws -> (ExtractionResult, [String: [String]]) {
        let result = ExtractionPipeline(resources: try .builtIn()).extract(NormalizedArticle(text: text, metadata: ArticleMetadata()))
        var byStance: [String: [String]] = [:]
        for proposal in result.proposals {
            for position in proposal.positions {
                byStance["\(proposal.summary)|\(position.stance.rawValue)", default: []].append(position.entity)
            }
        }
        return (result, byStance)
    }

    @Test func mediationTalks() throws {
        let (result, positions) = try proposals("""
        Qatari mediators hosted a fresh round of talks in Doha on Sunday aimed at ending the fighting.

        Egypt and Qatar have proposed a six-week truce in stages. Israeli negotiators rejected a permanent ceasefire, officials said.

        Among the issues expected to be discussed in Doha are the entry of humanitarian aid, and reconstruction funding.

        What happens if the talks collapse? Analysts say the risk of a wider war remains.
        """)
        #expect(result.proposals.map(\.summary) == ["Six-week truce in stages", "Permanent ceasefire",
                                                    "Entry of humanitarian aid", "Reconstruction funding"])
        #expect(positions["Six-week truce in stages|proposes"]?.sorted() == ["country:egypt", "country:qatar"])
        #expect(positions["Permanent ceasefire|opposes"] == ["country:israel"])
        #expect(result.proposals[1].status == .rejected)
    }

    @Test func alliedMinisterial() throws {
        let (result, positions) = try proposals("""
        Defence ministers met in Brussels on Wednesday for a ministerial on air defence.

        Secretary General Mark Rutte has urged allies to raise defence spending to 3.5 percent of GDP. Spain has ruled out the new spending target.

        The Netherlands, which supports a joint ammunition purchasing scheme, kept its budget.
        """)
        #expect(result.proposals.map(\.summary) == ["Raise defence spending to 3.5 percent of GDP", "New spending target",
                                                    "Joint ammunition purchasing scheme"])
        #expect(positions["Raise defence spending to 3.5 percent of GDP|proposes"] == ["person:mark rutte"])
        #expect(positions["New spending target|opposes"] == ["country:spain"])
        #expect(positions["Joint ammunition purchasing scheme|supports"] == ["country:netherlands"])
    }

    @Test func leadersCall() throws {
        let (result, positions) = try proposals("""
        German Chancellor Olaf Scholz urged partners to impose new sanctions on fertilizer exporters. \
        He has also called for a ceiling on grain prices during the emergency.

        Italy rejected the idea of naval escorts. Canada has backed Japan's proposal for naval escorts in the strait.
        """)
        let summaries = result.proposals.map(\.summary)
        #expect(summaries == ["Impose new sanctions on fertilizer exporters", "Ceiling on grain prices", "Naval escorts"])
        #expect(positions["Ceiling on grain prices|proposes"] == ["person:olaf scholz"])
        #expect(positions["Naval escorts|opposes"] == ["country:italy"])
        #expect(positions["Naval escorts|proposes"] == ["country:japan"])
        #expect(positions["Naval escorts|supports"] == ["country:canada"])
    }
}
