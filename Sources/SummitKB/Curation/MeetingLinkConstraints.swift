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
    /// The source paths that the `PATH#ORDINAL` references name.
    private var referencedPaths: Set<String> = []
    /// The `BLOCK KEY|DATE TEXT|KIND` references.
    private var referencedReportKeys: Set<String> = []

    static let none = MeetingLinkConstraints()

    init(mustLink: [(Int64, Int64)] = [], cannotLink: [(Int64, Int64)] = []) {
        self.mustLink = mustLink
        self.cannotLink = cannotLink
    }

    var isEmpty: Bool { mustLink.isEmpty && cannotLink.isEmpty }

    /// The constraints of every meeting merge and split correction.
    static func load(_ db: Database) throws -> MeetingLinkConstraints {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT action, target, payload FROM corrections
            WHERE target_type = 'meeting' AND action IN ('merge', 'split') ORDER BY id
            """))
        guard !rows.isEmpty else { return .none }
        let references = CurationReferences(db: db)
        var constraints = MeetingLinkConstraints()
        let resolve: (String) -> [Int64] = { reference in
            if let report = CurationReferences.reportParts(reference) {
                constraints.referencedPaths.insert(report.path)
            } else {
                constraints.referencedReportKeys.insert(reference)
            }
            return (try? references.meetingReportIDs(reference)) ?? []
        }
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

    /// Whether storing reports from the source at `path`, with these `BLOCK KEY|DATE TEXT|KIND`
    /// keys, could make a reference name other reports: a path reference matches its path
    /// exactly or as a suffix (``CurationReferences/sourceID(path:)``).
    func mayChange(storingReportsFrom path: String, keys: [String]) -> Bool {
        referencedPaths.contains { path == $0 || path.hasSuffix("/" + $0) } || keys.contains { referencedReportKeys.contains($0) }
    }

    /// Whether these links could decide where the reports of a document go: when there are
    /// any, or when storing the document's reports could make one name them.
    func affect(storingReportsFrom path: String, keys: [String]) -> Bool {
        !isEmpty || mayChange(storingReportsFrom: path, keys: keys)
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

/// People's meeting links for one write transaction, loaded again only when a stored
/// document could change what their references name.
///
/// ``MeetingLinkConstraints/load(_:)`` decodes every meeting merge and split and resolves
/// its references: once per new report, that made ingest twice as slow with 100 splits
/// stored. A document whose path and reports no reference names leaves the links as they
/// were; a replaced source or anything else that removes reports calls ``reset()``.
final class MeetingLinkCache {
    private var loaded: MeetingLinkConstraints?

    func constraints(_ db: Database) throws -> MeetingLinkConstraints {
        if let loaded { return loaded }
        let constraints = try MeetingLinkConstraints.load(db)
        loaded = constraints
        return constraints
    }

    /// Forgets the links when the reports just stored from `path` could change them.
    func storedReports(from path: String, keys: [String]) {
        if let loaded, loaded.mayChange(storingReportsFrom: path, keys: keys) { self.loaded = nil }
    }

    func reset() { loaded = nil }
}
