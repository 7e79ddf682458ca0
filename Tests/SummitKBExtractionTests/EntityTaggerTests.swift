import Testing
@testable import SummitKBExtraction

/// A two-country, two-person lexicon: each test sees exactly the data it needs.
private let tinyLexicon = """
    # format: summitkb-entities/1
    # provenance: test
    # gaps: everything else
    # columns: kind	name	aliases	adjectives	seats	title	country
    country	United States	U.S.|US	American	Washington
    country	Estonia		Estonian	Tallinn
    country	Hungary		Hungarian	Budapest
    organization	NATO	North Atlantic Treaty Organization
    person	Donald Trump				President	United States
    person	Sheikh Karim bin Saad Al Nuri	Karim bin Saad Al Nuri			Emir	Estonia
    person	Abdel Aziz el-Haddad	Haddad|el-Haddad			President	Hungary
    """

private let tinyTitles = """
    # format: summitkb-titles/1
    # provenance: test
    # gaps: everything else
    # columns: phrase	type
    President	head
    Minister	head
    Envoy	head
    Secretary General	head
    counterpart	counterpart
    Defence	part
    Foreign	part
    General	rank
    officials	actor
    counterpart	actor
    said	act
    has	act
    to	locative
    in	locative
    with	relation
    leaders	actor
    Latin	region
    """

private func tag(_ text: String) throws -> (Document, EntityTagging) {
    let tagger = EntityTagger(lexicon: try Lexicon(name: "tiny", text: tinyLexicon),
                              titles: try TitleLexicon(name: "tiny-titles", text: tinyTitles))
    let document = Document(text: text)
    return (document, tagger.tag(document))
}

private func names(_ tagging: EntityTagging) -> [String] { tagging.entities.map(\.name) }

@Suite struct EntityTaggerTests {
    @Test func aRegionWordMakesTheAdjectiveARegions() throws {
        #expect(names(try tag("Latin American leaders met in Lima.").1).isEmpty)
        #expect(names(try tag("Estonian and American leaders met in Lima.").1) == ["Estonia", "United States"])
    }

    /// A known person's surname inside a longer titled name: the same person when the given
    /// names agree, another person of that family when they do not.
    @Test func aSurnameInsideALongerNameIsResolvedByItsGivenName() throws {
        let (_, sameTagging) = try tag("Hungary's President Abdel Aziz al-Haddad said so.")
        #expect(names(sameTagging) == ["Hungary", "Abdel Aziz el-Haddad"])
        let (_, otherTagging) = try tag("Estonian Foreign Minister Omar bin Faisal Al Nuri said so. Al Nuri left.")
        #expect(names(otherTagging) == ["Omar bin Faisal Al Nuri"])
        #expect(otherTagging.mentions.filter { $0.entity == "person:omar bin faisal al nuri" }.count == 2)
    }

    @Test func lexiconNamesAndAliasesResolveToOneEntity() throws {
        let (document, tagging) = try tag("The U.S. and the United States are one. US officials agreed.")
        #expect(names(tagging) == ["United States"])
        #expect(tagging.mentions.map { document.string($0.evidence.range) } == ["U.S.", "United States", "US"])
    }

    @Test func lowerCaseWordIsNotAnAllCapsAlias() throws {
        let (_, tagging) = try tag("Let us meet.")
        #expect(tagging.entities.isEmpty)
    }

    @Test func adjectiveCountsOnlyBeforeAnActorNoun() throws {
        #expect(names(try tag("Estonian officials said no.").1) == ["Estonia"])
        #expect(names(try tag("Estonian forests are large.").1).isEmpty)
    }

    @Test func capitalStandsForItsStateOnlyWhenActing() throws {
        #expect(names(try tag("Washington has circulated a questionnaire.").1) == ["United States"])
        #expect(names(try tag("He plans a trip to Washington.").1).isEmpty)
        #expect(names(try tag("Talks with Washington resumed.").1) == ["United States"])
    }

    @Test func treatyNamedAfterACapitalIsNoActor() throws {
        #expect(names(try tag("Kyiv gave up arms under the Budapest Memorandum.").1).isEmpty)
    }

    @Test func unknownPersonAfterATitle() throws {
        let (_, tagging) = try tag("Estonian Defence Minister Kaia Rebane arrived.")
        let person = try #require(tagging.entities.first { $0.kind == .person })
        #expect(person.name == "Kaia Rebane")
        #expect(person.title == "Defence Minister")
        #expect(person.country == "Estonia")
        #expect(person.lexicon == nil)
    }

    @Test func unknownPersonBeforeATitle() throws {
        let (_, tagging) = try tag("Kaia Rebane, the Estonian defence minister, arrived.")
        let person = try #require(tagging.entities.first { $0.kind == .person })
        #expect(person.name == "Kaia Rebane")
        #expect(person.title == "Defence Minister")
        #expect(person.country == "Estonia")
    }

    @Test func dashJoinedRoleWithPossessiveOwner() throws {
        let (_, tagging) = try tag("Donald Trump’s Ukraine Envoy – Keith Kellogg spoke.")
        let envoy = try #require(tagging.entities.first { $0.name == "Keith Kellogg" })
        #expect(envoy.title == "Ukraine Envoy")
        #expect(envoy.country == "United States")
    }

    @Test func rankAndAffiliationAreNotPartOfTheName() throws {
        let (_, tagging) = try tag("The Secretary General of NATO – General Mark Rutte attended.")
        let person = try #require(tagging.entities.first { $0.kind == .person })
        #expect(person.name == "Mark Rutte")
        #expect(person.title == "Secretary General")
        #expect(names(tagging).contains("NATO"))
    }

    @Test func surnameLaterRefersToTheSamePerson() throws {
        let (_, tagging) = try tag("Estonian Foreign Minister Kaia Rebane spoke.\n\nLater, Rebane left.")
        #expect(tagging.entities.filter { $0.kind == .person }.count == 1)
        #expect(tagging.mentions.filter { $0.entity == "person:kaia rebane" }.count == 2)
    }

    @Test func counterpartTakesTheTitleOfThePersonBefore() throws {
        let (_, tagging) = try tag("Estonian Foreign Minister Kaia Rebane and his Hungarian counterpart Peter Varga met.")
        let counterpart = try #require(tagging.entities.first { $0.name == "Peter Varga" })
        #expect(counterpart.title == "Foreign Minister")
        #expect(counterpart.country == "Hungary")
    }

    @Test func sentenceInitialCapitalsAreNotPeople() throws {
        let (_, tagging) = try tag("However, Security Council members met. Monday brought rain.")
        #expect(tagging.entities.isEmpty)
    }

    @Test func userLexiconExtendsTheBuiltIn() throws {
        let extra = try Lexicon(name: "mine.tsv", text: """
            # format: summitkb-entities/1
            # provenance: test
            # gaps: test
            # columns: kind	name	aliases	adjectives	seats	title	country
            person	Kaia Rebane				Defence Minister	Estonia
            """)
        let lexicon = try Lexicon(name: "tiny", text: tinyLexicon).adding(extra)
        let tagger = EntityTagger(lexicon: lexicon, titles: try TitleLexicon(name: "t", text: tinyTitles))
        let tagging = tagger.tag(Document(text: "Rebane said yes."))
        #expect(tagging.entities.first?.name == "Kaia Rebane")
        #expect(tagging.entities.first?.lexicon == "mine.tsv")
    }

    @Test func malformedLexiconNamesFileAndLine() {
        let bad = """
            # format: summitkb-entities/1
            # provenance: test
            # gaps: test
            # columns: kind	name	aliases	adjectives	seats	title	country
            country	France
            city	Lyon
            """
        #expect(throws: DataFileError(file: "bad.tsv", line: 6,
                                      message: "unknown kind 'city' (expected person, country, organization or group)")) {
            try Lexicon(name: "bad.tsv", text: bad)
        }
    }

    @Test func missingHeaderIsRefused() {
        #expect(throws: DataFileError.self) { try Lexicon(name: "x.tsv", text: "country\tFrance\n") }
    }

    @Test func builtInDataFilesLoad() throws {
        let resources = try ExtractionResources.builtIn()
        #expect(resources.lexicon.entries.count > 150)
    }
}

/// Officials named in apposition to a title written in lower case.
@Suite struct AppositiveTitleTests {
    @Test func aLowerCaseTitleNamesThePersonAfterItsComma() throws {
        let resources = try ExtractionResources.builtIn()
        let tagger = EntityTagger(lexicon: resources.lexicon, titles: resources.titles)
        let tagging = tagger.tag(Document(text: """
            Oman's foreign minister, Badr Albusaidi, offered to host talks. The UN special envoy for Yemen, Hans Grundberg, agreed.
            """))
        let albusaidi = try #require(tagging.entity("person:badr albusaidi"))
        #expect(albusaidi.title == "Foreign Minister")
        #expect(albusaidi.country == "Oman")
        #expect(tagging.entity("person:hans grundberg")?.title == "UN Special Envoy for Yemen")
        #expect(tagging.entity("person:hans grundberg")?.country == nil)   // "for": a portfolio, not a nationality
        let qualified = tagger.tag(Document(text: "US envoy Brett McGurk was present, with the envoy Western diplomats named."))
        #expect(qualified.entity("person:brett mcgurk")?.country == "United States")
        #expect(qualified.entities.filter { $0.kind == ParticipantKind.person }.count == 1)
        let plain = tagger.tag(Document(text: "The foreign minister, Paris said, would come. The envoy, Western diplomats said, left."))
        #expect(plain.entities.filter { $0.kind == ParticipantKind.person }.isEmpty)
    }
}
