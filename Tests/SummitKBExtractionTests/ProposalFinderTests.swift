import Testing
@testable import SummitKBExtraction

@Suite struct ProposalFinderTests {
    typealias F = ProposalFixture

    private func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    @Test func verbObjectBecomesSummaryWithSubjectAsProposer() throws {
        let (text, spans) = F.marked("Norway has offered to ⟦deploy observers to the border⟧ ahead of the talks.")
        let result = try F.find(text)
        #expect(result.proposals.map(\.summary) == [capitalized(spans[0])])
        #expect(result.proposals[0].status == .offered)
        #expect(result.proposals[0].kind == "monitoring")
        #expect(F.actors(result.proposals[0], .proposes) == ["country:norway"])
    }

    /// A title-case line is a headline, not prose: its cue verb makes no proposal. A line
    /// with too many lower-case content words is prose, however it starts; names and days,
    /// capitalized in prose too, do not count either way.
    @Test(arguments: [
        ("Norway Offered To Deploy Observers To The Border", 0),
        ("Norway Offered To Deploy Observers To The Border of the disputed northern region", 1),
        ("Norway has offered to deploy observers to the border", 1),
        ("Norwegian Prime Minister Jonas Gahr Støre proposed a truce in the Barents Sea", 1),
        ("Norway, Chile and Kenya offered observers to Oslo and Santiago on Saturday", 1),
    ])
    func titleCaseLinesAreHeadlines(line: String, proposals: Int) throws {
        #expect(try F.find(line + ".").proposals.count == proposals)
    }

    @Test func aTimeBetweenSubjectAndVerbKeepsTheProposer() throws {
        for text in ["Norway on Saturday offered to deploy observers to the border.",
                     "Norway on Saturday 6 offered to deploy observers to the border.",
                     "Norway this Saturday offered to deploy observers to the border."] {
            let result = try F.find(text)
            #expect(result.proposals.count == 1, "\(text)")
            #expect(result.proposals.first.map { F.actors($0, .proposes) } == ["country:norway"], "\(text)")
        }
    }

    /// "the truce proposal", "the Chilean plan": an object that only points back joins the
    /// proposal it names, with the new stances; it is no proposal of its own.
    @Test func aReferenceBackGivesItsStanceToTheEarlierProposal() throws {
        let result = try F.find("""
            Chile proposed a truce in the north. Kenya backed the truce proposal, \
            and Norway rejected the Chilean plan on Saturday.
            """)
        #expect(result.proposals.map(\.summary) == ["Truce in the north"])
        #expect(F.actors(result.proposals[0], .proposes) == ["country:chile"])
        #expect(F.actors(result.proposals[0], .supports) == ["country:kenya"])
        #expect(F.actors(result.proposals[0], .opposes) == ["country:norway"])
        #expect(result.proposals[0].evidence.filter { $0.slot == "proposal" }.count == 2)
    }

    /// "opposed it": the proposal just made, and only that close.
    @Test func aPronounObjectTakesTheProposalJustMade() throws {
        let result = try F.find("""
            Chile proposed a truce in the north. Kenya's Minister Ana Ruiz backed it on Saturday,             but Norway rejected it.
            """)
        #expect(result.proposals.count == 1)
        #expect(F.actors(result.proposals[0], .supports) == ["person:ana ruiz"])
        #expect(F.actors(result.proposals[0], .opposes) == ["country:norway"])
        let far = try F.find("Chile proposed a truce in the north. Kenya waited. Norway waited too. Norway rejected it.")
        #expect(F.actors(far.proposals[0], .opposes).isEmpty)
    }

    /// "The proposal was backed by Kenya and Norway": the actors after "by" take the stance.
    @Test func aPassiveStanceGoesToTheActorsAfterBy() throws {
        let result = try F.find("Chile proposed a truce in the north. The proposal was backed by Kenya and Norway.")
        #expect(result.proposals.count == 1)
        #expect(F.actors(result.proposals[0], .supports) == ["country:kenya", "country:norway"])
    }

    /// "backed the patrol rotation" after "proposed a joint patrol rotation in the north": a
    /// shorter restatement, of no known kind, joins it; an object with other words does not.
    @Test func anObjectRestatingAnEarlierProposalJoinsIt() throws {
        let result = try F.find("Chile proposed a joint patrol rotation in the north. Kenya backed the patrol rotation, but Norway rejected the patrol budget.")
        #expect(result.proposals.map(\.summary) == ["Joint patrol rotation in the north"])
        #expect(F.actors(result.proposals[0], .supports) == ["country:kenya"])
        #expect(F.actors(result.proposals[0], .opposes).isEmpty)
    }

    @Test func aReferenceWithNothingBeforeItMakesNoProposal() throws {
        #expect(try F.find("Kenya backed the new plan.").proposals.isEmpty)
    }

    @Test func aProposedThatClauseIsTheProposal() throws {
        let result = try F.find("Ana Ruiz proposed that officials deploy observers to the border.")
        #expect(result.proposals.map(\.summary) == ["Deploy observers to the border"])
        #expect(F.actors(result.proposals[0], .proposes) == ["person:ana ruiz"])
    }

    /// A call on someone to act is a proposal whatever its kind; a weak cue without an
    /// addressee still needs a kind.
    @Test func urgingAnAddresseeToActIsAProposal() throws {
        let result = try F.find("Ana Ruiz urged the bloc to open the mountain passes. Kenya urged calm.")
        #expect(result.proposals.map(\.summary) == ["Open the mountain passes"])
        #expect(F.actors(result.proposals[0], .proposes) == ["person:ana ruiz"])
    }

    @Test func severalProposersAreSeveralPositions() throws {
        let result = try F.find("Only Norway and Chile have offered to send observers to the border.")
        #expect(result.proposals.count == 1)
        #expect(F.actors(result.proposals[0], .proposes) == ["country:chile", "country:norway"])
    }

    @Test func backingAnotherActorsCallGivesProposerAndSupporter() throws {
        let (text, spans) = F.marked("Kenya has backed Chile's call for ⟦a truce in the north⟧.")
        let result = try F.find(text)
        #expect(result.proposals.map(\.summary) == ["Truce in the north"])
        #expect(spans == ["a truce in the north"])
        #expect(result.proposals[0].kind == "ceasefire")
        #expect(F.actors(result.proposals[0], .proposes) == ["country:chile"])
        #expect(F.actors(result.proposals[0], .supports) == ["country:kenya"])
    }

    @Test func pronounSubjectResolvesToThePreviousPerson() throws {
        let result = try F.find("Ana Ruiz met Kenyan officials in Nairobi. She has also suggested a regional water fund.")
        #expect(result.proposals.map(\.summary) == ["Regional water fund"])
        #expect(F.actors(result.proposals[0], .proposes) == ["person:ana ruiz"])
        #expect(result.proposals[0].status == .suggested)
    }

    @Test func relativeClauseSubjectIsItsAntecedent() throws {
        let result = try F.find("Ana Ruiz, who advocates for a regional water fund, met Norway.")
        #expect(result.proposals.map(\.summary) == ["Regional water fund"])
        #expect(F.actors(result.proposals[0], .proposes) == ["person:ana ruiz"])
    }

    @Test func claimWithModalKeepsItsCondition() throws {
        let result = try F.find("Ana Ruiz stressed that any deployment of observers would happen only after a truce is signed.")
        #expect(result.proposals.map(\.summary) == ["Deploy observers"])
        #expect(result.proposals[0].conditions == "only after a truce is signed")
        #expect(F.actors(result.proposals[0], .proposes) == ["person:ana ruiz"])
    }

    @Test func agendaListGivesOneItemEachAndDropsTopics() throws {
        let (text, spans) = F.marked("""
        Among the issues to be discussed at the summit are the creation of ⟦a water fund⟧, \
        the extension of ⟦the truce⟧, and the threat of drought. There will be discussions on \
        ⟦a drought plan⟧, as well as ⟦a border truce⟧.
        """)
        let result = try F.find(text)
        #expect(result.proposals.map(\.summary) == ["Create a water fund", "Extend the truce", "Drought plan", "Border truce"])
        #expect(spans.count == 4)
        #expect(result.proposals.allSatisfy { $0.status == .underDiscussion })
    }

    @Test func hedgesQuestionsAndKindlessWeakCuesAreNotProposals() throws {
        let result = try F.find("""
        Norway may seek a truce. Why is Kenya seeking a truce? Kenya supported Chile. \
        Leaders will hold talks on Saturday to be discussed later.
        """)
        #expect(result.proposals.isEmpty)
    }

    @Test func oneIdeaMentionedTwiceIsOneProposal() throws {
        let result = try F.find("""
        Norway has offered to deploy observers to the border.

        Chile has also offered to send observers to the border.
        """)
        #expect(result.proposals.count == 1)
        #expect(result.proposals[0].evidence.filter { $0.slot == "proposal" }.count == 2)
        #expect(F.actors(result.proposals[0], .proposes) == ["country:chile", "country:norway"])
    }

    @Test func proposalLinksToTheMeetingItsSentenceNames() throws {
        let text = "Leaders gathered in Geneva and Lima. At the Geneva talks, Norway proposed a truce. Chile proposed a water fund."
        let document = Document(text: text)
        let lima = ExtractedMeeting(kind: .talks, name: "Lima talks", city: "Lima",
                                    evidence: [Evidence(slot: "meeting", range: document.sentences[0].range, sentence: 0, extractor: "test")])
        let geneva = ExtractedMeeting(kind: .talks, name: "Geneva talks", city: "Geneva",
                                      evidence: [Evidence(slot: "meeting", range: document.sentences[0].range, sentence: 0, extractor: "test")])
        let result = try F.find(text, meetings: [lima, geneva])
        #expect(result.proposals.map(\.summary) == ["Truce", "Water fund"])
        #expect(result.proposals.map(\.meeting) == [1, nil])
    }

    @Test func meetingEvidenceSentenceLinksDirectly() throws {
        let text = "Norway proposed a truce during a call."
        let document = Document(text: text)
        let call = ExtractedMeeting(kind: .call, name: "call",
                                    evidence: [Evidence(slot: "meeting", range: document.sentences[0].range, sentence: 0, extractor: "test")])
        #expect(try F.find(text, meetings: [call]).proposals.map(\.meeting) == [0])
    }
}
