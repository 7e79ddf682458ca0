import ArgumentParser
import Foundation
import GRDB
import SummitKB

/// A report to time: a name and a function that runs it and returns how many rows it produced.
///
/// To time a real report function, add an entry to ``all``:
/// ```swift
/// CannedReport("meetings in Paris") { db in try Meeting.all().held(in: "Paris").fetchCount(db) }
/// ```
/// Entries made with ``sql(_:_:)`` also get their query plan checked for full table scans.
struct CannedReport: Sendable {
    let name: String
    /// The SQL, when the report is one statement: its `EXPLAIN QUERY PLAN` is inspected.
    let sql: String?
    let run: @Sendable (KnowledgeBase) throws -> Int

    init(_ name: String, sql: String? = nil, run: @escaping @Sendable (KnowledgeBase) throws -> Int) {
        self.name = name
        self.sql = sql
        self.run = run
    }

    /// A report that is one SQL query; its row count is the result.
    static func sql(_ name: String, _ sql: String) -> CannedReport {
        CannedReport(name, sql: sql) { kb in try kb.writer.read { db in try Row.fetchAll(db, sql: sql).count } }
    }

    /// The most reported meeting: a realistic dossier to time.
    private static func busiestMeeting(_ kb: KnowledgeBase) throws -> Int64 {
        try kb.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT meeting_id FROM meeting_reports GROUP BY meeting_id ORDER BY count(*) DESC LIMIT 1") ?? 0
        }
    }

    /// Every canned report of the library, as `summitkb report` runs them (default limits of
    /// the CLI), then representative ad-hoc SQL.
    static let all: [CannedReport] = [
        CannedReport("report timeline (limit 50)") { try $0.timeline(limit: 50).meetings.count },
        CannedReport("report meeting (busiest)") { try $0.meetingDossier(id: try busiestMeeting($0)).participants.count },
        CannedReport("report attendance (limit 50)") { try $0.attendance(limit: 50).rows.count },
        CannedReport("report participant Emmanuel Macron") { try $0.participantProfile(named: "Emmanuel Macron").meetings.count },
        CannedReport("report proposals (limit 50)") { try $0.proposalsReport(limit: 50).proposals.count },
        CannedReport("report sources (limit 50)") { try $0.sourcesReport(limit: 50).sources.count },
        CannedReport("report conflicts (limit 50)") { try $0.conflicts(limit: 50).conflicts.count },
        CannedReport("search ceasefire") { try $0.search("ceasefire").count },
        .sql("meeting overview (latest 50)", "SELECT * FROM meeting_overview ORDER BY date DESC LIMIT 50"),
        .sql("meetings in a city", "SELECT id, name, kind, date FROM meetings WHERE city = 'Paris' ORDER BY date"),
        .sql("meetings of a kind", "SELECT id, name, city, date FROM meetings WHERE kind = 'military' ORDER BY date"),
        .sql("a person's meetings", """
            SELECT DISTINCT m.id, m.name, m.date, mp.role FROM participants p
            JOIN meeting_participants mp ON mp.participant_id = p.id JOIN meetings m ON m.id = mp.meeting_id
            WHERE p.kind = 'person' AND p.name = 'Emmanuel Macron' ORDER BY m.date
            """),
        .sql("one meeting's roster", """
            SELECT * FROM meeting_roster WHERE meeting_id = (SELECT max(id) FROM meetings)
            """),
        .sql("one meeting's sources", """
            SELECT * FROM meeting_sources WHERE meeting_id = (SELECT max(id) FROM meetings)
            """),
        .sql("proposals of a kind with positions", """
            SELECT pr.id, pr.summary, pp.stance, p.name FROM proposals pr
            JOIN proposal_positions pp ON pp.proposal_id = pr.id JOIN participants p ON p.id = pp.participant_id
            WHERE pr.kind = 'troops' ORDER BY pr.id LIMIT 200
            """),
        .sql("most-mentioned participants", "SELECT name, source_count FROM participant_sources ORDER BY source_count DESC LIMIT 20"),
        .sql("full-text search", """
            SELECT rowid, snippet(sources_fts, 1, '[', ']', '…', 10) FROM sources_fts
            WHERE sources_fts MATCH 'ceasefire' ORDER BY rank LIMIT 20
            """),
    ]

    /// Runs each report `runs` times on a read-only knowledge base.
    static func time(_ reports: [CannedReport], database: String, runs: Int) throws -> [ReportTiming] {
        let knowledgeBase = try KnowledgeBase(path: database, mode: .readOnly)
        return try reports.map { report in
                var durations: [Double] = []
                var rows = 0
                for _ in 0..<runs {
                    let (count, seconds) = try timed { try report.run(knowledgeBase) }
                    rows = count
                    durations.append(seconds * 1000)
                }
                durations.sort()
                return ReportTiming(name: report.name, medianMilliseconds: durations[durations.count / 2],
                                    minMilliseconds: durations[0], rows: rows,
                                    fullScans: try report.sql.map { sql in try knowledgeBase.writer.read { try fullScans(of: sql, in: $0) } } ?? [])
        }
    }

    /// The `SCAN` steps of a query plan: full scans of a table, view or whole index. FTS5
    /// lookups (`VIRTUAL TABLE INDEX`) and scans of already materialized subqueries are not counted.
    static func fullScans(of sql: String, in db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql)
            .map { $0["detail"] as String }
            .filter { $0.hasPrefix("SCAN ") && !$0.contains("VIRTUAL TABLE INDEX") && !$0.hasPrefix("SCAN (subquery") }
    }

    static func render(_ timings: [ReportTiming]) -> String {
        var table = TextTable("report", "median ms", "min ms", "rows", "full scans in plan")
        for timing in timings {
            table.add(timing.name, formatted(timing.medianMilliseconds, decimals: 2), formatted(timing.minMilliseconds, decimals: 2),
                      formatted(Double(timing.rows)), timing.fullScans.isEmpty ? "none" : timing.fullScans.joined(separator: "; "))
        }
        return table.render()
    }
}

/// How long one report took.
struct ReportTiming: Codable {
    var name: String
    var medianMilliseconds: Double
    var minMilliseconds: Double
    var rows: Int
    var fullScans: [String]
}

extension BenchCommand {
    /// `reports`: times every canned report on an existing database.
    struct Reports: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time every canned report on a database (median of several runs).")

        @Option(help: "The knowledge base to query (opened read-only).")
        var db: String

        @Option(help: "Runs per report.")
        var runs: Int = 7

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard runs > 0 else { throw ValidationError("--runs must be at least 1.") }
        }

        func run() throws {
            let timings = try CannedReport.time(CannedReport.all, database: db, runs: runs)
            if output.json { return try output.printJSON(timings) }
            print(CannedReport.render(timings))
        }
    }
}
