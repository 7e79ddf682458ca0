import Testing
@testable import SummitKBExtraction

@Suite struct ProposalTableTests {
    typealias F = ProposalFixture

    @Test func spaceFlattenedThreeColumnTable() throws {
        let text = """
        Three options are on the table.

        Plan Key Features Risks
        Border Observers Unarmed teams along the line Access; funding
        Water Fund Shared reservoirs for both sides Governance; drought
        Joint Patrols Mixed units in the valley Trust; incidents

        The talks resume next week.
        """
        let proposals = try F.find(text).proposals
        #expect(proposals.map(\.summary) == ["Border observers", "Water fund", "Joint patrols"])
        #expect(proposals.map(\.features) == ["Unarmed teams along the line", "Shared reservoirs for both sides", "Mixed units in the valley"])
        #expect(proposals.map(\.challenges) == ["Access; funding", "Governance; drought", "Trust; incidents"])
        #expect(proposals[0].kind == "monitoring")
        #expect(proposals.allSatisfy { $0.status == .underDiscussion })
    }

    @Test func pipeSeparatedTwoColumnTableWithRuleLine() throws {
        let text = """
        | Options | Key Features |
        |---|---|
        | Border observers | Unarmed teams |
        | Water fund | Shared reservoirs |
        """
        let proposals = try F.find(text).proposals
        #expect(proposals.map(\.summary) == ["Border observers", "Water fund"])
        #expect(proposals.map(\.features) == ["Unarmed teams", "Shared reservoirs"])
    }

    @Test func tabSeparatedFourColumnTableKeepsGenericCells() throws {
        let text = "The options:\nName\tKey Features\tCost\tRisks\nObservers\tUnarmed teams\tLow\tAccess\nWater Fund\tReservoirs\tHigh\tDrought"
        let proposals = try F.find(text).proposals
        #expect(proposals.map(\.summary) == ["Observers", "Water fund"])
        #expect(proposals.map(\.features) == ["Unarmed teams; Cost: Low", "Reservoirs; Cost: High"])
        #expect(proposals.map(\.challenges) == ["Access", "Drought"])
    }

    @Test func doubleSpaceSeparatedTwoColumnTable() throws {
        let text = "Options under review\n\nOption  Risks\nBorder observers  Access to the line\nWater fund  Governance"
        let proposals = try F.find(text).proposals
        #expect(proposals.map(\.summary) == ["Border observers", "Water fund"])
        #expect(proposals.map(\.challenges) == ["Access to the line", "Governance"])
    }

    @Test func tableWithoutProposalCueOrWithOneRowIsIgnored() throws {
        let noCue = "Results by region\n\nRegion Votes Turnout\nNorth Coast Many voters Low; rising\nSouth Hills Few voters High; falling"
        #expect(try F.find(noCue).proposals.isEmpty)
        let oneRow = "Options\n\nPlan Risks\nWater Fund Governance; drought\nThe talks resume next week."
        #expect(try F.find(oneRow).proposals.isEmpty)
    }
}

@Suite struct ProposalTermsTests {
    @Test func malformedTermsNameFileAndLine() throws {
        let header = "# format: summitkb-proposal-terms/1\n# provenance: t\n# gaps: t\n# columns: type\tphrases\tvalue\tstatus\tflags\n"
        #expect(throws: DataFileError(file: "bad.tsv", line: 6,
                                      message: "unknown type 'verbs' (expected \(ProposalTerms.Category.allCases.map(\.rawValue).joined(separator: ", ")))")) {
            try ProposalTerms(name: "bad.tsv", text: header + "kind\ttruce\tceasefire\nverbs\toffer\tproposes\toffered\n")
        }
        #expect(throws: DataFileError.self) { try ProposalTerms(name: "bad.tsv", text: header + "verb\toffer\tloves\toffered\n") }
        #expect(throws: DataFileError.self) { try ProposalTerms(name: "bad.tsv", text: header + "verb\toffer\tproposes\toffered\tstrong\n") }
        #expect(throws: DataFileError.self) { try ProposalTerms(name: "bad.tsv", text: header + "kind\ttruce\n") }
    }

    @Test func builtInTermsLoad() throws {
        _ = try ProposalTerms(name: "proposal-terms", text: BuiltInData.text(.proposalTerms))
    }
}
