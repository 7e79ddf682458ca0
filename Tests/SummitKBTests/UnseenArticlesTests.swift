import Foundation
import Testing
@testable import SummitKB

/// Articles written for these tests (not from any outlet), about meetings, places and
/// officials the seeds never mention: the extractor must generalize to them.
@Suite struct UnseenArticlesTests {
    static let articles: [(path: String, text: String)] = [
        ("nordic.txt", """
            ---
            title: Nordic ministers weigh Arctic patrols
            published: 2025-06-12
            ---
            Norwegian Foreign Minister Espen Barth Eide hosted his Nordic counterparts in Tromsø on Wednesday for talks on Arctic security, as concerns grow over Russian naval activity in the High North.

            Ministers from Sweden, Finland, Denmark and Iceland attended the meeting, which focused on joint surveillance of undersea cables.
            """),
        ("kyiv.txt", """
            Japanese Foreign Minister Takeshi Iwaya arrived in Kyiv on Monday for talks with Ukrainian officials on reconstruction aid.

            Iwaya met President Volodymyr Zelensky and Prime Minister Denys Shmyhal. Tokyo has offered to fund the repair of power plants damaged by Russian strikes, Iwaya told reporters after the talks.

            On Friday, Zelensky spoke by phone with Canadian Prime Minister Mark Carney, who pledged additional air-defence systems.
            """),
        ("g7.txt", """
            Leaders of the Group of Seven will hold a video conference on Thursday 6 March to coordinate sanctions against Moscow, according to officials in Ottawa.

            The call, convened by Canadian Prime Minister Mark Carney, will include German Chancellor Friedrich Merz, Italian Prime Minister Giorgia Meloni and European Commission President Ursula von der Leyen. Russia was not invited.

            Carney has urged allies to adopt a price cap on Russian oil exports.
            """),
        ("caucasus.txt", """
            Armenian Foreign Minister Ararat Mirzoyan and his Azerbaijani counterpart Jeyhun Bayramov met in Abu Dhabi on Thursday for a new round of peace talks hosted by the United Arab Emirates.

            The negotiations, which excluded Russia, focused on the reopening of transport links. Mirzoyan proposed a joint border commission.
            """),
    ]

    static func knowledgeBase() throws -> KnowledgeBase {
        let kb = try KnowledgeBase()
        for article in articles { #expect(try kb.ingest(text: article.text, path: article.path) == .ingested) }
        return kb
    }

    @Test func officialsTheLexiconLacksAreFoundWithTitleAndCountry() throws {
        let export = try Self.knowledgeBase().export()
        let people = Dictionary(uniqueKeysWithValues: export.participants.filter { $0.kind == "person" }.map { ($0.name, $0) })
        #expect(people["Espen Barth Eide"]?.title == "Foreign Minister")
        #expect(people["Espen Barth Eide"]?.country == "Norway")
        #expect(people["Takeshi Iwaya"]?.country == "Japan")
        #expect(people["Ararat Mirzoyan"]?.country == "Armenia")
        #expect(people["Jeyhun Bayramov"]?.title == "Foreign Minister")
        #expect(people["Jeyhun Bayramov"]?.country == "Azerbaijan")
        #expect(!export.participants.contains { ["Tromsø", "Abu Dhabi", "High North", "Ottawa"].contains($0.name) })
    }

    @Test func callsVisitsVideoConferencesAndTalksAbroad() throws {
        let export = try Self.knowledgeBase().export()
        let names = Dictionary(uniqueKeysWithValues: export.participants.map { ($0.id, $0.name) })
        func meeting(_ kind: String, _ place: String?) -> ExportDocument.Meeting? {
            export.meetings.first { $0.kind == kind && ($0.city ?? $0.country) == place }
        }
        func attendees(_ meeting: ExportDocument.Meeting?) -> Set<String> {
            Set(meeting?.participants.filter { $0.role != "excluded" }.compactMap { names[$0.participant] } ?? [])
        }

        let nordic = try #require(meeting("ministerial", "Tromsø"))
        #expect(nordic.date == "2025-06-11")   // "Wednesday" before the published Thursday
        #expect(nordic.convener.flatMap { names[$0] } == "Espen Barth Eide")
        #expect(attendees(nordic).isSuperset(of: ["Sweden", "Finland", "Denmark", "Iceland"]))

        let visit = try #require(meeting("visit", "Kyiv"))
        #expect(attendees(visit).isSuperset(of: ["Takeshi Iwaya", "Volodymyr Zelensky", "Denys Shmyhal"]))

        let call = try #require(meeting("call", nil))
        #expect(attendees(call) == ["Volodymyr Zelensky", "Mark Carney"])
        #expect(call.dateText == "Friday")

        let video = try #require(meeting("virtual", nil))
        #expect(video.convener.flatMap { names[$0] } == "Mark Carney")
        #expect(attendees(video).isSuperset(of: ["Friedrich Merz", "Giorgia Meloni", "Ursula von der Leyen"]))
        #expect(video.participants.contains { $0.role == "excluded" && names[$0.participant] == "Russia" })

        let talks = try #require(meeting("talks", "Abu Dhabi"))
        #expect(talks.convener.flatMap { names[$0] } == "United Arab Emirates")
        #expect(attendees(talks).isSuperset(of: ["Ararat Mirzoyan", "Jeyhun Bayramov"]))
    }

    @Test func proposalsWithTheirProposers() throws {
        let export = try Self.knowledgeBase().export()
        let names = Dictionary(uniqueKeysWithValues: export.participants.map { ($0.id, $0.name) })
        func proposers(containing words: String) -> Set<String> {
            Set(export.proposals.filter { $0.summary.lowercased().contains(words) }
                .flatMap { $0.positions.filter { $0.stance == "proposes" }.compactMap { names[$0.participant] } })
        }
        #expect(proposers(containing: "price cap") == ["Mark Carney"])
        #expect(proposers(containing: "border commission") == ["Ararat Mirzoyan"])
        #expect(proposers(containing: "power plants") == ["Japan"])
    }
}

/// A second set of articles written for these tests, with the stances and exclusions that
/// come in sentences of their own: "backed the truce proposal", "rejected the plan",
/// "did not attend", and a verb of hosting with its guests.
@Suite struct UnseenStancesTests {
    static let articles: [(path: String, text: String)] = [
        ("addis.txt", """
            Heads of state opened a two-day summit at the African Union headquarters in Addis Ababa on Saturday.

            The summit was chaired by Angolan President João Lourenço, who called for an immediate humanitarian truce in Sudan.

            Kenyan President William Ruto backed the truce proposal, while Egypt's President Abdel Fattah al-Sisi warned against foreign intervention. Sudan's army-led government was not invited, officials said.
            """),
        ("cairo.txt", """
            Egyptian and Qatari mediators hosted a new round of negotiations on a Gaza ceasefire in Cairo on Tuesday.

            Egyptian Foreign Minister Badr Abdelatty said Egypt had put forward a plan for a 60-day truce. Qatar's Prime Minister Mohammed bin Abdulrahman Al Thani said Doha supported the Egyptian plan.

            Israeli Prime Minister Benjamin Netanyahu rejected the plan on Wednesday.
            """),
        ("brasilia.txt", """
            Brazilian President Luiz Inácio Lula da Silva hosted the presidents of Colombia, Peru and Bolivia at the Itamaraty Palace in Brasília on 8 August 2025.

            Colombian President Gustavo Petro suggested creating a regional fund for forest protection. Venezuela did not attend.
            """),
    ]

    static func export() throws -> ExportDocument {
        let kb = try KnowledgeBase()
        for article in articles { #expect(try kb.ingest(text: article.text, path: article.path) == .ingested) }
        return try kb.export()
    }

    @Test func stancesInLaterSentencesJoinTheProposalTheyReferTo() throws {
        let export = try Self.export()
        let names = Dictionary(uniqueKeysWithValues: export.participants.map { ($0.id, $0.name) })
        func stances(_ words: String) -> [String: String] {
            let proposals = export.proposals.filter { $0.summary.lowercased().contains(words) }
            #expect(proposals.count == 1, "\(words)")
            return Dictionary(uniqueKeysWithValues: proposals.flatMap(\.positions).compactMap { position in
                names[position.participant].map { ($0, position.stance) }
            })
        }
        #expect(stances("humanitarian truce") == ["João Lourenço": "proposes", "William Ruto": "supports"])
        #expect(stances("60-day truce") == ["Egypt": "proposes", "Qatar": "supports", "Benjamin Netanyahu": "opposes"])
        #expect(!export.participants.contains { ["Abdel Fattah", "Sheikh Tamim bin Hamad Al Thani", "United States"].contains($0.name) })
    }

    @Test func hostsGuestsAndThoseWhoStayedOut() throws {
        let export = try Self.export()
        let names = Dictionary(uniqueKeysWithValues: export.participants.map { ($0.id, $0.name) })
        func roles(_ city: String) -> [String: String] {
            let meeting = export.meetings.first { $0.city == city }
            return Dictionary(meeting?.participants.compactMap { role in names[role.participant].map { ($0, role.role) } } ?? [],
                              uniquingKeysWith: { first, _ in first })
        }
        #expect(roles("Brasília") == ["Luiz Inácio Lula da Silva": "host", "Colombia": "attendee", "Peru": "attendee",
                                      "Bolivia": "attendee", "Venezuela": "excluded"])
        #expect(export.meetings.first { $0.city == "Brasília" }?.venue == "Itamaraty Palace")
        #expect(roles("Cairo") == ["Egypt": "host", "Qatar": "host"])
        #expect(roles("Addis Ababa")["Sudan"] == "excluded")
        #expect(export.participants.first { $0.name == "João Lourenço" }?.country == "Angola")
    }
}
