import Testing
@testable import SummitKBExtraction

private func meetings(_ text: String, published: String? = nil) throws -> [ExtractedMeeting] {
    let pipeline = ExtractionPipeline(resources: try .builtIn())
    return pipeline.extract(NormalizedArticle(text: text, metadata: ArticleMetadata(published: published))).meetings
}

private func roles(_ meeting: ExtractedMeeting, _ role: MeetingRole) -> Set<String> {
    Set(meeting.participants.filter { $0.role == role }.map(\.entity))
}

@Suite struct MeetingFinderTests {
    @Test func aVerbOfHostingWithGuestsIsAMeetingAtTheVenueAfterThem() throws {
        let found = try meetings("Kenyan President William Ruto hosted the presidents of Uganda and Tanzania at the Harambee Palace in Nairobi on Friday.",
                                 published: "2025-05-10")
        let meeting = try #require(found.first)
        #expect(found.count == 1)
        #expect(meeting.venue == "Harambee Palace")
        #expect(meeting.city == "Nairobi")
        #expect(meeting.status == .held)
        #expect(meeting.convener == "person:william ruto")
        #expect(roles(meeting, .attendee) == ["country:uganda", "country:tanzania"])
        #expect(try meetings("Kenya hosted the athletics championships in Nairobi on Friday.").isEmpty)
    }

    @Test func stayingOutIsReadAFewSentencesLaterAndAPossessorsGovernmentActs() throws {
        let found = try meetings("""
            Leaders gathered in Accra on Monday. Ghana backed a truce.
            Mali's military government was not invited, officials said. Niger did not attend.
            """)
        let meeting = try #require(found.first)
        #expect(roles(meeting, .excluded) == ["country:mali", "country:niger"])
    }

    @Test func coordinatedHostsAllConveneAndTheFirstLeads() throws {
        let meeting = try #require(try meetings("Egyptian and Qatari mediators hosted talks in Cairo on Tuesday.").first)
        #expect(meeting.convener == "country:egypt")
        #expect(roles(meeting, .host) == ["country:egypt", "country:qatar"])
    }

    @Test func plannedMeetingWithPlaceDateAndList() throws {
        let found = try meetings("Leaders from Germany, Poland and Denmark will meet in Paris on Monday.", published: "2025-02-14")
        let meeting = try #require(found.first)
        #expect(found.count == 1)
        #expect(meeting.city == "Paris")
        #expect(meeting.country == "France")
        #expect(meeting.kind == .summit)
        #expect(meeting.status == .planned)
        #expect(meeting.dateText == "Monday")
        #expect(meeting.date == "2025-02-17")
        #expect(meeting.datePrecision == .weekday)
        #expect(roles(meeting, .attendee) == ["country:germany", "country:poland", "country:denmark"])
    }

    @Test func dateStaysUnresolvedWithoutAnAnchor() throws {
        let meeting = try #require(try meetings("Ministers will meet in Rome on Tuesday.").first)
        #expect(meeting.date == nil)
        #expect(meeting.dateText == "Tuesday")
    }

    @Test func relativeWeekResolvesToItsMonday() throws {
        let meeting = try #require(try meetings("Officials met in Geneva last week.", published: "2025-03-05").first)
        #expect(meeting.date == "2025-02-24")
        #expect(meeting.datePrecision == .week)
    }

    @Test func backgroundMentionsAreNotMeetings() throws {
        #expect(try meetings("The bloc has held numerous previous summits without result.").isEmpty)
        #expect(try meetings("The Paris meeting is not structured as a full EU Summit.").count <= 1)
    }

    @Test func definiteReferenceJoinsTheEarlierMeeting() throws {
        let found = try meetings("Leaders will gather in Paris on Monday.\n\nThe summit will be convened by President Emmanuel Macron.")
        #expect(found.count == 1)
        #expect(found.first?.convener == "person:emmanuel macron")
    }

    @Test func twoMeetingsInOneCityOnDifferentDaysStayTwo() throws {
        let found = try meetings("""
            Military chiefs will meet in Paris on Tuesday.

            Defence ministers will convene in Paris on Wednesday.
            """)
        #expect(found.map(\.kind) == [.military, .ministerial])
        #expect(found.map(\.dateText) == ["Tuesday", "Wednesday"])
    }

    @Test func exclusionAndTalksAbroad() throws {
        let meeting = try #require(try meetings(
            "U.S. officials will hold talks with Russia in Saudi Arabia, without European or Ukrainian participation.").first)
        #expect(meeting.kind == .talks)
        #expect(meeting.country == "Saudi Arabia")
        #expect(roles(meeting, .attendee) == ["country:united states", "country:russia"])
        #expect(roles(meeting, .excluded) == ["group:europe", "country:ukraine"])
    }

    @Test func bareNumberIsKeptAsACount() throws {
        let meeting = try #require(try meetings("Military chiefs from 30 European and NATO nations will meet in Paris.").first)
        #expect(meeting.participantCount == 30)
        #expect(meeting.kind == .military)
    }

    @Test func phoneCallHasBothSidesAndNoPlace() throws {
        let meeting = try #require(try meetings("Last week, Donald Trump spoke with Vladimir Putin by phone.").first)
        #expect(meeting.kind == .call)
        #expect(meeting.city == nil)
        #expect(roles(meeting, .attendee) == ["person:donald trump", "person:vladimir putin"])
        #expect(meeting.dateText == "Last week")
    }

    @Test func visitTakesItsDestinationAndThePronounsPerson() throws {
        let found = try meetings("Keir Starmer spoke on Sunday.\n\nHis upcoming trip to Washington to meet with Trump matters.")
        let visit = try #require(found.first { $0.kind == .visit })
        #expect(visit.city == "Washington")
        #expect(roles(visit, .attendee) == ["person:keir starmer", "person:donald trump"])
    }

    @Test func videoConferenceAndFollowUpSentenceRoles() throws {
        let found = try meetings("""
            Leaders of the G7 will hold a video conference on Thursday.

            The call, convened by Prime Minister Mark Carney, will include Chancellor Friedrich Merz. Russia was not invited.
            """)
        #expect(found.count == 1)
        let meeting = try #require(found.first)
        #expect(meeting.kind == .virtual)
        #expect(meeting.convener == "person:mark carney")
        #expect(roles(meeting, .excluded) == ["country:russia"])
        #expect(roles(meeting, .attendee).contains("person:friedrich merz"))
    }

    @Test func venueGivesCityAndCountry() throws {
        let meeting = try #require(try meetings("An urgent meeting has been called at the Élysée Palace in Paris.").first)
        #expect(meeting.venue == "Élysée Palace")
        #expect(meeting.city == "Paris")
        #expect(meeting.country == "France")
        #expect(meeting.convener == nil)
    }

    @Test func malformedTermsNameFileAndLine() {
        #expect(throws: DataFileError.self) {
            try MeetingTerms(name: "m.tsv", text: """
                # format: summitkb-meeting-terms/1
                # provenance: t
                # gaps: t
                # columns: phrase	type	value
                summit	trigger	banquet
                """)
        }
    }
}

@Suite struct CivilDateTests {
    @Test func weekdayArithmetic() throws {
        let friday = try #require(CivilDate(iso: "2025-02-14"))
        #expect(friday.weekdayIndex == 4)
        #expect(friday.weekday(0, direction: 2).iso == "2025-02-17")
        #expect(friday.weekday(0, direction: -2).iso == "2025-02-10")
        #expect(friday.adding(days: 20).iso == "2025-03-06")
        #expect(CivilDate(dayNumber: friday.dayNumber) == friday)
    }

    /// Plain `YYYY-MM-DD` is read from its bytes and written as bytes; every other form goes
    /// the general way, with the same results as before.
    @Test func isoDatesReadAndWrittenTheFastWayAndTheGeneralWayAgree() throws {
        for dayNumber in stride(from: -719_000, through: 2_900_000, by: 997) {   // years 1 to 9909
            let date = CivilDate(dayNumber: dayNumber)
            let general = "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)-\(date.day < 10 ? "0" : "")\(date.day)"
            #expect(date.iso == general)
            #expect(CivilDate(iso: date.iso) == date)
        }
        #expect(CivilDate(iso: "2025-3-2") == CivilDate(year: 2025, month: 3, day: 2))
        #expect(CivilDate(iso: "2025-03-02T10:00:00Z") == CivilDate(year: 2025, month: 3, day: 2))
        #expect(CivilDate(iso: "999-01-05")?.iso == "999-01-05")
        #expect(CivilDate(iso: "2025-13-02") == nil)
        #expect(CivilDate(iso: "2025-02-00") == nil)
        #expect(CivilDate(iso: "2025-0a-02") == nil)
        #expect(CivilDate(iso: "2025/03/02") == nil)
    }

    @Test func explicitDayAndMonthTakeTheNearestYear() throws {
        let anchor = try #require(CivilDate(iso: "2025-01-03"))
        #expect(anchor.nearest(month: 12, day: 30).iso == "2024-12-30")
    }
}

/// Who takes part, said in ways that name no meeting: calls by telephone, video links,
/// delegations, and roles that only look like conveners or exclusions.
@Suite struct MeetingAttendanceTests {
    @Test func bothSidesOfACallSpokenByTelephoneAttendAndTheDatelineIsNoPlace() throws {
        let pipeline = ExtractionPipeline(resources: try .builtIn())
        let article = NormalizedArticle(
            text: "Indian Prime Minister Narendra Modi and Russian President Vladimir Putin spoke by telephone on Wednesday.",
            metadata: ArticleMetadata(published: "2025-08-21"), dateline: "New Delhi")
        let meeting = try #require(pipeline.extract(article).meetings.first)
        #expect(meeting.kind == .call)
        #expect(meeting.city == nil)
        #expect(meeting.date == "2025-08-20")
        #expect(roles(meeting, .attendee).isSuperset(of: ["person:narendra modi", "person:vladimir putin"]))
    }

    @Test func takingPartByVideoLinkIsAttendingNotAnotherMeeting() throws {
        let found = try meetings("""
            Foreign ministers met in Tokyo on Saturday. The talks focused on export controls.
            Ukraine's foreign minister, Andrii Sybiha, took part by video link.
            """)
        #expect(found.count == 1)
        #expect(roles(try #require(found.first), .attendee).contains("person:andrii sybiha"))
    }

    @Test func counterpartsJoinedAndTheListAfterAlongWithAttend() throws {
        let found = try meetings("""
            Foreign ministers met in Tokyo on Saturday.
            British Foreign Secretary David Lammy joined their counterparts from France, Italy and Canada, along with Ursula von der Leyen.
            """)
        let attendees = roles(try #require(found.first), .attendee)
        #expect(attendees.isSuperset(of: ["person:david lammy", "country:france", "country:italy", "country:canada",
                                          "person:ursula von der leyen"]))
    }

    @Test func aDelegationsLeadersAttendEvenWithOfInTheirTitle() throws {
        let found = try meetings("""
            American and Russian officials will hold talks in Riyadh on Tuesday.
            Secretary of State Marco Rubio will lead the US delegation, while Russia will be represented by Sergei Lavrov.
            """)
        let attendees = roles(try #require(found.first), .attendee)
        #expect(attendees.isSuperset(of: ["person:marco rubio", "person:sergei lavrov"]))
    }

    @Test func notInvitedToTheTalksExcludesAndCallingForASeatConvenesNothing() throws {
        let found = try meetings("""
            American and Russian officials will hold talks in Riyadh on Tuesday. Ukraine was not invited to the talks.
            Zelensky said Kyiv would reject any deal reached without its participation.
            European officials called for a seat at the table.
            """)
        let meeting = try #require(found.first)
        #expect(found.count == 1)
        #expect(roles(meeting, .excluded) == ["country:ukraine"])
        #expect(meeting.convener == nil)
    }

    @Test func aDateBetweenTwoTriggersIsTheEarliersAndAShoutedDatelineCityIsCapitalized() throws {
        let found = try meetings("""
            BERLIN – Defence ministers met at headquarters in Berlin on Thursday ahead of the leaders' summit in The Hague.
            """, published: "2025-06-05")
        #expect(found.map(\.city) == ["Berlin", "The Hague"])
        #expect(found.map(\.dateText) == ["Thursday", nil])
        let shouted = try meetings("BERLIN – Chancellor Olaf Scholz hosted Balkan leaders at the Chancellery on Monday for a summit.")
        #expect(shouted.first?.city == "Berlin")
    }

    @Test func aListBeforeAVerbTriggerIsItsOwnNotTheEarlierMeetings() throws {
        let found = try meetings("""
            Ministers met in Rome on Tuesday. Following Tuesday's discussions, ministers from France and Poland will convene in Paris on Wednesday.
            """)
        #expect(found.count == 2)
        #expect(roles(found[0], .attendee).isEmpty)
        #expect(roles(found[1], .attendee) == ["country:france", "country:poland"])
    }
}

/// Where and when a meeting is, and whether it is still to come, said in ways the first
/// rules missed.
@Suite struct MeetingPlaceAndStatusTests {
    @Test func aPostponedSummitDueToOpenInACityIsPlannedThereNotInItsTopicsCountry() throws {
        let meeting = try #require(try meetings("""
            An African Union summit on the war in Sudan that was due to open in Addis Ababa on Friday has been postponed.
            """, published: "2025-04-22").first)
        #expect(meeting.city == "Addis Ababa")
        #expect(meeting.country == "Ethiopia")
        #expect(meeting.status == .planned)
        #expect(meeting.date == "2025-04-25")
        let stays = try #require(try meetings("Erdogan hosted talks in Turkey on the war in Gaza on Monday.").first)
        #expect(stays.country == "Turkey")
    }

    @Test func aDateAfterTheArticleMakesAMeetingPlannedWhenNoWordSaysSo() throws {
        let found = try meetings("Xi invited Lula to attend the BRICS summit in Kazan in October.", published: "2025-05-13")
        #expect(found.first?.status == .planned)
        #expect(MeetingFinder.status(of: "2025-03-01", precision: .month, published: "2025-05-13") == .held)
        #expect(MeetingFinder.status(of: "2025-05-02", precision: .month, published: "2025-05-13") == nil)
        #expect(MeetingFinder.status(of: "2025-05-12", precision: .weekday, published: "2025-05-13") == nil)
    }

    @Test func aGuestAfterHisTitleAndAVenueLaterStillMakeTheMeeting() throws {
        let meeting = try #require(try meetings("""
            Chinese President Xi Jinping received Brazilian President Luiz Inácio Lula da Silva at the Great Hall in Beijing on Tuesday.
            """).first)
        #expect(meeting.city == "Beijing")
        #expect(roles(meeting, .attendee).contains("person:luiz inacio lula da silva"))
    }

    @Test func aVisitsObjectIsItsPlaceAndAConferenceWhereTakesThePlaceBeforeIt() throws {
        let found = try meetings("""
            Blinken will visit Cairo on Monday, before travelling to Amman, where he will attend an emergency conference on aid hosted by King Abdullah II of Jordan.
            """, published: "2024-06-12")
        #expect(found.first { $0.kind == .visit }?.city == "Cairo")
        let conference = try #require(found.first { $0.kind == .conference })
        #expect(conference.city == "Amman")
        #expect(found.allSatisfy { $0.city != "Washington" })
    }

    @Test func chairingNegotiatorsAndDeclinedDelegations() throws {
        let found = try meetings("""
            Negotiators from Israel and Hamas met in Doha on Wednesday. Qatar's prime minister chaired the meeting.
            The Sudanese army declined to send delegations.
            """)
        let meeting = try #require(found.first)
        #expect(roles(meeting, .attendee).isSuperset(of: ["country:israel", "organization:hamas"]))
        #expect(meeting.convener == "country:qatar")
        #expect(roles(meeting, .excluded) == ["country:sudan"])
    }

    @Test func aRelativeClauseBetweenCommasIsPassedOverAndThoseAttendingAttend() throws {
        let found = try meetings("""
            Leaders gathered in Rio de Janeiro on Monday for a summit.
            Joe Biden and Xi Jinping were among those attending. Vladimir Putin, who faces an arrest warrant, stayed away.
            """)
        let meeting = try #require(found.first)
        #expect(roles(meeting, .attendee) == ["person:joe biden", "person:xi jinping"])
        #expect(roles(meeting, .excluded) == ["person:vladimir putin"])
    }
}
