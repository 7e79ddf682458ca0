import GRDB

/// The `participant NAME` report: one actor's meetings, roles, proposals and positions.
///
/// ```swift
/// let uk = try kb.participantProfile(named: "Britain")
/// print(uk.participant.name, uk.meetings.count, uk.positions.map(\.summary))
/// ```
///
/// JSON: `{"participant": Participant, "aliases": [String], "source_count": Int, "mention_count": Int,
/// "meetings": [AttendanceRow], "positions": [PositionEntry]}`.
public struct ParticipantProfile: Codable, Sendable, Hashable, TableRepresentable {
    public var participant: Participant
    public var aliases: [String]
    public var sourceCount: Int
    public var mentionCount: Int
    /// The meetings it holds a role in, in timeline order.
    public var meetings: [AttendanceRow]
    /// Its stances on proposals (proposals it proposes are the `proposes` entries).
    public var positions: [PositionEntry]

    public var tables: [TextTable] {
        let fields: [(String, String?)] = [
            ("name", participant.name), ("kind", participant.kind.rawValue), ("title", participant.title),
            ("country", participant.country), ("aliases", aliases.cell),
            ("sources", String(sourceCount)), ("mentions", String(mentionCount)),
        ]
        return [
            TextTable(title: "Participant \(participant.id)", columns: ["field", "value"], wrapping: ["value"],
                      rows: fields.compactMap { field, value in value.map { [field, $0] } }),
            attendanceTable(meetings, title: "Meetings"),
            TextTable(title: "Positions", columns: ["proposal id", "proposal", "stance", "reports", "sources"],
                      wrapping: ["proposal", "sources"],
                      rows: positions.map {
                          [String($0.proposalId), $0.summary, $0.stance.rawValue, String($0.reportCount), $0.sources.cell]
                      }),
        ]
    }
}

extension KnowledgeBase {
    /// The `participant NAME` report; `alias` is any spelling, compared folded. `limit` caps
    /// the meetings (the first in timeline order) and, separately, the positions (the first by
    /// proposal id and stance); the source and mention counts always cover everything, and
    /// each position lists at most ``PositionEntry/sourceLimit`` sources with its report count.
    ///
    /// ```swift
    /// let profile = try kb.participantProfile(named: "zelenskiy")
    /// let firstFifty = try kb.participantProfile(named: "Macron", limit: 50)
    /// ```
    ///
    /// - Throws: ``SummitKBError/notFound(kind:reference:)``.
    public func participantProfile(named alias: String, limit: Int? = nil) throws -> ParticipantProfile {
        try writer.read { db in
            let summary = try Self.participantSummaries(db, knownAs: alias).first
            guard let summary else { throw SummitKBError.notFound(kind: "participant", reference: alias) }
            let participant = summary.participant
            let aliases = try Self.aliases(db, participantID: participant.id)
            return ParticipantProfile(
                participant: participant, aliases: aliases,
                sourceCount: summary.sourceCount, mentionCount: summary.mentionCount,
                meetings: try Self.attendanceRows(db, participantID: participant.id, limit: limit),
                positions: try Self.positions(db, ofParticipant: participant.id, limit: limit))
        }
    }
}
