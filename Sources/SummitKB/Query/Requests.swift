import GRDB

// The reusable filters and orderings of SummitKB, written once as request methods.
// Accessors on `KnowledgeBase` and the canned reports are built from them.

extension DerivableRequest<Meeting> {
    /// Meetings held in `place`: a city as stored, or any place whose folded merge block matches.
    ///
    /// ```swift
    /// let inParis = try kb.writer.read { db in try Meeting.all().held(in: "paris").fetchAll(db) }
    /// ```
    public func held(in place: String) -> Self {
        filter(Meeting.Columns.city == place || Meeting.Columns.blockKey == Folding.fold(place))
    }

    /// Meetings of one kind.
    ///
    /// ```swift
    /// let calls = try kb.writer.read { db in try Meeting.all().ofKind(.call).fetchAll(db) }
    /// ```
    public func ofKind(_ kind: MeetingKind) -> Self {
        filter(Meeting.Columns.kind == kind.rawValue)
    }

    /// Meetings whose resolved date lies in the closed range; unresolved dates never match.
    ///
    /// ```swift
    /// let february = Meeting.all().dated(from: "2025-02-01", through: "2025-02-28")
    /// ```
    public func dated(from start: String?, through end: String?) -> Self {
        var request = filter(Meeting.Columns.date != nil)
        if let start { request = request.filter(Meeting.Columns.date >= start) }
        if let end { request = request.filter(Meeting.Columns.date <= end) }
        return request
    }

    /// Meetings in which any of the participants holds any role.
    ///
    /// ```swift
    /// let withMacron = Meeting.all().attended(byAnyOf: [macron.id])
    /// ```
    public func attended(byAnyOf participantIDs: [Int64]) -> Self {
        let meetingIDs = MeetingParticipant
            .filter(participantIDs.contains(MeetingParticipant.Columns.participantId))
            .select(MeetingParticipant.Columns.meetingId)
        return filter(meetingIDs.contains(Meeting.Columns.id))
    }

    /// Meetings that one source reports.
    ///
    /// ```swift
    /// let fromOneArticle = Meeting.all().reported(bySource: 3)
    /// ```
    public func reported(bySource sourceID: Int64) -> Self {
        let meetingIDs = MeetingReport
            .filter(MeetingReport.Columns.sourceId == sourceID)
            .select(MeetingReport.Columns.meetingId)
        return filter(meetingIDs.contains(Meeting.Columns.id))
    }

    /// Meetings with a resolved date, earliest first (served by the `meetings_date` index).
    ///
    /// ```swift
    /// let dated = Meeting.all().resolvedInDateOrder()
    /// ```
    public func resolvedInDateOrder() -> Self {
        filter(Meeting.Columns.date != nil)
            .order(Meeting.Columns.date, Meeting.Columns.dateText, Meeting.Columns.id)
    }

    /// Meetings without a resolved date, placed by what is known: first by the earliest publication
    /// date of the sources that report them (those without one after), then by the date as written
    /// read as a relative expression (last week < yesterday < today < this week < tomorrow <
    /// weekdays from Monday < next week < next month; other texts, then no text, after), then by
    /// the first source that reports them (ingestion order) and their order in it.
    ///
    /// ```swift
    /// let undated = Meeting.all().unresolvedByWhatIsKnown()
    /// ```
    public func unresolvedByWhatIsKnown() -> Self {
        let published = SQL("""
            (SELECT min(s.published) FROM meeting_reports r JOIN sources s ON s.id = r.source_id
             WHERE r.meeting_id = meetings.id)
            """)
        return filter(Meeting.Columns.date == nil).order(
            published == nil,
            published,
            Meeting.Columns.dateText == nil,
            RelativeDate.rank(of: Meeting.Columns.dateText),
            SQL("(SELECT min(source_id) FROM meeting_reports WHERE meeting_id = meetings.id)"),
            SQL("(SELECT min(ordinal) FROM meeting_reports WHERE meeting_id = meetings.id)"),
            Meeting.Columns.id
        )
    }

    /// Adds the convener and the attendee and source counts that ``MeetingSummary`` decodes.
    ///
    /// ```swift
    /// let rows = try MeetingSummary.fetchAll(db, Meeting.all().summarized())
    /// ```
    ///
    /// The source count is `meetings.source_count`, kept at write time; attendees are counted
    /// from the `meeting_participants_meeting` index alone.
    public func summarized() -> Self {
        including(optional: Meeting.convener)
            .annotated(with: [
                SQL("""
                    (SELECT count(DISTINCT participant_id) FROM meeting_participants
                     WHERE meeting_id = meetings.id AND role <> 'excluded')
                    """).forKey("attendeeCount"),
                SQL("meetings.source_count").forKey("sourceCount"),
            ])
    }
}

extension DerivableRequest<Participant> {
    /// Participants of one kind, by name.
    ///
    /// ```swift
    /// let countries = Participant.all().ofKind(.country)
    /// ```
    public func ofKind(_ kind: ParticipantKind) -> Self {
        filter(Participant.Columns.kind == kind.rawValue)
    }

    /// Participants known by `alias`, compared folded: case, diacritics and dots ignored.
    ///
    /// ```swift
    /// let zelensky = Participant.all().known(as: "ZELENSKYY")
    /// ```
    public func known(as alias: String) -> Self {
        let ids = ParticipantAlias
            .filter(ParticipantAlias.Columns.folded == Folding.fold(alias))
            .select(ParticipantAlias.Columns.participantId)
        return filter(ids.contains(Participant.Columns.id))
    }

    /// Adds the source and mention counts that ``ParticipantSummary`` decodes.
    ///
    /// ```swift
    /// let rows = try ParticipantSummary.fetchAll(db, Participant.all().summarized())
    /// ```
    ///
    /// The counts are `participants.source_count` and `mention_count`, kept at write time.
    public func summarized() -> Self {
        annotated(with: [
            SQL("participants.source_count").forKey("sourceCount"),
            SQL("participants.mention_count").forKey("mentionCount"),
        ])
    }
}

extension DerivableRequest<Proposal> {
    /// Proposals of one kind ("troop deployment", "ceasefire", ...).
    ///
    /// ```swift
    /// let ceasefires = Proposal.all().ofKind("ceasefire")
    /// ```
    public func ofKind(_ kind: String) -> Self {
        filter(Proposal.Columns.kind == kind)
    }

    /// Proposals on which any of the participants takes `stance`.
    ///
    /// ```swift
    /// let ukOffers = Proposal.all().withStance(.proposes, byAnyOf: [uk.id])
    /// ```
    public func withStance(_ stance: Stance, byAnyOf participantIDs: [Int64]) -> Self {
        let ids = ProposalPosition
            .filter(participantIDs.contains(ProposalPosition.Columns.participantId))
            .filter(ProposalPosition.Columns.stance == stance.rawValue)
            .select(ProposalPosition.Columns.proposalId)
        return filter(ids.contains(Proposal.Columns.id))
    }

    /// Proposals raised at one meeting.
    ///
    /// ```swift
    /// let atParis = Proposal.all().raised(atMeeting: 1)
    /// ```
    public func raised(atMeeting meetingID: Int64) -> Self {
        filter(Proposal.Columns.meetingId == meetingID)
    }

    /// Adds the meeting (key `meeting`) and the source count (key `sourceCount`) that
    /// ``KnowledgeBase/proposals(_:limit:)`` decodes before attaching positions.
    ///
    /// ```swift
    /// let request = Proposal.all().ofKind("ceasefire").summarized()
    /// ```
    ///
    /// The source count is `proposals.source_count`, kept at write time.
    public func summarized() -> Self {
        including(optional: Proposal.meeting)
            .annotated(with: [SQL("proposals.source_count").forKey("sourceCount")])
    }
}
