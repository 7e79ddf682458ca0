import Testing
@testable import SummitKBExtraction

@Suite struct WordClassesTests {
    @Test func aWordIsInEveryClassItWasGivenAndNoOther() {
        var classes = WordClasses<MeetingTerms.Cue, String>()
        classes.set("summit", for: "summit", in: .trigger)
        classes.set("summit", for: "summit", in: .kind)
        #expect(classes.contains(.trigger, "summit"))
        #expect(classes.contains(.kind, "summit"))
        #expect(!classes.contains(.venue, "summit"))
        #expect(!classes.contains(.trigger, "summits"))
        #expect(classes.value(.venue, "summit") == nil)
    }

    @Test func classesLookedUpOnceAnswerAsTheWordWould() {
        var classes = WordClasses<MeetingTerms.Cue, String>()
        classes.set("summit", for: "summit", in: .trigger)
        classes.set("summit", for: "summit", in: .city)   // the last case: its bit is the highest
        let summit = classes.classes(of: "summit")
        for cue in MeetingTerms.Cue.allCases {
            #expect(classes.contains(cue, summit) == classes.contains(cue, "summit"))
        }
        #expect(classes.contains(.city, summit) && classes.contains(.trigger, summit))
        #expect(classes.classes(of: "talks") == .none)
        #expect(!MeetingTerms.Cue.allCases.contains { classes.contains($0, classes.classes(of: "talks")) })
    }

    @Test func settingAWordAgainInAClassReplacesItsValueThere() {
        var classes = WordClasses<MeetingTerms.Cue, String>()
        classes.set("France", for: "paris", in: .city)
        classes.set("Texas", for: "paris", in: .city)
        classes.set("Élysée", for: "paris", in: .venue)
        #expect(classes.value(.city, "paris") == "Texas")
        #expect(classes.value(.venue, "paris") == "Élysée")
    }

    @Test func phrasesAreLookedUpAsTheirJoinedFoldedTokens() throws {
        let terms = try MeetingTerms(name: "t.tsv", text: """
            # format: summitkb-meeting-terms/1
            # provenance: test
            # gaps: everything else
            # columns: phrase\ttype\tvalue
            Coalition of the Willing\tattendees\t
            summit\ttrigger\tsummit
            """)
        #expect(terms.isCue(.attendees, "coalition of the willing"))
        #expect(terms.isCue(.trigger, "summit"))
        #expect(!terms.isCue(.attendees, "summit"))
    }
}
