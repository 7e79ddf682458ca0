import GRDB

/// The `timeline` report: every meeting in date order.
///
/// ```swift
/// let timeline = try kb.timeline()
/// for entry in timeline.meetings { print(entry.meeting.name, entry.sourceCount) }
/// print(try Rendering.render(timeline, as: .table))
/// ```
///
/// Meetings with a resolved date come first, by date; the others follow, placed by what is known:
/// by the publication date of their sources when any has one; then by their date as written read
/// as a relative expression (last week < yesterday < today < this week < tomorrow < weekdays from
/// Monday < next week < next month; other texts, then no date at all, after); then by the first
/// source that reports them (ingestion order) and their order in it.
///
/// JSON: `{"meetings": [MeetingSummary]}`, where a `MeetingSummary` is
/// `{"meeting": Meeting, "convener"?: Participant, "attendee_count": Int, "source_count": Int}`.
public struct Timeline: Codable, Sendable, Hashable, TableRepresentable {
    public var meetings: [MeetingSummary]

    /// Wraps already fetched rows, e.g. filtered ones.
    ///
    /// ```swift
    /// let paris = Timeline(meetings: try kb.meetings(MeetingFilter(place: "Paris")))
    /// ```
    public init(meetings: [MeetingSummary]) { self.meetings = meetings }

    public var tables: [TextTable] {
        [TextTable(
            title: "Timeline",
            columns: ["id", "date", "place", "kind", "meeting", "convener", "attendees", "sources"],
            wrapping: ["place", "meeting", "convener", "attendees"],
            rows: meetings.map { entry in
                [String(entry.meeting.id), entry.meeting.displayDate, entry.meeting.place.cell,
                 entry.meeting.kind.rawValue, entry.meeting.name, entry.convener?.name ?? "",
                 entry.participantCell, String(entry.sourceCount)]
            })]
    }
}

extension KnowledgeBase {
    /// The `timeline` report; `limit` caps the number of meetings.
    ///
    /// ```swift
    /// let firstTwenty = try kb.timeline(limit: 20)
    /// ```
    public func timeline(limit: Int? = nil) throws -> Timeline {
        Timeline(meetings: try meetings(limit: limit))
    }
}

extension Meeting {
    /// The date as a table cell; see ``dateCell(date:text:)``.
    var displayDate: String { dateCell(date: date, text: dateText) }
}

/// A date as a table cell: the resolved ISO date with a relative text after it ("2025-02-17 (Monday)"),
/// the text as written when unresolved ("last week"), or `unknown`. A text with digits ("17 February")
/// only restates the resolved date and is left out.
func dateCell(date: String?, text: String?) -> String {
    switch (date, text) {
    case let (date?, text?) where !text.contains(where: \.isNumber): "\(date) (\(text))"
    case let (date?, _): date
    case let (nil, text?): text
    case (nil, nil): "unknown"
    }
}

extension MeetingSummary {
    /// Named participants, with a stated head count when the text gives one ("3 named, 30 stated").
    var participantCell: String {
        guard let stated = meeting.participantCount else { return String(attendeeCount) }
        return "\(attendeeCount) named, \(stated) stated"
    }
}
