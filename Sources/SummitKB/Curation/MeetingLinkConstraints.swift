import Foundation
import GRDB

/// The pairs of meeting reports that people said belong together (a meeting merge) or
/// apart (a split), as inputs to ``MeetingMerger/clusters(of:constraints:)``.
///
/// ```swift
/// let constraints = try MeetingLinkConstraints.load(db)
/// let clusters = MeetingMerger.clusters(of: reports, constraints: constraints)
/// ```
///
/// Built from the `merge` and `split` corrections of meetings, resolved to today's report
/// ids; a reference that names no report adds no pair (the correction itself is reported
/// orphaned by ``CorrectionApplier``).
struct MeetingLinkConstraints: Sendable {
    /// Report id pairs that must be in one meeting.
    var mustLink: [(Int64, Int64)] = []
    /// Report id pairs that must never be in one meeting.
    var cannotLink: [(Int64, Int64)] = []

    static let none = MeetingLinkConstraints()

    var isEmpty: Bool { mustLink.isEmpty && cannotLink.isEmpty }

    /// The constraints of every meeting merge and split correction.
    static func load(_ db: Database) throws -> MeetingLinkConstraints {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT action, target, payload FROM corrections
            WHERE target_type = 'meeting' AND action IN ('merge', 'split') ORDER BY id
            """))
        guard !rows.isEmpty else { return .none }
        let references = CurationReferences(db: db)
        let resolve: (String) -> [Int64] = { (try? references.meetingReportIDs($0)) ?? [] }
        var constraints = MeetingLinkConstraints()
        for row in rows {
            let payload = (try? JSONDecoder().decode(Correction.Payload.self, from: Data((row["payload"] as String).utf8)))
                ?? Correction.Payload()
            let targetReports = resolve(row["target"])
            switch row["action"] as String {
            case Correction.Action.merge.rawValue:
                let together = targetReports + (payload.into.map(resolve) ?? [])
                for other in together.dropFirst() { constraints.mustLink.append((together[0], other)) }
            default:
                for apart in (payload.apartFrom ?? []).flatMap(resolve) {
                    for report in targetReports where report != apart { constraints.cannotLink.append((report, apart)) }
                }
            }
        }
        return constraints
    }

    /// `meetingIDs` grown by the meetings of every report that must link to a report in them.
    func closure(of meetingIDs: Set<Int64>, references: CurationReferences) throws -> Set<Int64> {
        guard !mustLink.isEmpty else { return meetingIDs }
        var result = meetingIDs
        var grew = true
        while grew {
            grew = false
            for (left, right) in mustLink {
                let meetings = try [left, right].compactMap { try references.meetingID(ofReport: $0) }
                guard meetings.count == 2, result.contains(meetings[0]) != result.contains(meetings[1]) else { continue }
                result.formUnion(meetings)
                grew = true
            }
        }
        return result
    }
}
