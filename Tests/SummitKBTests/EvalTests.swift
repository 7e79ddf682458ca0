import Foundation
import Testing
@testable import SummitKB

/// The gold copies shipped with the tests.
let goldFixtureDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/gold").path

typealias Detection = EvaluationReport.Detection
typealias Accuracy = EvaluationReport.Accuracy

/// Small builders for hand-made exports.
extension ExportDocument.Source {
    static func document(_ id: Int64, _ name: String) -> Self {
        .init(id: id, path: "seeds/\(name)", sha256: "sha", text: "")
    }
}

extension ExportDocument.Participant {
    static func actor(_ id: Int64, _ name: String, kind: String = "country", title: String? = nil, in sources: [Int64] = [1]) -> Self {
        .init(id: id, kind: kind, name: name, title: title, sources: sources)
    }
}

extension GoldDocument.Entity {
    static func actor(_ name: String, kind: String = "country", aliases: [String] = [], title: String? = nil, optional: Bool = false) -> Self {
        .init(name: name, kind: kind, aliases: aliases, title: title, optional: optional)
    }
}

@Suite struct EvalFoldingTests {
    @Test func foldsPerFormat() {
        #expect(Evaluation.fold("Recep Tayyip Erdoğan") == "recep tayyip erdogan")
        #expect(Evaluation.fold("  The   Élysée\tPalace ") == "elysee palace")
        #expect(Evaluation.fold("U.S.") == "us")
        #expect(Evaluation.fold("NATO’s eastern flank") == "natos eastern flank")
        #expect(Evaluation.fold("Türkiye") == "turkiye")
        #expect(Evaluation.fold("Theodore") == "theodore")
        #expect(Evaluation.fold("ﬁrm") == "firm")   // compatibility decomposition of the ligature
    }

    @Test func assignmentIsMaximalOneToOne() {
        // Left 0 prefers right 0, but left 1 can only take right 0: left 0 moves to right 1.
        #expect(Evaluation.oneToOneAssignment(candidates: [[0, 1], [0]]) == [0: 1, 1: 0])
        #expect(Evaluation.oneToOneAssignment(candidates: [[0], [0]]) == [0: 0])
    }
}

@Suite struct EvalEntityTests {
    let gold = GoldDocument(document: "a.txt", entities: [
        .actor("Emmanuel Macron", kind: "person", aliases: ["Macron", "President Macron"], title: "President"),
        .actor("United Kingdom", aliases: ["UK", "U.K.", "Britain"]),
        .actor("Recep Tayyip Erdogan", kind: "person", aliases: ["Erdogan"], title: "President"),
        .actor("Europe", kind: "group", aliases: ["European leaders"], optional: true),
    ])

    func score(_ participants: [ExportDocument.Participant]) -> EvaluationReport.Scores {
        Evaluation.evaluate(export: ExportDocument(sources: [.document(1, "a.txt")], participants: participants), gold: [gold]).total
    }

    @Test func perfectIsOne() {
        let scores = score([
            .actor(1, "Emmanuel Macron", kind: "person", title: "President"),
            .actor(2, "United Kingdom"),
            .actor(3, "Recep Tayyip Erdogan", kind: "person", title: "President"),
        ])
        #expect(scores.entities == Detection(truePositives: 3))
        #expect(scores.entities.f1 == 1 && scores.titles.accuracy == 1)
    }

    @Test func missedEntityIsAFalseNegative() {
        let scores = score([.actor(1, "Macron", kind: "person", title: "President"), .actor(2, "Britain")])
        #expect(scores.entities == Detection(truePositives: 2, falseNegatives: 1))
        #expect(scores.entities.precision == 1 && scores.entities.recall == 2.0 / 3)
        #expect(scores.entities.f1 == 0.8)
        #expect(scores.titles == Accuracy(correct: 1, total: 1))
    }

    @Test func secondParticipantForOneEntityIsAFalsePositive() {
        let scores = score([
            .actor(1, "Emmanuel Macron", kind: "person", title: "President"),
            .actor(2, "President Macron", kind: "person"),
            .actor(3, "U.K."), .actor(4, "Erdogan", kind: "person"),
            .actor(5, "Paris"),
        ])
        #expect(scores.entities == Detection(truePositives: 3, falsePositives: 2))
        // The title is read from the first participant that matched: Erdogan has none.
        #expect(scores.titles == Accuracy(correct: 1, total: 2))
    }

    @Test func optionalEntitiesNeitherCountNorHurt() {
        let full: [ExportDocument.Participant] = [.actor(1, "Macron", kind: "person"), .actor(2, "UK"), .actor(3, "Erdogan", kind: "person")]
        let withEurope = score(full + [.actor(4, "European leaders", kind: "group"), .actor(5, "Europe", kind: "group")])
        #expect(withEurope.entities == Detection(truePositives: 3))
        #expect(score(full).entities == Detection(truePositives: 3))
    }

    @Test func aliasesDiacriticsAndCaseFold() {
        let scores = score([.actor(1, "MACRON", kind: "person", title: "president"), .actor(2, "the U.K."), .actor(3, "Recep Tayyip Erdoğan", kind: "person", title: "President")])
        #expect(scores.entities == Detection(truePositives: 3))
        #expect(scores.titles == Accuracy(correct: 2, total: 2))
    }

    @Test func onlyParticipantsOfTheDocumentCount() {
        let scores = score([.actor(1, "Macron", kind: "person", in: [2]), .actor(2, "Germany", in: [2])])
        #expect(scores.entities == Detection(falseNegatives: 3))
        #expect(scores.entities.precision == nil && scores.entities.f1 == 0)
    }

    @Test func aDocumentWithoutSourceIsMissedAndReported() {
        let report = Evaluation.evaluate(export: ExportDocument(sources: [.document(1, "other.txt")]), gold: [gold])
        #expect(report.missingDocuments == ["a.txt"])
        #expect(report.documents.first?.source == nil)
        #expect(report.total.entities == Detection(falseNegatives: 3))
    }
}

@Suite struct EvalMeetingTests {
    static let entities: [GoldDocument.Entity] = [
        .actor("Emmanuel Macron", kind: "person", aliases: ["Macron"]),
        .actor("Germany", aliases: ["German", "Berlin"]),
        .actor("Italy"), .actor("Poland"), .actor("France"), .actor("Ukraine"), .actor("Europe", kind: "group", optional: true),
    ]
    static let participants: [ExportDocument.Participant] = [
        .actor(1, "Macron", kind: "person", in: [1, 2]), .actor(2, "Germany", in: [1, 2]), .actor(3, "Italy", in: [1, 2]),
        .actor(4, "Poland", in: [1, 2]), .actor(5, "France", in: [1, 2]), .actor(6, "Ukraine", in: [1, 2]),
        .actor(7, "Spain", in: [1, 2]),
    ]

    func evaluate(_ meetings: [ExportDocument.Meeting], _ gold: [GoldDocument]) -> EvaluationReport {
        let export = ExportDocument(sources: [.document(1, "a.txt"), .document(2, "b.txt")], participants: Self.participants, meetings: meetings)
        return Evaluation.evaluate(export: export, gold: gold)
    }

    static let leaders = GoldDocument.Meeting(
        key: "paris-leaders", location: ["Paris", "Élysée Palace"], dateText: "Monday", convener: "Emmanuel Macron",
        attendees: ["Germany", "Italy", "Poland"], optionalAttendees: ["France", "Emmanuel Macron"], excluded: ["Ukraine"])
    static let ministers = GoldDocument.Meeting(key: "paris-ministers", location: ["Paris"], dateText: "Wednesday", attendees: ["France", "Germany"])
    static let call = GoldDocument.Meeting(key: "call", location: ["virtual", nil], dateText: "Saturday")

    @Test func perfectIsOne() {
        let report = evaluate([
            .init(id: 1, name: "Élysée summit", kind: "summit", city: "Paris", venue: "Elysee Palace", dateText: "on Monday", convener: 1,
                  participants: [.init(participant: 1, role: "convener"), .init(participant: 2, role: "attendee"),
                                 .init(participant: 3, role: "attendee"), .init(participant: 4, role: "attendee"),
                                 .init(participant: 5, role: "host"), .init(participant: 6, role: "excluded")],
                  sources: [1]),
            .init(id: 2, name: "call", kind: "call", dateText: "Saturday", sources: [1]),
        ], [GoldDocument(document: "a.txt", entities: Self.entities, meetings: [Self.leaders, Self.call])])
        let scores = report.total
        #expect(scores.meetings == Detection(truePositives: 2))
        #expect(scores.conveners == Accuracy(correct: 1, total: 1))
        #expect(scores.dateTexts == Accuracy(correct: 2, total: 2))
        #expect(scores.attendees == Detection(truePositives: 3))
    }

    @Test func attendeesCountMissesWrongNamesAndExcludedOnes() {
        let report = evaluate([
            .init(id: 1, name: "summit", kind: "summit", city: "Paris", dateText: "Tuesday", convener: 2,
                  participants: [.init(participant: 2, role: "attendee"), .init(participant: 6, role: "attendee"),
                                 .init(participant: 7, role: "attendee"), .init(participant: 5, role: "attendee")],
                  sources: [1]),
        ], [GoldDocument(document: "a.txt", entities: Self.entities, meetings: [Self.leaders])])
        let scores = report.total
        // Germany right; Ukraine (excluded) and Spain wrong; France optional; Italy and Poland missed.
        #expect(scores.attendees == Detection(truePositives: 1, falsePositives: 2, falseNegatives: 2))
        #expect(scores.conveners == Accuracy(correct: 0, total: 1))
        #expect(scores.dateTexts == Accuracy(correct: 0, total: 1))
    }

    @Test func tiesBetweenPlacesBreakOnDateText() {
        let report = evaluate([
            .init(id: 1, name: "ministers", kind: "ministerial", city: "Paris", dateText: "Wednesday", sources: [1]),
            .init(id: 2, name: "leaders", kind: "summit", city: "Paris", dateText: "Monday", sources: [1]),
            .init(id: 3, name: "extra", kind: "meeting", city: "Paris", sources: [1]),
        ], [GoldDocument(document: "a.txt", entities: Self.entities, meetings: [Self.leaders, Self.ministers])])
        #expect(report.total.meetings == Detection(truePositives: 2, falsePositives: 1))
        #expect(report.total.dateTexts == Accuracy(correct: 2, total: 2))
    }

    @Test func optionalMeetingsNeitherCountNorHurt() {
        var optionalCall = Self.call
        optionalCall.optional = true
        let gold = [GoldDocument(document: "a.txt", entities: Self.entities, meetings: [Self.ministers, optionalCall])]
        let ministers = ExportDocument.Meeting(id: 1, name: "ministers", kind: "ministerial", city: "Paris", dateText: "Wednesday", sources: [1])
        let call = ExportDocument.Meeting(id: 2, name: "call", kind: "call", sources: [1])
        #expect(evaluate([ministers], gold).total.meetings == Detection(truePositives: 1))
        #expect(evaluate([ministers, call], gold).total.meetings == Detection(truePositives: 1))
    }

    @Test func mergePairsRewardOneMeetingPerKey() {
        var leadersWithoutDate = Self.leaders
        leadersWithoutDate.dateText = nil
        let gold = [
            GoldDocument(document: "a.txt", entities: Self.entities, meetings: [Self.leaders]),
            GoldDocument(document: "b.txt", entities: Self.entities, meetings: [leadersWithoutDate, Self.ministers]),
        ]
        let merged = ExportDocument.Meeting(id: 1, name: "summit", kind: "summit", city: "Paris", dateText: "Monday", sources: [1, 2])
        let ministers = ExportDocument.Meeting(id: 2, name: "ministers", kind: "ministerial", city: "Paris", dateText: "Wednesday", sources: [2])
        let right = evaluate([merged, ministers], gold).total
        #expect(right.mergePairs == Detection(truePositives: 1))
        #expect(right.meetings == Detection(truePositives: 3))
        // Only document a's gold has a date_text; document b's meeting is not scored on it.
        #expect(right.dateTexts == Accuracy(correct: 2, total: 2))

        let split = evaluate([
            .init(id: 1, name: "summit", kind: "summit", city: "Paris", dateText: "Monday", sources: [1]),
            .init(id: 3, name: "summit", kind: "summit", city: "Paris", sources: [2]), ministers,
        ], gold).total
        #expect(split.mergePairs == Detection(falseNegatives: 1))

        let overMerged = evaluate([.init(id: 1, name: "summit", kind: "summit", city: "Paris", dateText: "Monday", sources: [1, 2])],
                                  [gold[0], GoldDocument(document: "b.txt", entities: Self.entities, meetings: [Self.ministers])]).total
        #expect(overMerged.mergePairs == Detection(falsePositives: 1))
    }

    @Test func dateTextOfAnotherDocumentWithTheSameKeyCounts() {
        var monday = Self.leaders
        monday.dateText = "Monday"
        var february = Self.leaders
        february.dateText = "February 17"
        let gold = [
            GoldDocument(document: "a.txt", entities: Self.entities, meetings: [monday]),
            GoldDocument(document: "b.txt", entities: Self.entities, meetings: [february]),
        ]
        let report = evaluate([.init(id: 1, name: "summit", kind: "summit", city: "Paris", dateText: "February 17", sources: [1, 2])], gold)
        #expect(report.total.dateTexts == Accuracy(correct: 2, total: 2))
    }

    @Test func attendeesOfTheSameKeyElsewhereAreNotFalsePositives() {
        var bare = Self.leaders
        bare.attendees = []
        let gold = [
            GoldDocument(document: "a.txt", entities: Self.entities, meetings: [Self.leaders]),
            GoldDocument(document: "b.txt", entities: Self.entities, meetings: [bare]),
        ]
        let merged = ExportDocument.Meeting(
            id: 1, name: "summit", kind: "summit", city: "Paris", dateText: "Monday",
            participants: [2, 3, 4].map { .init(participant: $0, role: "attendee") }, sources: [1, 2])
        let report = evaluate([merged], gold)
        #expect(report.documents[0].scores.attendees == Detection(truePositives: 3))
        #expect(report.documents[1].scores.attendees == Detection())
    }
}

@Suite struct EvalProposalTests {
    let gold = GoldDocument(
        document: "a.txt",
        entities: [.actor("Ukraine", aliases: ["Kyiv"]), .actor("Turkey", aliases: ["Türkiye"]), .actor("France")],
        proposals: [
            .init(summary: "An aerial and naval ceasefire", match: [["ceasefire", "truce"], ["aerial", "naval", "air and sea"]],
                  proposers: ["Ukraine"], supporters: ["Turkey"]),
            .init(summary: "Peacekeeping troops", match: [["peacekeep"]], proposers: ["France"]),
            .init(summary: "A questionnaire", match: [["questionnaire"]], optional: true),
        ])

    func score(_ proposals: [ExportDocument.Proposal]) -> EvaluationReport.Scores {
        let participants: [ExportDocument.Participant] = [.actor(1, "Kyiv"), .actor(2, "Türkiye"), .actor(3, "France")]
        let export = ExportDocument(sources: [.document(1, "a.txt")], participants: participants, proposals: proposals)
        return Evaluation.evaluate(export: export, gold: [gold]).total
    }

    @Test func everyInnerListMustMatch() {
        let scores = score([
            .init(id: 1, summary: "A ceasefire in the Black Sea", kind: "ceasefire", sources: [1]),
            .init(id: 2, summary: "A truce in the air and at sea", kind: "ceasefire", sources: [1]),
        ])
        #expect(scores.proposals == Detection(falsePositives: 2, falseNegatives: 2))
    }

    @Test func perfectWithPositionsIsOne() {
        let scores = score([
            .init(id: 1, summary: "A truce in the AIR AND SEA", kind: "ceasefire",
                  positions: [.init(participant: 1, stance: "proposes"), .init(participant: 2, stance: "supports")], sources: [1]),
            .init(id: 2, summary: "Deploy peacekeepers", kind: "troop deployment", positions: [.init(participant: 3, stance: "proposes")], sources: [1]),
        ])
        #expect(scores.proposals == Detection(truePositives: 2))
        #expect(scores.proposers == Accuracy(correct: 2, total: 2))
        #expect(scores.supporters == Accuracy(correct: 1, total: 1))
    }

    @Test func matchingIsOneToOneAndOptionalIsIgnored() {
        let scores = score([
            .init(id: 1, summary: "Peacekeeping troops to Ukraine", kind: "troop deployment", sources: [1]),
            .init(id: 2, summary: "British peacekeepers", kind: "troop deployment", sources: [1]),
            .init(id: 3, summary: "A questionnaire to allies", kind: "survey", sources: [1]),
            .init(id: 4, summary: "Another questionnaire", kind: "survey", sources: [1]),
        ])
        #expect(scores.proposals == Detection(truePositives: 1, falsePositives: 1, falseNegatives: 1))
    }

    @Test func proposerNeedsTheProposesStance() {
        let scores = score([
            .init(id: 1, summary: "naval ceasefire", kind: "ceasefire",
                  positions: [.init(participant: 1, stance: "supports"), .init(participant: 3, stance: "proposes")], sources: [1]),
            .init(id: 2, summary: "peacekeeping", kind: "troop deployment", positions: [.init(participant: 3, stance: "proposes")], sources: [1]),
        ])
        #expect(scores.proposers == Accuracy(correct: 1, total: 2))
        #expect(scores.supporters == Accuracy(correct: 0, total: 1))
    }
}

@Suite struct EvalSeedGoldTests {
    /// An export that says exactly what the gold files say: one participant per entity name,
    /// one meeting per key, one proposal per gold proposal.
    static func perfectExport(of gold: [GoldDocument]) -> ExportDocument {
        var export = ExportDocument()
        var participantIDs: [String: Int64] = [:]
        func participant(named name: String) -> Int64 { participantIDs[Evaluation.fold(name)]! }

        for (index, document) in gold.enumerated() {
            let source = Int64(index + 1)
            export.sources.append(.document(source, document.document))
            for entity in document.entities {
                if let id = participantIDs[Evaluation.fold(entity.name)] {
                    let position = export.participants.firstIndex { $0.id == id }!
                    export.participants[position].sources.append(source)
                    export.participants[position].title = export.participants[position].title ?? entity.title
                } else {
                    let id = Int64(export.participants.count + 1)
                    participantIDs[Evaluation.fold(entity.name)] = id
                    export.participants.append(.actor(id, entity.name, kind: entity.kind, title: entity.title, in: [source]))
                }
            }
        }
        for (index, document) in gold.enumerated() {
            let source = Int64(index + 1)
            for goldMeeting in document.meetings {
                if let position = export.meetings.firstIndex(where: { $0.name == goldMeeting.key }) {
                    var meeting = export.meetings[position]
                    meeting.sources.append(source)
                    meeting.dateText = meeting.dateText ?? goldMeeting.dateText
                    meeting.convener = meeting.convener ?? goldMeeting.convener.map(participant(named:))
                    for attendee in goldMeeting.attendees.map(participant(named:)) where !meeting.participants.contains(where: { $0.participant == attendee }) {
                        meeting.participants.append(.init(participant: attendee, role: "attendee"))
                    }
                    export.meetings[position] = meeting
                } else {
                    let convener = goldMeeting.convener.map(participant(named:))
                    let place = goldMeeting.location.contains(nil) ? nil : goldMeeting.location.first!
                    export.meetings.append(.init(
                        id: Int64(export.meetings.count + 1), name: goldMeeting.key, kind: goldMeeting.kind ?? "meeting", city: place,
                        dateText: goldMeeting.dateText, convener: convener,
                        participants: convener.map { [.init(participant: $0, role: "convener")] } ?? []
                            + goldMeeting.attendees.map { .init(participant: participant(named: $0), role: "attendee") },
                        sources: [source]))
                }
            }
            for goldProposal in document.proposals {
                let positions = goldProposal.proposers.map { ExportDocument.Proposal.Position(participant: participant(named: $0), stance: "proposes") }
                    + goldProposal.supporters.map { .init(participant: participant(named: $0), stance: "supports") }
                export.proposals.append(.init(
                    id: Int64(export.proposals.count + 1),
                    summary: ([goldProposal.summary] + goldProposal.match.map { $0[0] }).joined(separator: "; "),
                    kind: "proposal", positions: positions, sources: [source]))
            }
        }
        return export
    }

    @Test func seedGoldLoadsInFileOrder() throws {
        let gold = try GoldDocument.load(directory: goldFixtureDirectory)
        #expect(gold.map(\.document) == [
            "000_cf92cea98311280a.txt", "001_4c7635f27aa1620f.txt", "002_d08fc1b6d45d2fba.txt",
            "003_b2d6b7b6bd686215.txt", "004_e2420cb33fd0fd10.txt",
        ])
        #expect(gold[3].meetings[3].location == ["virtual", "online", nil])
        #expect(gold[1].meetings[1].excluded == ["Ukraine", "Europe"])
    }

    @Test func perfectExportScoresOneEverywhere() throws {
        let gold = try GoldDocument.load(directory: goldFixtureDirectory)
        let report = Evaluation.evaluate(export: Self.perfectExport(of: gold), gold: gold)
        #expect(report.missingDocuments.isEmpty)
        for metric in report.total.metrics {
            switch metric.score {
            case let .detection(counts):
                #expect(counts.f1 == 1, "\(metric.name): \(counts)")
                #expect(counts.precision == 1 && counts.recall == 1, "\(metric.name): \(counts)")
            case let .accuracy(accuracy):
                #expect(accuracy.accuracy == 1, "\(metric.name): \(accuracy)")
            }
        }
        // The seed set exercises every metric.
        #expect(report.total.mergePairs.truePositives == 4)
        #expect(report.total.supporters.total == 2)
    }

    @Test func emptyExportScoresZeroRecall() throws {
        let gold = try GoldDocument.load(directory: goldFixtureDirectory)
        let report = Evaluation.evaluate(export: ExportDocument(), gold: gold)
        #expect(report.missingDocuments.count == 5)
        #expect(report.total.entities.recall == 0 && report.total.entities.f1 == 0)
        #expect(report.total.meetings.falseNegatives == 12)
    }

    @Test func evaluatesAKnowledgeBaseAgainstAGoldFolder() throws {
        let small = try SmallKnowledgeBase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("summitkb-gold-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("""
            {"document": "a.txt",
             "entities": [{"name": "Emmanuel Macron", "kind": "person", "aliases": ["Macron"], "title": "President"},
                          {"name": "France", "kind": "country"}, {"name": "Germany", "kind": "country"}],
             "meetings": [{"key": "paris", "location": ["Paris"], "date_text": "Monday", "convener": "Emmanuel Macron",
                           "attendees": ["Germany"], "optional_attendees": ["France", "Emmanuel Macron"]}],
             "proposals": []}
            """.utf8).write(to: folder.appendingPathComponent("a.json"))
        let report = try small.fixture.kb.evaluate(goldDirectory: folder.path)
        #expect(report.documents.map(\.source) == [small.first])
        #expect(report.total.entities == Detection(truePositives: 3))
        #expect(report.total.meetings == Detection(truePositives: 1))
        #expect(report.total.attendees == Detection(truePositives: 1))
        #expect(report.total.conveners.accuracy == 1 && report.total.titles.accuracy == 1)
    }

    @Test func badGoldNamesTheFolderOrFile() throws {
        let kb = try KnowledgeBase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("summitkb-bad-gold-\(UUID().uuidString)")
        #expect {
            try kb.evaluate(goldDirectory: folder.path)
        } throws: { error in
            guard case let .badGold(path, _)? = error as? SummitKBError else { return false }
            return path == folder.path
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: SummitKBError.badGold(path: folder.path, reason: "no .json gold files in this folder")) {
            try kb.evaluate(goldDirectory: folder.path)
        }
        let broken = folder.appendingPathComponent("broken.json")
        try Data(#"{"document": "a.txt", "entities": [{"name": "France"}]}"#.utf8).write(to: broken)
        #expect {
            try kb.evaluate(goldDirectory: folder.path)
        } throws: { error in
            guard case let .badGold(path, reason)? = error as? SummitKBError else { return false }
            return path == broken.path && reason.contains("missing key \"kind\" at entities[0]")
        }
    }
}
