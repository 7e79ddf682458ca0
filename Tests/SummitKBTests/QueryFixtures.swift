import Foundation
import GRDB
@testable import SummitKB

/// A small knowledge base modelled on the seed articles, written row by row with SQL
/// (independent of ingest and extraction):
/// - meeting 1: the Paris leaders' meeting, reported by three sources that disagree on the date
///   as written ("Monday", "today", none), the attendee list and the kind;
/// - meeting 2: the military chiefs' meeting (resolved date, a stated count of 30);
/// - meeting 3: the defence ministers' meeting; meeting 4: Starmer's virtual talks;
/// - meeting 5: the US–Russia talks in Saudi Arabia without Europe (only source 2 reports it);
/// - proposal 1: peacekeeping troops (UK and France propose in one source, France alone in another);
/// - proposal 2: an aerial and naval ceasefire proposed by Ukraine and backed by Turkey.
enum QueryFixtures {
    enum Paths {
        static let elysee = "seeds/000_cf92cea98311280a.txt"
        static let monday = "seeds/001_4c7635f27aa1620f.txt"
        static let today = "seeds/002_d08fc1b6d45d2fba.txt"
        static let chiefs = "seeds/003_b2d6b7b6bd686215.txt"
        static let summit = "seeds/004_e2420cb33fd0fd10.txt"
    }

    static let texts: [(path: String, title: String, published: String?, text: String)] = [
        (Paths.elysee, "Élysée Summit on European Security", nil, """
            An urgent meeting has been called at the Élysée Palace in Paris to discuss the future of Europe’s collective security.
            The meeting, convened by French President Emmanuel Macron, is set to bring together top European leaders.
            """),
        (Paths.monday, "European Leaders Tackle Security Challenges", nil, """
            In a hastily organized meeting set for Monday, leaders from several of Europe’s major nations will convene in Paris.
            This gathering comes as U.S. officials, led by Vice President JD Vance, prepare to hold peace talks with Russia in Saudi Arabia, notably without European or Ukrainian participation.
            Key attendees expected at this pivotal meeting include heads of state from Germany, Britain, Italy and Spain, as well as NATO.
            French President Emmanuel Macron has facilitated this summit.
            """),
        (Paths.today, "Macron Hosts Leaders to Discuss Peace with Russia", nil, """
            Paris – President Emmanuel Macron of France is hosting a gathering of European leaders.
            The meeting, held today, centers on exploring options to guarantee Ukraine’s future safety.
            Leaders from Germany and Poland attended.
            """),
        (Paths.chiefs, "Military chiefs meet in Paris", "2025-03-10", """
            Military chiefs from 30 European and NATO nations are set to meet in Paris on Tuesday to discuss security guarantees for Ukraine.
            Macron has emphasized that any deployment of European troops in Ukraine would occur only after a peace deal is signed.
            Defense ministers from France, Britain, Germany, Italy, and Poland will convene in Paris on Wednesday.
            Starmer is also scheduled to host virtual talks on Saturday with leaders of nations willing to support the ceasefire.
            Ukrainian officials were scheduled to propose an aerial and naval ceasefire with Russia.
            Turkish President Recep Tayyip Erdogan has backed Zelensky’s call for an aerial and naval truce.
            """),
        (Paths.summit, "Starmer offers peacekeepers ahead of Paris summit", nil, """
            The Prime Minister of the United Kingdom (U.K.) – Keir Starmer, has offered to deploy peacekeeping troops to Ukraine ahead of an emergency Leaders’ Summit in Paris.
            The Leaders’ Summit, convened by the President of France – Emmanuel Macron, will bring together leaders from Germany, Italy, Poland and Spain.
            As of now, only the U.K. and France have offered to send peacekeeping troops to Ukraine.
            """),
    ]

    /// (kind, name, title, country, aliases)
    static let people: [(ParticipantKind, String, String?, String?, [String])] = [
        (.person, "Emmanuel Macron", "President", "France", ["Emmanuel Macron", "Macron", "President Macron"]),
        (.country, "France", nil, nil, ["France", "French"]),
        (.country, "United Kingdom", nil, nil, ["United Kingdom", "U.K.", "UK", "Britain", "British"]),
        (.country, "Germany", nil, nil, ["Germany", "German"]),
        (.country, "Italy", nil, nil, ["Italy"]),
        (.country, "Poland", nil, nil, ["Poland"]),
        (.country, "Spain", nil, nil, ["Spain"]),
        (.organization, "NATO", nil, nil, ["NATO", "North Atlantic Treaty Organization"]),
        (.person, "Keir Starmer", "Prime Minister", "United Kingdom", ["Keir Starmer", "Starmer"]),
        (.person, "Volodymyr Zelensky", "President", "Ukraine", ["Volodymyr Zelensky", "Zelensky", "Zelenskyy", "Zelenskiy"]),
        (.country, "Ukraine", nil, nil, ["Ukraine", "Ukrainian"]),
        (.country, "Turkey", nil, nil, ["Turkey", "Türkiye", "Turkish"]),
        (.person, "Recep Tayyip Erdoğan", "President", "Turkey", ["Recep Tayyip Erdoğan", "Erdogan"]),
        (.country, "United States", nil, nil, ["United States", "U.S.", "US"]),
        (.country, "Russia", nil, nil, ["Russia"]),
        (.person, "JD Vance", "Vice President", "United States", ["JD Vance", "Vance"]),
        (.group, "European leaders", nil, nil, ["European leaders"]),
    ]

    /// Participant ids, in `people` order.
    enum ID {
        static let macron: Int64 = 1, france: Int64 = 2, uk: Int64 = 3, germany: Int64 = 4, italy: Int64 = 5
        static let poland: Int64 = 6, spain: Int64 = 7, nato: Int64 = 8, starmer: Int64 = 9, zelensky: Int64 = 10
        static let ukraine: Int64 = 11, turkey: Int64 = 12, erdogan: Int64 = 13, usa: Int64 = 14, russia: Int64 = 15
        static let vance: Int64 = 16, europeanLeaders: Int64 = 17
    }

    /// A migrated knowledge base holding the fixture rows: in memory, or in a new file at `path`.
    static func knowledgeBase(path: String? = nil) throws -> KnowledgeBase {
        let kb = try path.map { try KnowledgeBase(path: $0) } ?? KnowledgeBase()
        try kb.writer.write { db in
            try Writer(db: db).fill()
            // Claims inserted row by row are counted as SummitKB's writer counts what it stores.
            try IngestTestSupport.recountSummaries(db)
        }
        return kb
    }

    /// Inserts fixture rows and finds evidence spans in the source texts.
    struct Writer {
        let db: Database

        func fill() throws {
            for (index, source) in texts.enumerated() {
                try db.execute(sql: """
                    INSERT INTO sources (id, path, sha256, title, published, raw_text, text, byte_count, word_count, extractor_version)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'fixture')
                    """, arguments: [index + 1, source.path, "sha-\(index)", source.title, source.published, source.text,
                                     source.text, source.text.utf8.count, source.text.split(separator: " ").count])
            }
            try SourceStore.indexNewSources(db)  // as the writer does before each commit
            for (index, person) in people.enumerated() {
                let id = index + 1
                try db.execute(sql: """
                    INSERT INTO participants (id, kind, name, key, title, country, lexicon) VALUES (?, ?, ?, ?, ?, ?, 'default')
                    """, arguments: [id, person.0.rawValue, person.1, "\(person.0.rawValue):\(Folding.fold(person.1))",
                                     person.2, person.3])
                for alias in Set(person.4 + [person.1]) {
                    try db.execute(sql: "INSERT OR IGNORE INTO participant_aliases (participant_id, alias, folded) VALUES (?, ?, ?)",
                                   arguments: [id, alias, Folding.fold(alias)])
                }
            }
            try meetings()
            try proposals()
            try mentions()
        }

        private func meetings() throws {
            try meeting(1, "Paris leaders' meeting on European security", .summit, city: "Paris", venue: "Élysée Palace",
                        dateText: "Monday", convener: ID.macron)
            try meeting(2, "Paris meeting of military chiefs", .military, city: "Paris", date: "2025-03-11",
                        dateText: "Tuesday", count: 30)
            try meeting(3, "Paris meeting of defence ministers", .ministerial, city: "Paris", date: "2025-03-12",
                        dateText: "Wednesday")
            try meeting(4, "Virtual talks hosted by Starmer", .virtual, date: "2025-03-15", dateText: "Saturday",
                        convener: ID.starmer, block: "virtual")
            try meeting(5, "US–Russia talks in Saudi Arabia", .talks, country: "Saudi Arabia", block: "saudi arabia")

            // Meeting 1, three accounts.
            let elysee = try report(source: 1, meeting: 1, ordinal: 0, kind: "summit", city: "Paris", venue: "Élysée Palace",
                                    convener: ID.macron, evidence: [("meeting", "urgent meeting"), ("venue", "Élysée Palace")])
            try role(1, elysee, ID.macron, .convener, "Emmanuel Macron", in: 1)
            let monday = try report(source: 2, meeting: 1, ordinal: 0, kind: "meeting", city: "Paris", dateText: "Monday",
                                    convener: ID.macron, evidence: [("meeting", "hastily organized meeting"), ("date_text", "Monday")])
            for (participant, phrase) in [(ID.germany, "Germany"), (ID.uk, "Britain"), (ID.italy, "Italy"),
                                          (ID.spain, "Spain"), (ID.nato, "NATO")] {
                try role(1, monday, participant, .attendee, phrase, in: 2)
            }
            try role(1, monday, ID.macron, .convener, "Emmanuel Macron", in: 2)
            let today = try report(source: 3, meeting: 1, ordinal: 0, kind: "summit", city: "Paris", dateText: "today",
                                   convener: ID.france, evidence: [("meeting", "gathering of European leaders"), ("date_text", "today")])
            try role(1, today, ID.macron, .host, "Emmanuel Macron", in: 3)
            try role(1, today, ID.germany, .attendee, "Germany", in: 3)
            try role(1, today, ID.poland, .attendee, "Poland", in: 3)
            let summit = try report(source: 5, meeting: 1, ordinal: 0, kind: "summit", city: "Paris", convener: ID.macron,
                                    evidence: [("meeting", "Leaders’ Summit"), ("convener", "Emmanuel Macron")])
            for (participant, phrase) in [(ID.germany, "Germany"), (ID.italy, "Italy"), (ID.poland, "Poland"), (ID.spain, "Spain")] {
                try role(1, summit, participant, .attendee, phrase, in: 5)
            }
            try role(1, summit, ID.macron, .convener, "Emmanuel Macron", in: 5)

            let chiefs = try report(source: 4, meeting: 2, ordinal: 0, kind: "military", city: "Paris", date: "2025-03-11",
                                    dateText: "Tuesday", evidence: [("meeting", "Military chiefs"), ("date", "Tuesday")])
            try role(2, chiefs, ID.nato, .attendee, "NATO", in: 4)
            let ministers = try report(source: 4, meeting: 3, ordinal: 1, kind: "ministerial", city: "Paris",
                                       date: "2025-03-12", dateText: "Wednesday", evidence: [("meeting", "Defense ministers")])
            for (participant, phrase) in [(ID.france, "France"), (ID.uk, "Britain"), (ID.germany, "Germany"),
                                          (ID.italy, "Italy"), (ID.poland, "Poland")] {
                try role(3, ministers, participant, .attendee, phrase, in: 4)
            }
            let call = try report(source: 4, meeting: 4, ordinal: 2, kind: "virtual", date: "2025-03-15", dateText: "Saturday",
                                  convener: ID.starmer, block: "virtual", evidence: [("meeting", "virtual talks")])
            try role(4, call, ID.starmer, .host, "Starmer", in: 4)
            let talks = try report(source: 2, meeting: 5, ordinal: 1, kind: "talks", country: "Saudi Arabia",
                                   block: "saudi arabia", evidence: [("meeting", "peace talks")])
            try role(5, talks, ID.usa, .attendee, "U.S.", in: 2)
            try role(5, talks, ID.russia, .attendee, "Russia", in: 2)
            try role(5, talks, ID.vance, .convener, "JD Vance", in: 2)
            try role(5, talks, ID.ukraine, .excluded, "Ukrainian", in: 2)
        }

        private func proposals() throws {
            try db.execute(sql: """
                INSERT INTO proposals (id, summary, kind, status, conditions, meeting_id, merge_key) VALUES
                (1, 'Deploy peacekeeping troops to Ukraine', 'troop deployment', 'offered', 'only after a peace deal is signed', 1, 'deploy peacekeeping troops ukraine'),
                (2, 'Aerial and naval ceasefire', 'ceasefire', 'proposed', NULL, NULL, 'aerial naval ceasefire')
                """)
            try db.execute(sql: """
                INSERT INTO proposal_reports (id, source_id, proposal_id, meeting_report_id, ordinal, summary, kind, status, conditions, merge_key, merge_reason, source_sha256) VALUES
                (1, 5, 1, 4, 0, 'Deploy peacekeeping troops to Ukraine', 'troop deployment', 'offered', NULL, 'deploy peacekeeping troops ukraine', NULL, 'sha5'),
                (2, 4, 1, NULL, 0, 'Deploy European troops in Ukraine', 'troop deployment', 'proposed', 'only after a peace deal is signed', 'deploy peacekeeping troops ukraine', 'same merge key', 'sha4'),
                (3, 4, 2, NULL, 1, 'Aerial and naval ceasefire', 'ceasefire', 'proposed', NULL, 'aerial naval ceasefire', NULL, 'sha4')
                """)
            try proposalEvidence(report: 1, source: 5, phrase: "deploy peacekeeping troops")
            try proposalEvidence(report: 2, source: 4, phrase: "deployment of European troops")
            try proposalEvidence(report: 3, source: 4, phrase: "aerial and naval ceasefire")
            try position(1, 1, report: 1, ID.uk, .proposes, source: 5, phrase: "U.K.")
            try position(2, 1, report: 1, ID.france, .proposes, source: 5, phrase: "France have offered")
            try position(3, 1, report: 2, ID.france, .proposes, source: 4, phrase: "Macron")
            try position(4, 2, report: 3, ID.ukraine, .proposes, source: 4, phrase: "Ukrainian officials")
            try position(5, 2, report: 3, ID.turkey, .supports, source: 4, phrase: "Recep Tayyip Erdogan")
        }

        /// Participant mentions: every alias occurrence named here, as `mention` evidence.
        private func mentions() throws {
            let mentioned: [(Int64, [(Int64, String)])] = [
                (1, [(ID.macron, "Emmanuel Macron")]),
                (2, [(ID.macron, "Emmanuel Macron"), (ID.usa, "U.S."), (ID.vance, "JD Vance"), (ID.russia, "Russia"),
                     (ID.germany, "Germany"), (ID.uk, "Britain"), (ID.italy, "Italy"), (ID.spain, "Spain"), (ID.nato, "NATO")]),
                (3, [(ID.macron, "Emmanuel Macron"), (ID.france, "France"), (ID.germany, "Germany"), (ID.poland, "Poland"),
                     (ID.ukraine, "Ukraine")]),
                (4, [(ID.nato, "NATO"), (ID.macron, "Macron"), (ID.starmer, "Starmer"), (ID.france, "France"),
                     (ID.erdogan, "Recep Tayyip Erdogan"), (ID.zelensky, "Zelensky"), (ID.turkey, "Turkish")]),
                (5, [(ID.starmer, "Keir Starmer"), (ID.uk, "U.K."), (ID.macron, "Emmanuel Macron"), (ID.france, "France")]),
            ]
            for (source, items) in mentioned {
                for (participant, phrase) in items {
                    try evidence(source: source, phrase: phrase, slot: "mention", value: phrase,
                                 subject: "participant_id", subjectID: participant)
                }
            }
        }

        // MARK: - Row helpers

        private func meeting(_ id: Int64, _ name: String, _ kind: MeetingKind, city: String? = nil, venue: String? = nil,
                             country: String? = nil, date: String? = nil, dateText: String? = nil, convener: Int64? = nil,
                             count: Int? = nil, block: String? = nil) throws {
            try db.execute(sql: """
                INSERT INTO meetings (id, name, kind, city, venue, country, date, date_text, date_precision, status,
                                      convener_id, participant_count, block_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?, ?)
                """, arguments: [id, name, kind.rawValue, city, venue, country, date, dateText,
                                 date == nil ? (dateText == nil ? "unknown" : "weekday") : "day", convener, count,
                                 block ?? city.map(Folding.fold) ?? "none"])
        }

        @discardableResult
        private func report(source: Int64, meeting: Int64, ordinal: Int, kind: String, city: String? = nil,
                            venue: String? = nil, country: String? = nil, date: String? = nil, dateText: String? = nil,
                            convener: Int64? = nil, block: String? = nil, evidence slots: [(String, String)]) throws -> Int64 {
            try db.execute(sql: """
                INSERT INTO meeting_reports (source_id, meeting_id, ordinal, kind, name, city, venue, country, date, date_text,
                                             convener_id, block_key, merge_reason)
                VALUES (?, ?, ?, ?, 'reported meeting', ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [source, meeting, ordinal, kind, city, venue, country, date, dateText, convener,
                                 block ?? city.map(Folding.fold) ?? "none",
                                 source == 1 ? nil : "same place (paris), compatible dates, shared convener"])
            let id = db.lastInsertedRowID
            for (slot, phrase) in slots {
                try evidence(source: source, phrase: phrase, slot: slot, value: phrase, subject: "meeting_report_id", subjectID: id)
            }
            return id
        }

        private func role(_ meeting: Int64, _ report: Int64, _ participant: Int64, _ role: MeetingRole, _ phrase: String,
                          in source: Int64) throws {
            try db.execute(sql: """
                INSERT INTO meeting_participants (meeting_id, meeting_report_id, participant_id, role) VALUES (?, ?, ?, ?)
                """, arguments: [meeting, report, participant, role.rawValue])
            try evidence(source: source, phrase: phrase, slot: role.rawValue, value: phrase,
                         subject: "meeting_participant_id", subjectID: db.lastInsertedRowID)
        }

        private func proposalEvidence(report: Int64, source: Int64, phrase: String) throws {
            try evidence(source: source, phrase: phrase, slot: "proposal", value: phrase, subject: "proposal_report_id",
                         subjectID: report)
        }

        private func position(_ id: Int64, _ proposal: Int64, report: Int64, _ participant: Int64, _ stance: Stance,
                              source: Int64, phrase: String) throws {
            try db.execute(sql: """
                INSERT INTO proposal_positions (id, proposal_id, proposal_report_id, participant_id, stance) VALUES (?, ?, ?, ?, ?)
                """, arguments: [id, proposal, report, participant, stance.rawValue])
            try evidence(source: source, phrase: phrase, slot: stance.rawValue, value: phrase, subject: "proposal_position_id",
                         subjectID: id)
        }

        /// Stores evidence for the first occurrence of `phrase` in the source, with its line as the sentence.
        private func evidence(source: Int64, phrase: String, slot: String, value: String, subject: String,
                              subjectID: Int64) throws {
            let text = texts[Int(source) - 1].text
            guard let range = text.range(of: phrase) else { fatalError("fixture phrase '\(phrase)' not in source \(source)") }
            let lineStart = text[..<range.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
            let lineEnd = text[range.upperBound...].firstIndex(of: "\n") ?? text.endIndex
            func offset(_ index: String.Index) -> Int { text.unicodeScalars[..<index].count }
            try db.execute(sql: """
                INSERT INTO evidence (source_id, \(subject), slot, value, start, end, sentence_start, sentence_end,
                                      extractor, confidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'fixture', 0.9)
                """, arguments: [source, subjectID, slot, value, offset(range.lowerBound), offset(range.upperBound),
                                 offset(lineStart), offset(lineEnd)])
        }
    }
}
