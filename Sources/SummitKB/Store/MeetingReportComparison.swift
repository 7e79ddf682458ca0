import Foundation
import SummitKBExtraction

/// What the merge needs to know about one stored meeting report.
///
/// A merge candidate (read from the block indexes alone) carries only what
/// ``MeetingReportComparison/agreement(_:_:)`` compares: ids, kind, dates, status,
/// convener id, block key and participant ids. Its names, place and ordinal are empty.
struct MeetingReportSummary: Sendable {
    var id: Int64
    var meetingID: Int64
    let sourceID: Int64
    /// The source's fingerprint: orders reports and breaks ties between values. Empty for a
    /// merge candidate, which is compared but never ordered nor voted.
    let sourceSHA256: String
    let ordinal: Int
    let kind: String
    let name: String
    let city: String?
    let venue: String?
    let country: String?
    let date: String?
    let dateText: String?
    let datePrecision: String
    let status: String
    let convenerID: Int64?
    let convenerName: String?
    let topic: String?
    let participantCount: Int?
    let blockKey: String
    /// The source's published date, if known.
    let published: String?
    /// Evidence rows under the report and its participants: the tie-breaker between values.
    /// Nil for a merge candidate, which is compared but never takes part in a vote.
    let evidenceCount: Int?
    /// Participants in any role but `excluded`, by id, with their names.
    var participants: [Int64: String]

    /// The order that makes clustering independent of ingest order.
    static func canonicalOrder(_ a: MeetingReportSummary, _ b: MeetingReportSummary) -> Bool {
        (a.sourceSHA256, a.ordinal) < (b.sourceSHA256, b.ordinal)
    }

    /// The place name the block key was made from.
    var placeName: String? { city ?? venue ?? country }
}

/// Decides whether two meeting reports from different sources describe the same meeting,
/// and says why in plain words.
///
/// ```swift
/// if let reason = MeetingReportComparison.agreement(a, b) {
///     print(reason)   // "same place Paris; same convener Emmanuel Macron"
/// }
/// ```
///
/// Two reports merge when they come from different sources, their kinds and dates are
/// compatible, and at least two independent pieces agree: same place (a real place
/// block, not `virtual`), compatible non-nil dates, same convener, two or more shared
/// participants (excluded ones and the shared convener do not count).
enum MeetingReportComparison {
    /// Kinds that name the same sort of large gathering.
    private static let gatheringKinds: Set<String> = ["summit", "conference", "meeting"]
    private static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// The merge key of the block a report belongs to: folded city, else venue, else
    /// country, else `virtual` for calls and video conferences, else `none:<source sha256>`.
    static func blockKey(city: String?, venue: String?, country: String?, kind: String, sourceSHA256: String) -> String {
        for place in [city, venue, country] {
            if let place, case let folded = fold(place), !folded.isEmpty { return folded }
        }
        if kind == MeetingKind.virtual.rawValue || kind == MeetingKind.call.rawValue { return "virtual" }
        return "none:" + sourceSHA256
    }

    /// What two reports agree on, counted without building the words of ``agreement(_:_:)``:
    /// the merge compares every candidate of a new report, and most comparisons only ask
    /// whether two reports agree and how strongly.
    struct Agreement {
        /// A real place block, not `virtual`.
        let samePlace: Bool
        /// Both dates are given and positively agree.
        let datesAgree: Bool
        /// The convener both reports name, if any.
        let convener: Int64?
        /// Participants both reports name, the shared convener included.
        let sharedParticipants: Int
        /// Whether the shared convener is among them.
        private let convenerShared: Bool

        /// Independent pieces of agreement: place, dates, convener, and two or more shared
        /// participants other than the convener. Two reports agree when two pieces do.
        var pieces: Int {
            let others = sharedParticipants - (convenerShared ? 1 : 0)
            return (samePlace ? 1 : 0) + (datesAgree ? 1 : 0) + (convener != nil ? 1 : 0) + (others >= 2 ? 1 : 0)
        }

        fileprivate init(samePlace: Bool, datesAgree: Bool, a: MeetingReportSummary, b: MeetingReportSummary) {
            self.samePlace = samePlace
            self.datesAgree = datesAgree
            convener = a.convenerID.flatMap { $0 == b.convenerID ? $0 : nil }
            // The two dictionaries, not the two summaries: a copy of a summary retains each of its strings.
            let (smaller, larger) = a.participants.count <= b.participants.count
                ? (a.participants, b.participants) : (b.participants, a.participants)
            sharedParticipants = smaller.keys.reduce(0) { larger[$1] != nil ? $0 + 1 : $0 }
            convenerShared = convener.map { a.participants[$0] != nil && b.participants[$0] != nil } ?? false
        }
    }

    /// What `a` and `b` agree on when they are the same meeting, or nil when they must stay
    /// apart: other sources, same real place block, compatible kinds and dates, and at least
    /// two pieces of agreement (``Agreement/pieces``).
    static func comparison(_ a: MeetingReportSummary, _ b: MeetingReportSummary) -> Agreement? {
        guard a.sourceID != b.sourceID, a.blockKey == b.blockKey, !a.blockKey.hasPrefix("none:"),
              kindsCompatible(a.kind, b.kind) else { return nil }
        guard let datesAgree = datesCompatible(a, b) else { return nil }
        let agreement = Agreement(samePlace: a.blockKey != "virtual", datesAgree: datesAgree, a: a, b: b)
        return agreement.pieces >= 2 ? agreement : nil
    }

    /// Whether `a` and `b` are the same meeting (``comparison(_:_:)``).
    static func agrees(_ a: MeetingReportSummary, _ b: MeetingReportSummary) -> Bool { comparison(a, b) != nil }

    /// Why `a` and `b` are the same meeting, or nil when they must stay apart: the pieces of
    /// ``comparison(_:_:)`` in words, with `a`'s place, convener and participant names.
    static func agreement(_ a: MeetingReportSummary, _ b: MeetingReportSummary) -> String? {
        guard let agreement = comparison(a, b) else { return nil }
        var reasons: [String] = []
        // A real place block is made from a place name, so it agrees even for a merge
        // candidate, which carries no place columns (its block key stands in for them).
        if agreement.samePlace { reasons.append("same place \(a.placeName ?? a.blockKey)") }
        if agreement.datesAgree { reasons.append("dates agree (\(a.date ?? a.dateText ?? "") / \(b.date ?? b.dateText ?? ""))") }
        if let convener = agreement.convener { reasons.append("same convener \(a.convenerName ?? "#\(convener)")") }
        let shared = Set(a.participants.keys).intersection(b.participants.keys).subtracting(agreement.convener.map { [$0] } ?? [])
        if shared.count >= 2 {
            let names = shared.compactMap { a.participants[$0] }.sorted()
            reasons.append("\(shared.count) shared participants: \(names.joined(separator: ", "))")
        }
        return reasons.joined(separator: "; ")
    }

    /// Two reports that may never share a meeting: same source, other place block,
    /// incompatible kinds, or contradicting dates.
    static func contradicts(_ a: MeetingReportSummary, _ b: MeetingReportSummary) -> Bool {
        a.sourceID == b.sourceID || a.blockKey != b.blockKey || !kindsCompatible(a.kind, b.kind) || datesCompatible(a, b) == nil
    }

    /// How strongly two reports support being one meeting: each independent piece of
    /// agreement counts most, then each shared participant; the same kind and the same status
    /// (reports written at the same stage of the story) only order otherwise equal links.
    /// Zero pieces when they do not agree.
    static func strength(_ a: MeetingReportSummary, _ b: MeetingReportSummary) -> Int {
        strength(a, b, comparison(a, b))
    }

    /// ``strength(_:_:)`` of two reports whose ``comparison(_:_:)`` is known.
    static func strength(_ a: MeetingReportSummary, _ b: MeetingReportSummary, _ agreement: Agreement?) -> Int {
        let shared = agreement?.sharedParticipants ?? Set(a.participants.keys).intersection(b.participants.keys).count
        return (agreement?.pieces ?? 0) * 100 + shared * 5 + (a.kind == b.kind ? 2 : 0)
            + (a.status == b.status && a.status != "unknown" ? 1 : 0)
    }

    static func kindsCompatible(_ a: String, _ b: String) -> Bool {
        a == b || a == MeetingKind.meeting.rawValue || b == MeetingKind.meeting.rawValue
            || (gatheringKinds.contains(a) && gatheringKinds.contains(b))
    }

    /// nil when the dates contradict each other; otherwise whether they positively agree.
    static func datesCompatible(_ a: MeetingReportSummary, _ b: MeetingReportSummary) -> Bool? {
        switch (a.date.flatMap(dayNumber), b.date.flatMap(dayNumber)) {
        case let (left?, right?):
            return abs(left - right) <= 1 ? true : nil
        case let (resolved?, nil):
            return weekdayAgreement(resolvedDay: resolved, text: b.dateText)
        case let (nil, resolved?):
            return weekdayAgreement(resolvedDay: resolved, text: a.dateText)
        case (nil, nil):
            guard let left = a.dateText.map(fold), let right = b.dateText.map(fold) else { return false }
            return left == right ? true : nil
        }
    }

    /// Compatible unless `text` names another weekday; agreement when it names the same one.
    private static func weekdayAgreement(resolvedDay: Int, text: String?) -> Bool? {
        guard let text else { return false }
        let words = fold(text).split { !$0.isLetter }.map(String.init)
        guard let named = words.first(where: weekdays.contains) else { return false }
        let weekday = weekdays[((resolvedDay % 7) + 7 + 4) % 7]   // day 0 (1970-01-01) was a Thursday
        return named == weekday ? true : nil
    }

    /// Days since 1970-01-01 of an ISO `YYYY-MM-DD` date, or nil when it is not one.
    static func dayNumber(_ iso: String) -> Int? { CivilDate(iso: iso)?.dayNumber }

    static func fold(_ text: String) -> String {
        Folding.fold(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
