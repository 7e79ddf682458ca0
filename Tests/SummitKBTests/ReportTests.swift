import Foundation
import GRDB
import Testing
@testable import SummitKB

@Suite struct ReportTests {
    typealias ID = QueryFixtures.ID
    typealias Paths = QueryFixtures.Paths
    let kb: KnowledgeBase

    init() throws { kb = try QueryFixtures.knowledgeBase() }

    @Test func timelineListsTheParisMeetingOnceWithItsSources() throws {
        let timeline = try kb.timeline()
        #expect(timeline.meetings.filter { $0.meeting.name.hasPrefix("Paris leaders") }.count == 1)
        #expect(timeline.meetings.map(\.meeting.displayDate)
                == ["2025-03-11 (Tuesday)", "2025-03-12 (Wednesday)", "2025-03-15 (Saturday)", "Monday", "unknown"])
        let text = try Rendering.render(timeline, as: .table, width: 200)
        #expect(text.contains("Élysée Palace, Paris"))
        #expect(text.contains("1 named, 30 stated"))
        try expectShape(timeline, .object(["meetings": .array(Shapes.meetingSummary)]))
    }

    @Test func meetingDossier() throws {
        let dossier = try kb.meetingDossier(id: 1)
        #expect(dossier.convener?.id == ID.macron)
        let macron = try #require(dossier.participants.first { $0.participantId == ID.macron })
        #expect(macron.roles == [.convener, .host])
        #expect(macron.sources == [Paths.elysee, Paths.monday, Paths.today, Paths.summit])
        #expect(dossier.proposals.map(\.proposal.id) == [1])
        #expect(dossier.sources.map(\.path) == [Paths.elysee, Paths.monday, Paths.today, Paths.summit])
        #expect(dossier.sources[1].report.mergeReason?.contains("same place") == true)
        #expect(dossier.evidence.contains { $0.evidence.slot == "venue" })
        #expect(throws: SummitKBError.notFound(kind: "meeting", reference: "42")) { try kb.meetingDossier(id: 42) }
        try expectShape(dossier, Shapes.meetingDossier)
    }

    @Test func attendance() throws {
        let attendance = try kb.attendance()
        let germany = attendance.rows.filter { $0.participantId == ID.germany }
        #expect(germany.map(\.meetingId) == [3, 1])
        #expect(germany.last?.sourceCount == 3)
        let ukraine = try #require(attendance.rows.first { $0.participantId == ID.ukraine })
        #expect(ukraine.roles == [.excluded])
        #expect(try kb.attendance(limit: 3).rows.count == 3)
        try expectShape(attendance, .object(["rows": .array(Shapes.attendanceRow)]))
    }

    /// A participant's first meetings are the same whether they are found by walking the
    /// dated meetings in timeline order or by sorting all the participant's meetings.
    @Test func firstMeetingsWalkedInTimelineOrderAreTheFirstOfTheSortedList() throws {
        let folder = try IngestTestSupport.temporaryFolder()
        try CorpusGenerator(seed: 21).write(count: 400, to: folder)
        let kb = try KnowledgeBase()
        try kb.ingest([folder.path])
        try kb.writer.read { db in
            let participants = try Int64.fetchAll(db, sql: "SELECT DISTINCT participant_id FROM meeting_participants")
            var walked = 0, sorted = 0
            for participant in participants {
                let all = try KnowledgeBase.attendanceRows(db, participantID: participant, limit: nil)
                for limit in [1, 4, 12] {
                    let shown = try KnowledgeBase.attendanceRows(db, participantID: participant, limit: limit)
                    #expect(shown.map(\.meetingId) == all.prefix(limit).map(\.meetingId))
                    #expect(shown.map(\.roles) == all.prefix(limit).map(\.roles))
                    if try KnowledgeBase.firstDatedMeetings(db, participantID: participant, limit: limit) != nil {
                        walked += 1
                    } else {
                        sorted += 1
                    }
                }
            }
            // Both ways were taken: frequent participants walked, rare ones sorted.
            #expect(walked > 20 && sorted > 20)
        }
    }

    @Test func participantProfile() throws {
        let uk = try kb.participantProfile(named: "Britain")
        #expect(uk.participant.name == "United Kingdom")
        #expect(uk.meetings.map(\.meetingId) == [3, 1])
        #expect(uk.positions.map(\.stance) == [.proposes])
        #expect(uk.positions.map(\.reportCount) == [uk.positions[0].sources.count])
        #expect(uk.sourceCount == 2)
        try expectShape(uk, .object([
            "participant": Shapes.participant, "aliases": .array(.string), "source_count": .number,
            "mention_count": .number, "meetings": .array(Shapes.attendanceRow), "positions": .array(Shapes.position),
        ]))
    }

    @Test func aStanceReportedEverywhereListsTenSourcesAndCountsThemAll() throws {
        let kb = try KnowledgeBase()
        let paths = (1...12).map { String(format: "wire-%02d.txt", $0) }
        for path in paths.reversed() {
            // The same sentence in every source: one proposal, one stance, twelve reports.
            #expect(try kb.ingest(text: "Paris – French President Emmanuel Macron has offered to deploy peacekeeping troops to Ukraine.\n",
                                  path: path, metadata: ArticleMetadata(published: "2025-03-10")) == .ingested)
        }
        let macron = try kb.participantProfile(named: "Macron")
        let proposes = try #require(macron.positions.first { $0.stance == .proposes })
        #expect(proposes.reportCount == 12)
        // The first ten reports stored (the paths were ingested in reverse), sorted by path.
        #expect(proposes.sources == Array(paths.suffix(PositionEntry.sourceLimit)))
        let lines = try Rendering.render(macron, as: .table, width: 200).split(separator: "\n")
        #expect(lines.contains { $0.contains("stance") && $0.contains("reports") && $0.contains("sources") })
        #expect(lines.contains { $0.contains("proposes") && $0.contains(" 12 ") && $0.contains("wire-03.txt") })
    }

    @Test func proposalsReportAndDossier() throws {
        let report = try kb.proposalsReport()
        #expect(report.proposals.map(\.proposal.summary) == ["Deploy peacekeeping troops to Ukraine", "Aerial and naval ceasefire"])
        try expectShape(report, .object(["proposals": .array(Shapes.proposalSummary)]))
        let dossier = try kb.proposalDossier(id: 1)
        #expect(dossier.positions.map(\.participant) == ["France", "France", "United Kingdom"])
        #expect(dossier.sources.map(\.path) == [Paths.chiefs, Paths.summit])
        #expect(dossier.evidence.count == 5)
        try expectShape(dossier, .object([
            "summary": Shapes.proposalSummary,
            "sources": .array(.object(["source_id": .number, "path": .string, "title": .string,
                                       "report": Shapes.proposalReport], optional: ["title"])),
            "positions": .array(.object(["id": .number, "participant_id": .number, "participant": .string,
                                         "stance": .string, "path": .string], optional: ["path"])),
            "evidence": .array(Shapes.evidenceItem),
        ]))
    }

    @Test func sourcesReportShowsWhatOnlyOneSourceSays() throws {
        let report = try kb.sourcesReport()
        #expect(report.sources.count == 5)
        let monday = report.sources[1]
        #expect(monday.meetings.map(\.id) == [1, 5])
        #expect(monday.meetings.map(\.onlyHere) == [false, true])
        #expect(monday.exclusiveFacts.map(\.name).contains("JD Vance"))
        let one = try kb.sourcesReport(source: Paths.chiefs)
        #expect(one.sources.map(\.source.id) == [4])
        #expect(one.sources[0].exclusiveFacts.map(\.fact) == ["meeting", "meeting", "meeting", "proposal",
                                                                "participant", "participant", "participant"])
        try expectShape(report, .object(["sources": .array(.object([
            "source": Shapes.sourceSummary, "meetings": .array(Shapes.contribution),
            "proposals": .array(Shapes.contribution), "participants": .array(Shapes.contribution),
        ]))]))
    }

    @Test func conflictsGroupEachFactWithWhoSaysWhat() throws {
        let report = try kb.conflicts()
        let paris = report.conflicts.filter { $0.subject == .meeting && $0.subjectId == 1 }
        let facts = paris.map(\.fact)
        #expect(facts.contains("date"))
        #expect(facts.contains("convener"))
        #expect(!facts.contains("kind"))            // "meeting" is generic: it agrees with "summit"
        #expect(facts.contains("attendance of Poland"))
        #expect(!facts.contains("attendance of Emmanuel Macron"))   // every listing source names him
        #expect(!facts.contains("attendance of Germany"))           // every listing source lists it

        // Source 1 names only its convener: it gives no attendee list, so it never disagrees about one.
        let attendance = paris.filter { $0.fact.hasPrefix("attendance of ") }
        #expect(attendance.allSatisfy { !$0.claims.flatMap(\.witnesses).map(\.path).contains(Paths.elysee) })

        let date = try #require(paris.first { $0.fact == "date" })
        #expect(date.claims.map(\.value) == ["Monday", "today"])
        #expect(date.claims[1].witnesses.first?.path == Paths.today)
        #expect(date.claims[1].witnesses.first?.sentence?.contains("held today") == true)

        let convener = try #require(paris.first { $0.fact == "convener" })
        #expect(convener.claims.map(\.value) == ["Emmanuel Macron", "France"])
        #expect(convener.claims[0].witnesses.map(\.path) == [Paths.elysee, Paths.monday, Paths.summit])
        #expect(convener.sourceCount == 4)
        #expect(paris.first?.fact == "convener")   // the fact involving the most sources first

        let poland = try #require(paris.first { $0.fact == "attendance of Poland" })
        #expect(poland.claims.map(\.value) == ["not listed", "listed"])
        #expect(poland.claims[0].witnesses.map(\.path) == [Paths.monday])
        #expect(poland.claims[1].witnesses.map(\.path) == [Paths.today, Paths.summit])

        // Proposal 1: one source names UK and France as proposers, another France alone; leaving a
        // proposer out is no disagreement, a different status is.
        let troops = report.conflicts.filter { $0.subject == .proposal && $0.subjectId == 1 }
        #expect(troops.map(\.fact) == ["status"])

        let text = report.plainText(width: 80)
        #expect(text.contains("meeting 1: Paris leaders' meeting on European security"))
        #expect(text.contains("  attendance of Poland: not listed (1) vs listed (2)"))
        #expect(text.contains("    not listed in \(Paths.monday)"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })

        #expect(report.conflicts.allSatisfy { $0.claims.count > 1 })
        try expectShape(report, .object(["conflicts": .array(.object([
            "subject": .string, "subject_id": .number, "subject_name": .string, "fact": .string,
            "source_count": .number, "claims": .array(.object(["value": .string, "witnesses": .array(.object([
                "source_id": .number, "path": .string, "sentence": .string, "start": .number, "end": .number,
            ], optional: ["sentence", "start", "end"]))])),
        ]))]))
    }

    @Test func conflictsLimitExaminesTheMostReportedSubjectsFirst() throws {
        let first = try kb.conflicts(limit: 1).conflicts
        #expect(Set(first.map { "\($0.subject.rawValue) \($0.subjectId)" }) == ["meeting 1"])   // four reports
        #expect(try kb.conflicts(limit: 5) == kb.conflicts())
    }

    @Test func unresolvedDatesArePlacedByWhatIsKnown() throws {
        try kb.writer.write { db in
            // Meetings 6...12: unresolved, reported by source 2 (no publication date) in this order,
            // except meeting 12, reported by source 4 (published 2025-03-10).
            let texts: [(Int64, String?, Int64)] = [(6, "next week", 2), (7, "Tuesday", 2), (8, "yesterday", 2),
                                                    (9, "last week", 2), (10, nil, 2), (11, "in due course", 2),
                                                    (12, "tomorrow", 4)]
            for (ordinal, (id, text, source)) in texts.enumerated() {
                try db.execute(sql: """
                    INSERT INTO meetings (id, name, kind, date_text, date_precision, status, block_key)
                    VALUES (?, ?, 'meeting', ?, 'unknown', 'planned', 'none')
                    """, arguments: [id, "meeting \(id)", text])
                try db.execute(sql: """
                    INSERT INTO meeting_reports (source_id, meeting_id, ordinal, kind, name, date_text, block_key)
                    VALUES (?, ?, ?, 'meeting', 'reported meeting', ?, 'none')
                    """, arguments: [source, id, ordinal + 2, text])
            }
        }
        let unresolved = try kb.timeline().meetings.filter { $0.meeting.date == nil }.map(\.meeting.id)
        // Published source first; then last week < yesterday < Monday (meeting 1) < Tuesday < next week;
        // then an unknown expression, then no text (by source order: meeting 5 before meeting 10).
        #expect(unresolved == [12, 9, 8, 1, 7, 6, 11, 5, 10])
    }

    @Test func explanationShape() throws {
        try expectShape(try kb.explain(.meeting(id: 2)),
                        .object(["subject": .string, "evidence": .array(Shapes.evidenceItem)]))
    }

    /// Every statement a report runs, checked with EXPLAIN QUERY PLAN: meetings, participants,
    /// evidence and sources are reached through an index, never scanned whole, except where the
    /// report lists every row of that table.
    @Test(arguments: ["timeline", "meeting", "attendance", "attendance, limited", "participant", "proposals", "sources", "source",
                      "conflicts", "explain", "search"])
    func reportsUseIndexes(report: String) throws {
        let listedTables: Set<String> = report == "sources" ? ["sources"] : []
        let statements = try IngestTestSupport.statements(runBy: kb, expanded: true) {
            switch report {
            case "timeline": _ = try kb.timeline()
            case "meeting": _ = try kb.meetingDossier(id: 1)
            case "attendance": _ = try kb.attendance()
            case "attendance, limited": _ = try kb.attendance(limit: 2)
            case "participant": _ = try kb.participantProfile(named: "Macron")
            case "proposals": _ = try kb.proposalsReport()
            case "sources": _ = try kb.sourcesReport()
            case "source": _ = try kb.sourcesReport(source: "2")
            case "conflicts": _ = try kb.conflicts()
            case "explain": _ = try kb.explain(.participant(name: "Macron"))
            default: _ = try kb.search("Paris troops")
            }
        }
        let guarded = ["meetings", "participants", "evidence", "sources"]
        for sql in statements where sql.hasPrefix("SELECT") && !sql.contains("sqlite_master") {
            let plan = try IngestTestSupport.queryPlan(sql, in: kb)
            for line in plan where line.hasPrefix("SCAN ") && !line.contains("INDEX") {
                let table = String(line.dropFirst(5).prefix { $0 != " " })
                #expect(!guarded.contains(table) || listedTables.contains(table),
                        "\(report): full scan of \(table) in \(sql)\n\(plan.joined(separator: "\n"))")
            }
        }
    }
}

// MARK: - JSON shapes, as documented on the report types.

indirect enum Shape: Sendable {
    case object([String: Shape], optional: Set<String> = [])
    case array(Shape)
    case string, number, bool
}

enum Shapes {
    static let meeting = Shape.object([
        "id": .number, "name": .string, "kind": .string, "city": .string, "venue": .string, "country": .string,
        "date": .string, "date_text": .string, "date_precision": .string, "status": .string, "convener_id": .number,
        "topic": .string, "participant_count": .number, "block_key": .string, "origin": .string, "verified": .bool,
    ], optional: ["city", "venue", "country", "date", "date_text", "convener_id", "topic", "participant_count"])
    static let participant = Shape.object([
        "id": .number, "kind": .string, "name": .string, "key": .string, "title": .string, "country": .string,
        "lexicon": .string, "origin": .string, "verified": .bool,
    ], optional: ["title", "country", "lexicon"])
    static let proposal = Shape.object([
        "id": .number, "summary": .string, "kind": .string, "status": .string, "conditions": .string,
        "meeting_id": .number, "merge_key": .string, "origin": .string, "verified": .bool,
    ], optional: ["conditions", "meeting_id"])
    static let meetingReport = Shape.object([
        "id": .number, "source_id": .number, "meeting_id": .number, "ordinal": .number, "kind": .string, "name": .string,
        "city": .string, "venue": .string, "country": .string, "date": .string, "date_text": .string,
        "date_precision": .string, "status": .string, "convener_id": .number, "topic": .string,
        "participant_count": .number, "block_key": .string, "merge_reason": .string, "confidence": .number,
    ], optional: ["city", "venue", "country", "date", "date_text", "convener_id", "topic", "participant_count", "merge_reason"])
    static let proposalReport = Shape.object([
        "id": .number, "source_id": .number, "proposal_id": .number, "meeting_report_id": .number, "ordinal": .number,
        "summary": .string, "kind": .string, "status": .string, "conditions": .string, "features": .string,
        "challenges": .string, "merge_key": .string, "merge_reason": .string, "confidence": .number,
    ], optional: ["meeting_report_id", "conditions", "features", "challenges", "merge_reason"])
    static let evidenceItem = Shape.object(["path": .string, "evidence": .object([
        "id": .number, "source_id": .number, "participant_id": .number, "meeting_report_id": .number,
        "meeting_participant_id": .number, "proposal_report_id": .number, "proposal_position_id": .number,
        "slot": .string, "value": .string, "start": .number, "end": .number, "sentence_start": .number,
        "sentence_end": .number, "sentence": .string, "extractor": .string, "confidence": .number,
    ], optional: ["participant_id", "meeting_report_id", "meeting_participant_id", "proposal_report_id",
                  "proposal_position_id", "value"])])
    static let meetingSummary = Shape.object([
        "meeting": meeting, "convener": participant, "attendee_count": .number, "source_count": .number,
    ], optional: ["convener"])
    static let proposalSummary = Shape.object([
        "proposal": proposal, "meeting": meeting, "proposers": .array(.string), "supporters": .array(.string),
        "opposers": .array(.string), "discussants": .array(.string), "source_count": .number,
    ], optional: ["meeting"])
    static let attendanceRow = Shape.object([
        "participant_id": .number, "participant": .string, "kind": .string, "meeting_id": .number, "meeting": .string,
        "date": .string, "date_text": .string, "roles": .array(.string), "source_count": .number,
    ], optional: ["date", "date_text"])
    static let position = Shape.object([
        "proposal_id": .number, "summary": .string, "stance": .string, "report_count": .number, "sources": .array(.string),
    ])
    static let sourceSummary = Shape.object([
        "id": .number, "path": .string, "title": .string, "published": .string, "word_count": .number,
        "fact_count": .number, "meeting_count": .number, "proposal_count": .number,
    ], optional: ["title", "published"])
    static let contribution = Shape.object(["id": .number, "name": .string, "only_here": .bool])
    static let meetingDossier = Shape.object([
        "meeting": meeting, "convener": participant,
        "participants": .array(.object(["participant_id": .number, "name": .string, "kind": .string,
                                        "roles": .array(.string), "sources": .array(.string)])),
        "proposals": .array(proposalSummary),
        "sources": .array(.object(["source_id": .number, "path": .string, "title": .string, "report": meetingReport],
                                  optional: ["title"])),
        "evidence": .array(evidenceItem),
    ], optional: ["convener"])
}

/// A decoded JSON value that keeps booleans apart from numbers.
enum JSONValue: Decodable {
    case object([String: JSONValue]), array([JSONValue]), string(String), number(Double), bool(Bool), null

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }
}

/// Renders `value` as JSON and checks it against `shape`: every required key present, no
/// undocumented key, every value of the documented type.
func expectShape(_ value: some TableRepresentable, _ shape: Shape, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let json = try JSONDecoder().decode(JSONValue.self, from: Data(try Rendering.render(value, as: .json).utf8))
    var problems: [String] = []
    check(json, shape, at: "$", into: &problems)
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))", sourceLocation: sourceLocation)
}

private func check(_ json: JSONValue, _ shape: Shape, at path: String, into problems: inout [String]) {
    switch (shape, json) {
    case let (.object(fields, optional), .object(object)):
        for key in object.keys where fields[key] == nil { problems.append("\(path).\(key): undocumented key") }
        for (key, field) in fields {
            if let value = object[key] { check(value, field, at: "\(path).\(key)", into: &problems) }
            else if !optional.contains(key) { problems.append("\(path).\(key): missing") }
        }
    case let (.array(element), .array(array)):
        for (index, item) in array.enumerated() { check(item, element, at: "\(path)[\(index)]", into: &problems) }
    case (.string, .string), (.number, .number), (.bool, .bool):
        break
    default:
        problems.append("\(path): expected \(shape), found \(json)")
    }
}
