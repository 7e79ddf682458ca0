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
/// Every statement a report runs is recorded (one extra, untimed run with an SQLite trace) and
/// its query plan checked for full table scans.
struct CannedReport: Sendable {
    let name: String
    let run: @Sendable (KnowledgeBase) throws -> Int

    init(_ name: String, run: @escaping @Sendable (KnowledgeBase) throws -> Int) {
        self.name = name
        self.run = run
    }

    /// A report that is one SQL query; its row count is the result.
    static func sql(_ name: String, _ sql: String) -> CannedReport {
        CannedReport(name) { kb in try kb.writer.read { db in try Row.fetchAll(db, sql: sql).count } }
    }

    /// The most reported meeting: a realistic dossier to time.
    private static func busiestMeeting(_ kb: KnowledgeBase) throws -> Int64 {
        try kb.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM meetings WHERE report_count > 1 ORDER BY report_count DESC, id LIMIT 1") ?? 0
        }
    }

    /// Every canned report of the library, as `summitkb report` runs them (default limits of
    /// the CLI), then representative ad-hoc SQL.
    static let all: [CannedReport] = [
        CannedReport("report timeline (limit 50)") { try $0.timeline(limit: 50).meetings.count },
        CannedReport("report meeting (busiest)") { try $0.meetingDossier(id: try busiestMeeting($0)).participants.count },
        CannedReport("report attendance (limit 50)") { try $0.attendance(limit: 50).rows.count },
        CannedReport("report participant Emmanuel Macron (limit 50)") {
            try $0.participantProfile(named: "Emmanuel Macron", limit: 50).meetings.count
        },
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

    /// Runs each report `runs` times on a read-only knowledge base, then once more with a trace
    /// to check the plan of every statement it ran.
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
                let statements = try Self.statements(of: report, in: knowledgeBase)
                let scans = try knowledgeBase.writer.read { db in
                    try statements.flatMap { try fullScans(of: $0, in: db) }
                }
                return ReportTiming(name: report.name, medianMilliseconds: durations[durations.count / 2],
                                    minMilliseconds: durations[0], rows: rows, statements: statements.count,
                                    fullScans: Array(Set(scans)).sorted())
        }
    }

    /// The distinct queries `report` runs (parameters inlined, so the plan is the one they got),
    /// recorded with an SQLite trace during one run. Schema lookups are left out.
    static func statements(of report: CannedReport, in knowledgeBase: KnowledgeBase) throws -> [String] {
        let recorder = StatementRecorder()
        knowledgeBase.writer.writeWithoutTransaction { db in
            db.trace { event in
                if case let .statement(statement) = event { recorder.record(sql: statement.sql, expanded: statement.expandedSQL) }
            }
        }
        defer { knowledgeBase.writer.writeWithoutTransaction { db in db.trace(nil) } }
        _ = try report.run(knowledgeBase)
        return recorder.queries.filter { sql in
            let head = sql.prefix(6).uppercased()
            return (head == "SELECT" || head.hasPrefix("WITH")) && !sql.contains("sqlite_master")
        }
    }

    /// The `SCAN` steps of a query plan: full scans of a table, view or whole index. Not counted:
    /// FTS5 lookups (`VIRTUAL TABLE INDEX`); scans of subqueries and CTEs the plan materializes
    /// or runs as co-routines (their own steps are checked); and the outermost loop of a
    /// statement with a `LIMIT` and no sort of its result, which stops once the limit is
    /// reached: the listing of a limited report (e.g. sources by id, 50 of them).
    static func fullScans(of sql: String, in db: Database) throws -> [String] {
        let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map {
            (parent: $0["parent"] as Int, detail: $0["detail"] as String)
        }
        let subqueries = Set(plan.compactMap { step -> String? in
            for prefix in ["MATERIALIZE ", "CO-ROUTINE "] where step.detail.hasPrefix(prefix) {
                return String(step.detail.dropFirst(prefix.count))
            }
            return nil
        })
        let limited = sql.range(of: #"\bLIMIT\b"#, options: [.regularExpression, .caseInsensitive]) != nil
            && !plan.contains { $0.parent == 0 && $0.detail.hasPrefix("USE TEMP B-TREE") && !$0.detail.contains("RIGHT PART") }
        let outermost = plan.firstIndex { $0.parent == 0 && ($0.detail.hasPrefix("SCAN ") || $0.detail.hasPrefix("SEARCH ")) }
        return plan.indices.filter { index in
            let step = plan[index].detail
            guard step.hasPrefix("SCAN "), !step.contains("VIRTUAL TABLE INDEX"), step != "SCAN CONSTANT ROW" else { return false }
            let name = String(step.dropFirst(5).prefix { $0 != " " })
            return !name.hasPrefix("(subquery") && !subqueries.contains(name) && !(limited && index == outermost)
        }.map { plan[$0].detail }
    }

    static func render(_ timings: [ReportTiming]) -> String {
        var table = TextTable("report", "median ms", "min ms", "rows", "queries", "full scans in plan")
        for timing in timings {
            table.add(timing.name, formatted(timing.medianMilliseconds, decimals: 2), formatted(timing.minMilliseconds, decimals: 2),
                      formatted(Double(timing.rows)), String(timing.statements),
                      timing.fullScans.isEmpty ? "none" : timing.fullScans.joined(separator: "; "))
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
    /// Distinct queries the report ran, each checked with `EXPLAIN QUERY PLAN`.
    var statements: Int
    var fullScans: [String]
}

/// The distinct statements seen by an SQLite trace, first expansion of each kept.
private final class StatementRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []
    private var expanded: [String] = []

    func record(sql: String, expanded text: String) {
        lock.lock()
        defer { lock.unlock() }
        if seen.insert(sql).inserted { expanded.append(text) }
    }

    var queries: [String] {
        lock.lock()
        defer { lock.unlock() }
        return expanded
    }
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
