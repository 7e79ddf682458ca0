import Foundation
import GRDB
import Testing
@testable import SummitKB

@Suite struct QueryTests {
    typealias ID = QueryFixtures.ID
    let kb: KnowledgeBase

    init() throws { kb = try QueryFixtures.knowledgeBase() }

    @Test func meetingsComeResolvedFirstThenByDateTextThenSourceOrder() throws {
        let meetings = try kb.meetings()
        #expect(meetings.map(\.meeting.id) == [2, 3, 4, 1, 5])
        let paris = try #require(meetings.first { $0.meeting.id == 1 })
        #expect(paris.sourceCount == 4)
        #expect(paris.convener?.name == "Emmanuel Macron")
        #expect(paris.attendeeCount == 7)   // Macron, Germany, UK, Italy, Spain, NATO, Poland
    }

    @Test func meetingFilters() throws {
        #expect(try kb.meetings(MeetingFilter(place: "PARIS")).map(\.meeting.id) == [2, 3, 1])
        #expect(try kb.meetings(MeetingFilter(kind: .virtual)).map(\.meeting.id) == [4])
        #expect(try kb.meetings(MeetingFilter(from: "2025-03-12", through: "2025-03-31")).map(\.meeting.id) == [3, 4])
        #expect(try kb.meetings(MeetingFilter(participant: "britain")).map(\.meeting.id) == [3, 1])
        #expect(try kb.meetings(MeetingFilter(source: QueryFixtures.Paths.chiefs)).map(\.meeting.id) == [2, 3, 4])
        #expect(try kb.meetings(MeetingFilter(source: "2")).map(\.meeting.id) == [1, 5])
        #expect(try kb.meetings(MeetingFilter(participant: "nobody at all")).isEmpty)
        #expect(try kb.meetings(limit: 4).map(\.meeting.id) == [2, 3, 4, 1])
        #expect(throws: SummitKBError.notFound(kind: "source", reference: "nope.txt")) {
            try kb.meetings(MeetingFilter(source: "nope.txt"))
        }
    }

    @Test func participantsByKindAndAlias() throws {
        let people = try kb.participants(kind: .person)
        #expect(people.map(\.participant.name) == ["Emmanuel Macron", "JD Vance", "Keir Starmer", "Recep Tayyip Erdoğan",
                                                   "Volodymyr Zelensky"])
        #expect(people.first?.sourceCount == 5)
        #expect(try kb.participants().count == QueryFixtures.people.count)
        #expect(try kb.participant(named: "ZELENSKIY").id == ID.zelensky)
        #expect(try kb.participant(named: "erdogan").id == ID.erdogan)
        #expect(try kb.participant(named: "Turkiye").id == ID.turkey)
        #expect(try kb.participants(knownAs: "u.k.").map(\.id) == [ID.uk])
        #expect(throws: SummitKBError.notFound(kind: "participant", reference: "Nobody")) { try kb.participant(named: "Nobody") }
    }

    @Test func participantMentionsCarryTheirSentences() throws {
        let macron = try kb.participantMentions(named: "President Macron")
        #expect(macron.aliases.contains("Macron"))
        #expect(macron.mentions.count == 5)
        for mention in macron.mentions {
            let source = try kb.source(mention.path)
            let scalars = Array(source.text.unicodeScalars)
            let span = String(String.UnicodeScalarView(scalars[mention.evidence.start..<mention.evidence.end]))
            #expect(span == mention.evidence.value)
            #expect(mention.evidence.sentence.contains(span))
        }
    }

    @Test func proposalsByKindProposerAndSupporter() throws {
        let all = try kb.proposals()
        #expect(all.map(\.proposal.id) == [1, 2])
        #expect(all[0].proposers == ["France", "United Kingdom"])
        #expect(all[0].meeting?.id == 1)
        #expect(all[0].sourceCount == 2)
        #expect(all[1].supporters == ["Turkey"])
        #expect(try kb.proposals(ProposalFilter(kind: "ceasefire")).map(\.proposal.id) == [2])
        #expect(try kb.proposals(ProposalFilter(proposer: "Britain")).map(\.proposal.id) == [1])
        #expect(try kb.proposals(ProposalFilter(supporter: "Türkiye")).map(\.proposal.id) == [2])
        #expect(try kb.proposals(ProposalFilter(meetingId: 1)).map(\.proposal.id) == [1])
    }

    @Test func positionsOfAParticipant() throws {
        let france = try kb.positions(ofParticipant: ID.france)
        #expect(france == [PositionEntry(proposalId: 1, summary: "Deploy peacekeeping troops to Ukraine", stance: .proposes, reportCount: 2,
                                         sources: [QueryFixtures.Paths.chiefs, QueryFixtures.Paths.summit])])
        #expect(try kb.positions(ofParticipant: ID.spain).isEmpty)
    }

    @Test func sourcesAndWhatTheyContributed() throws {
        let sources = try kb.sources()
        #expect(sources.map(\.id) == [1, 2, 3, 4, 5])
        let chiefs = sources[3]
        #expect(chiefs.meetingCount == 3)
        #expect(chiefs.proposalCount == 2)
        #expect(chiefs.factCount > 10)
        #expect(try kb.source("4").path == QueryFixtures.Paths.chiefs)
        #expect(try kb.source(QueryFixtures.Paths.chiefs).published == "2025-03-10")
        #expect(throws: SummitKBError.notFound(kind: "source", reference: "99")) { try kb.source("99") }
    }

    @Test func evidenceBehindEveryKindOfFact() throws {
        let meeting = try kb.explain(.meeting(id: 1))
        #expect(Set(meeting.evidence.map(\.path)) == [QueryFixtures.Paths.elysee, QueryFixtures.Paths.monday,
                                                        QueryFixtures.Paths.today, QueryFixtures.Paths.summit])
        #expect(meeting.evidence.contains { $0.evidence.slot == "date_text" && $0.evidence.value == "today" })
        let turkey = try kb.explain(.participant(name: "turkish"))
        #expect(Set(turkey.evidence.map(\.evidence.slot)) == ["mention", "supports"])
        let proposal = try kb.explain(.proposal(id: 1))
        #expect(proposal.evidence.count == 5)
        let position = try kb.explain(.position(id: 5))
        #expect(position.evidence.map(\.evidence.value) == ["Recep Tayyip Erdogan"])
        #expect(position.subject == "position 5: Turkey supports \"Aerial and naval ceasefire\"")
        #expect(throws: SummitKBError.notFound(kind: "position", reference: "99")) { try kb.explain(.position(id: 99)) }
        #expect(throws: SummitKBError.notFound(kind: "meeting", reference: "99")) { try kb.explain(.meeting(id: 99)) }
    }

    @Test func searchRanksAndSnippets() throws {
        let hits = try kb.search("peacekeeping troops")
        #expect(hits.first?.path == QueryFixtures.Paths.summit)
        #expect(hits.first?.snippet.contains("[peacekeeping]") == true)
        #expect(try kb.search("elysee").map(\.sourceId) == [1])   // diacritics removed by the tokenizer
        #expect(try kb.search("Paris", limit: 2).count == 2)
    }

    @Test(arguments: [
        "\"", "\"\"\"", "NEAR(", "NEAR(paris troops", "*", "paris*", "\"; DROP TABLE sources; --", "'; DROP TABLE sources; --",
        "title:paris", "paris OR", "AND", "NOT paris", "^paris", "(", ")", "{text}: x", "-", "+", "paris AND troops\"",
        "", "   ", "\u{0}", "Élysée’s",
    ])
    func hostileSearchStringsNeverFailNorChangeAnything(query: String) throws {
        let before = try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sources") }
        _ = try kb.search(query)
        let after = try kb.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sources") }
        #expect(before == after)
        #expect(before == 5)
    }

    @Test func operatorsAreSearchedAsWords() throws {
        #expect(try kb.search("NEAR(").isEmpty)
        #expect(try kb.search("paris NEAR").isEmpty)   // "near" is in no text: every word must match
        #expect(try kb.search("paris OR").map(\.sourceId) == [2])   // "or" only in source 2
        #expect(try kb.search("\"paris\"").count == 5)
    }

    @Test func requestMethodsCompose() throws {
        let ids = try kb.writer.read { db in
            try Meeting.all().held(in: "Paris").attended(byAnyOf: [ID.poland]).resolvedInDateOrder()
                .fetchAll(db).map(\.id)
        }
        #expect(ids == [3])
        let conveners = try kb.writer.read { db in
            try Meeting.all().including(required: Meeting.convener).asRequest(of: Row.self).fetchAll(db).count
        }
        #expect(conveners == 2)
    }
}
