import Foundation
import GRDB
import Testing
@testable import SummitKB

/// Builds a small knowledge base row by row with SQL, independent of ingest and extraction.
struct KnowledgeBaseFixture {
    let kb: KnowledgeBase

    init() throws {
        kb = try KnowledgeBase()
    }

    private func insert(_ sql: String, _ arguments: StatementArguments) throws -> Int64 {
        try kb.writer.write { db in
            try db.execute(sql: sql, arguments: arguments)
            return db.lastInsertedRowID
        }
    }

    @discardableResult
    func source(path: String, text: String = "Leaders met in Paris on Monday.", title: String? = nil, author: String? = nil) throws -> Int64 {
        try insert("""
            INSERT INTO sources (path, sha256, title, author, raw_text, text, byte_count, word_count, extractor_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'test')
            """, [path, "sha-\(path)", title, author, text, text, text.utf8.count, text.split(separator: " ").count])
    }

    @discardableResult
    func participant(_ name: String, kind: String = "country", title: String? = nil, country: String? = nil, verified: Bool = false) throws -> Int64 {
        try insert("INSERT INTO participants (kind, name, key, title, country, verified) VALUES (?, ?, ?, ?, ?, ?)",
                   [kind, name, "\(kind):\(name.lowercased())", title, country, verified])
    }

    func alias(_ alias: String, of participant: Int64) throws {
        _ = try insert("INSERT INTO participant_aliases (participant_id, alias, folded) VALUES (?, ?, ?)",
                       [participant, alias, alias.lowercased()])
    }

    /// A mention of `participant` in `source`, as the entity tagger would record it.
    func mention(of participant: Int64, in source: Int64) throws {
        _ = try insert("""
            INSERT INTO evidence (source_id, participant_id, slot, start, end, sentence_start, sentence_end, extractor, confidence)
            VALUES (?, ?, 'mention', 0, 7, 0, 31, 'test', 1)
            """, [source, participant])
    }

    @discardableResult
    func meeting(_ name: String, kind: String = "summit", city: String? = nil, dateText: String? = nil, convener: Int64? = nil, verified: Bool = false) throws -> Int64 {
        try insert("""
            INSERT INTO meetings (name, kind, city, date_text, convener_id, block_key, verified) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [name, kind, city, dateText, convener, city?.lowercased() ?? "none", verified])
    }

    @discardableResult
    func meetingReport(of meeting: Int64, in source: Int64, ordinal: Int = 0, convener: Int64? = nil) throws -> Int64 {
        try insert("""
            INSERT INTO meeting_reports (source_id, meeting_id, ordinal, kind, name, convener_id, block_key)
            VALUES (?, ?, ?, 'summit', 'reported meeting', ?, 'paris')
            """, [source, meeting, ordinal, convener])
    }

    func attendance(of participant: Int64, at meeting: Int64, report: Int64?, role: String = "attendee", verified: Bool = false) throws {
        _ = try insert("""
            INSERT INTO meeting_participants (meeting_id, meeting_report_id, participant_id, role, verified) VALUES (?, ?, ?, ?, ?)
            """, [meeting, report, participant, role, verified])
    }

    @discardableResult
    func proposal(_ summary: String, kind: String = "security guarantee", meeting: Int64? = nil, verified: Bool = false) throws -> Int64 {
        try insert("INSERT INTO proposals (summary, kind, meeting_id, merge_key, verified) VALUES (?, ?, ?, ?, ?)",
                   [summary, kind, meeting, summary.lowercased(), verified])
    }

    @discardableResult
    func proposalReport(of proposal: Int64, in source: Int64, ordinal: Int = 0) throws -> Int64 {
        try insert("""
            INSERT INTO proposal_reports (source_id, proposal_id, ordinal, summary, kind, status, merge_key, source_sha256)
            VALUES (?, ?, ?, 'reported proposal', 'security guarantee', 'proposed', 'reported proposal', 'sha')
            """, [source, proposal, ordinal])
    }

    func position(of participant: Int64, on proposal: Int64, report: Int64?, stance: String = "proposes", verified: Bool = false) throws {
        _ = try insert("""
            INSERT INTO proposal_positions (proposal_id, proposal_report_id, participant_id, stance, verified) VALUES (?, ?, ?, ?, ?)
            """, [proposal, report, participant, stance, verified])
    }
}

/// Two sources, one merged meeting reported by both, one proposal.
struct SmallKnowledgeBase {
    let fixture: KnowledgeBaseFixture
    let first: Int64, second: Int64
    let macron: Int64, france: Int64, germany: Int64
    let meeting: Int64, proposal: Int64

    init() throws {
        fixture = try KnowledgeBaseFixture()
        first = try fixture.source(path: "seeds/a.txt", title: "Macron hosts leaders", author: "Emma Walker")
        second = try fixture.source(path: "seeds/b.txt")
        macron = try fixture.participant("Emmanuel Macron", kind: "person", title: "President", country: "France", verified: true)
        france = try fixture.participant("France")
        germany = try fixture.participant("Germany", verified: true)
        try fixture.alias("Macron", of: macron)
        try fixture.alias("Emmanuel Macron", of: macron)
        try fixture.mention(of: macron, in: first)
        try fixture.mention(of: france, in: first)
        meeting = try fixture.meeting("Paris summit", city: "Paris", dateText: "Monday", convener: macron, verified: true)
        let firstReport = try fixture.meetingReport(of: meeting, in: first, convener: macron)
        let secondReport = try fixture.meetingReport(of: meeting, in: second)
        try fixture.attendance(of: macron, at: meeting, report: firstReport, role: "convener", verified: true)
        try fixture.attendance(of: germany, at: meeting, report: firstReport, verified: true)
        try fixture.attendance(of: germany, at: meeting, report: secondReport)
        try fixture.attendance(of: france, at: meeting, report: secondReport, role: "host")
        proposal = try fixture.proposal("Security guarantees for Ukraine", meeting: meeting)
        let proposalReport = try fixture.proposalReport(of: proposal, in: second)
        try fixture.position(of: macron, on: proposal, report: proposalReport, verified: true)
        try fixture.position(of: france, on: proposal, report: proposalReport, stance: "supports")
    }
}

@Suite struct ExportTests {
    /// The JSON type a required key of FORMAT.md must have.
    enum ValueType {
        case string, optionalString, integer, optionalInteger, integers, objects
    }

    static let required: [String: [String: ValueType]] = [
        "document": ["format": .string, "sources": .objects, "participants": .objects, "meetings": .objects, "proposals": .objects],
        "source": ["id": .integer, "path": .string, "title": .optionalString, "author": .optionalString,
                   "publisher": .optionalString, "published": .optionalString, "sha256": .string, "text": .string],
        "participant": ["id": .integer, "kind": .string, "name": .string, "title": .optionalString,
                        "country": .optionalString, "sources": .integers],
        "meeting": ["id": .integer, "name": .string, "kind": .string, "city": .optionalString, "venue": .optionalString,
                    "country": .optionalString, "date": .optionalString, "date_text": .optionalString,
                    "date_precision": .string, "status": .string, "convener": .optionalInteger,
                    "participants": .objects, "sources": .integers],
        "attendance": ["participant": .integer, "role": .string],
        "proposal": ["id": .integer, "summary": .string, "kind": .string, "status": .string,
                     "meeting": .optionalInteger, "positions": .objects, "sources": .integers],
        "position": ["participant": .integer, "stance": .string],
    ]

    /// Problems with `object` against the required keys of `shape`, as readable lines.
    static func problems(_ object: [String: Any], shape: String, at path: String) -> [String] {
        var found: [String] = []
        for (key, type) in required[shape]! {
            guard let value = object[key] else {
                found.append("\(path).\(key) missing")
                continue
            }
            let isNull = value is NSNull
            let fits: Bool
            switch type {
            case .string: fits = value is String
            case .optionalString: fits = isNull || value is String
            case .integer: fits = (value as? Int) != nil
            case .optionalInteger: fits = isNull || (value as? Int) != nil
            case .integers: fits = (value as? [Any])?.allSatisfy { ($0 as? Int) != nil } ?? false
            case .objects: fits = value is [[String: Any]] || (value as? [Any])?.isEmpty == true
            }
            if !fits { found.append("\(path).\(key) has the wrong type: \(value)") }
        }
        return found
    }

    @Test func everyRequiredKeyIsPresentWithItsType() throws {
        let kb = try SmallKnowledgeBase().fixture.kb
        let json = try #require(try JSONSerialization.jsonObject(with: try kb.export().jsonData()) as? [String: Any])
        var problems = Self.problems(json, shape: "document", at: "")
        #expect(json["format"] as? String == "summitkb-export/1")
        let nested: [(list: String, shape: String, inner: (key: String, shape: String)?)] = [
            ("sources", "source", nil), ("participants", "participant", nil),
            ("meetings", "meeting", ("participants", "attendance")), ("proposals", "proposal", ("positions", "position")),
        ]
        for (list, shape, inner) in nested {
            let items = try #require(json[list] as? [[String: Any]])
            #expect(!items.isEmpty, "\(list) is empty")
            for (index, item) in items.enumerated() {
                problems += Self.problems(item, shape: shape, at: "\(list)[\(index)]")
                if let inner {
                    for (innerIndex, element) in (item[inner.key] as? [[String: Any]] ?? []).enumerated() {
                        problems += Self.problems(element, shape: inner.shape, at: "\(list)[\(index)].\(inner.key)[\(innerIndex)]")
                    }
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.sorted().joined(separator: "\n"))")
        // Nulls are written, not omitted.
        let source = try #require((json["sources"] as? [[String: Any]])?.first)
        #expect(source["publisher"] is NSNull)
        let meeting = try #require((json["meetings"] as? [[String: Any]])?.first)
        #expect(meeting["venue"] is NSNull && meeting["date"] is NSNull)
    }

    @Test func emptyKnowledgeBaseExportsEmptyLists() throws {
        let export = try KnowledgeBase().export()
        #expect(export == ExportDocument())
        let json = try #require(try JSONSerialization.jsonObject(with: export.jsonData()) as? [String: Any])
        #expect(Set(json.keys) == ["format", "sources", "participants", "meetings", "proposals"])
    }

    @Test func mergedFactsCarryTheirSourcesRolesAndPositions() throws {
        let small = try SmallKnowledgeBase()
        let export = try small.fixture.kb.export()

        #expect(export.sources.map(\.path) == ["seeds/a.txt", "seeds/b.txt"])
        #expect(export.sources[0].title == "Macron hosts leaders" && export.sources[0].author == "Emma Walker")

        let participants = Dictionary(uniqueKeysWithValues: export.participants.map { ($0.id, $0) })
        // Mentions, reports that name it as convener, its roles and its positions all count.
        #expect(participants[small.macron]?.sources == [small.first, small.second])
        #expect(participants[small.france]?.sources == [small.first, small.second])
        #expect(participants[small.germany]?.sources == [small.first, small.second])
        #expect(participants[small.macron]?.aliases == ["Emmanuel Macron", "Macron"])

        let meeting = try #require(export.meetings.first)
        #expect(meeting.sources == [small.first, small.second])
        #expect(meeting.convener == small.macron)
        #expect(meeting.dateText == "Monday" && meeting.datePrecision == "unknown")
        // Germany is reported by both sources but listed once.
        // Germany is verified in one of its two rows: the role is verified.
        #expect(meeting.participants == [
            .init(participant: small.macron, role: "convener", verified: true),
            .init(participant: small.france, role: "host"),
            .init(participant: small.germany, role: "attendee", verified: true),
        ])

        let proposal = try #require(export.proposals.first)
        #expect(proposal.meeting == small.meeting && proposal.sources == [small.second])
        #expect(proposal.positions == [
            .init(participant: small.macron, stance: "proposes", verified: true),
            .init(participant: small.france, stance: "supports"),
        ])
    }

    @Test func verifiedOnlyDropsUnverifiedRowsAndDanglingReferences() throws {
        let small = try SmallKnowledgeBase()
        let export = try small.fixture.kb.export(verifiedOnly: true)
        #expect(export.sources.count == 2)
        #expect(export.participants.map(\.id) == [small.macron, small.germany])
        let meeting = try #require(export.meetings.first)
        #expect(meeting.participants == [.init(participant: small.macron, role: "convener", verified: true),
                                         .init(participant: small.germany, role: "attendee", verified: true)])
        #expect(export.proposals.isEmpty)

        try small.fixture.kb.writer.write { db in try db.execute(sql: "UPDATE meetings SET verified = 0") }
        try small.fixture.kb.writer.write { db in try db.execute(sql: "UPDATE proposals SET verified = 1") }
        let again = try small.fixture.kb.export(verifiedOnly: true)
        #expect(again.meetings.isEmpty)
        #expect(again.proposals.first?.meeting == nil)
        #expect(again.proposals.first?.positions == [.init(participant: small.macron, stance: "proposes", verified: true)])
    }

    @Test func jsonRoundTripsAndIsStable() throws {
        let kb = try SmallKnowledgeBase().fixture.kb
        let data = try kb.export().jsonData()
        let decoded = try ExportDocument(jsonData: data)
        #expect(decoded == (try kb.export()))
        #expect(try decoded.jsonData() == data)
        #expect(try kb.export().jsonData() == data)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("summitkb-export-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try data.write(to: file)
        #expect(try ExportDocument(contentsOf: file) == decoded)
    }

    @Test func decodingRefusesOtherFormatsAndNamesTheProblem() throws {
        #expect(throws: SummitKBError.invalidArgument("x.json: format is \"summitkb-export/2\", expected \"summitkb-export/1\"")) {
            try ExportDocument(jsonData: Data(#"{"format": "summitkb-export/2", "sources": [], "participants": [], "meetings": [], "proposals": []}"#.utf8), origin: "x.json")
        }
        #expect(throws: SummitKBError.invalidArgument("x.json: not a summitkb-export/1 document: missing key \"meetings\" at top level")) {
            try ExportDocument(jsonData: Data(#"{"format": "summitkb-export/1", "sources": [], "participants": [], "proposals": []}"#.utf8), origin: "x.json")
        }
    }
}
