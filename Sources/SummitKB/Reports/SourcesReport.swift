import GRDB

/// The `sources` report: per source, what it contributed and which facts only it reports.
///
/// ```swift
/// for entry in try kb.sourcesReport().sources {
///     print(entry.source.path, entry.meetings.filter(\.onlyHere).map(\.name))
/// }
/// ```
///
/// JSON: `{"sources": [SourceContribution]}`.
public struct SourcesReport: Codable, Sendable, Hashable, TableRepresentable {
    public var sources: [SourceContribution]

    public var tables: [TextTable] {
        [
            TextTable(title: "Sources", columns: ["id", "path", "title", "facts", "meetings", "proposals", "participants", "only here"],
                      wrapping: ["title"],
                      rows: sources.map { entry in
                          [String(entry.source.id), entry.source.path, entry.source.title.cell, String(entry.source.factCount),
                           String(entry.meetings.count), String(entry.proposals.count), String(entry.participants.count),
                           String(entry.exclusiveFacts.count)]
                      }),
            TextTable(title: "Facts only one source reports", columns: ["source", "fact", "id", "name"], wrapping: ["name"],
                      rows: sources.flatMap { entry in
                          entry.exclusiveFacts.map { [entry.source.path, $0.fact, String($0.id), $0.name] }
                      }),
        ]
    }
}

/// What one source contributed.
///
/// ```swift
/// let only = try kb.sourcesReport(source: "seeds/003_b2d6b7b6bd686215.txt").sources[0].exclusiveFacts
/// ```
///
/// JSON: `{"source": SourceSummary, "meetings": [Contribution], "proposals": [Contribution],
/// "participants": [Contribution]}`.
public struct SourceContribution: Codable, Sendable, Hashable {
    public var source: SourceSummary
    public var meetings: [Contribution]
    public var proposals: [Contribution]
    /// Participants this source mentions.
    public var participants: [Contribution]

    /// The meetings, proposals and participants no other source reports.
    public var exclusiveFacts: [(fact: String, id: Int64, name: String)] {
        [("meeting", meetings), ("proposal", proposals), ("participant", participants)].flatMap { fact, items in
            items.filter(\.onlyHere).map { (fact, $0.id, $0.name) }
        }
    }
}

/// One meeting, proposal or participant a source reports, and whether it is the only one to.
///
/// JSON: `{"id", "name", "only_here": Bool}`.
///
/// ```swift
/// let exclusive = contribution.meetings.filter(\.onlyHere)
/// ```
public struct Contribution: Codable, Sendable, Hashable, FetchableRecord {
    public var id: Int64
    public var name: String
    public var onlyHere: Bool
}

extension KnowledgeBase {
    /// The `sources` report, for one source (id or path) or every source (capped by `limit`).
    ///
    /// ```swift
    /// let all = try kb.sourcesReport()
    /// let one = try kb.sourcesReport(source: "2")
    /// ```
    ///
    /// - Throws: ``SummitKBError/notFound(kind:reference:)`` when `source` names no source.
    public func sourcesReport(source reference: String? = nil, limit: Int? = nil) throws -> SourcesReport {
        try writer.read { db in
            let ids = try reference.map { [try Self.source(db, $0).id] }
            return SourcesReport(sources: try Self.sourceSummaries(db, ids: ids, limit: limit).map { source in
                SourceContribution(
                    source: source,
                    meetings: try Contribution.fetchAll(db.cachedStatement(sql: """
                        SELECT DISTINCT m.id, m.name, NOT EXISTS (
                            SELECT 1 FROM meeting_reports o WHERE o.meeting_id = m.id AND o.source_id <> ?1) AS onlyHere
                        FROM meeting_reports r JOIN meetings m ON m.id = r.meeting_id
                        WHERE r.source_id = ?1 ORDER BY m.id
                        """), arguments: [source.id]),
                    proposals: try Contribution.fetchAll(db.cachedStatement(sql: """
                        SELECT DISTINCT p.id, p.summary AS name, NOT EXISTS (
                            SELECT 1 FROM proposal_reports o WHERE o.proposal_id = p.id AND o.source_id <> ?1) AS onlyHere
                        FROM proposal_reports r JOIN proposals p ON p.id = r.proposal_id
                        WHERE r.source_id = ?1 ORDER BY p.id
                        """), arguments: [source.id]),
                    participants: try Contribution.fetchAll(db.cachedStatement(sql: """
                        SELECT DISTINCT p.id, p.name, NOT EXISTS (
                            SELECT 1 FROM evidence o WHERE o.participant_id = p.id AND o.source_id <> ?1) AS onlyHere
                        FROM evidence e JOIN participants p ON p.id = e.participant_id
                        WHERE e.source_id = ?1 AND e.participant_id IS NOT NULL ORDER BY p.name, p.id
                        """), arguments: [source.id]))
            })
        }
    }
}
