import Testing
@testable import SummitKBExtraction

/// One test per normalization rule, each on a tiny hand-written article.
@Suite struct NormalizeTests {
    let normalizer = Normalizer(rules: try! .builtIn())

    func text(_ raw: String) -> String { normalizer.normalize(raw).text }

    // MARK: Characters and lines

    @Test func byteOrderMarkIsDropped() {
        #expect(text("\u{FEFF}Ministers met in Rome.") == "Ministers met in Rome.")
    }

    @Test func crlfAndLoneCarriageReturnEndLines() {
        #expect(text("One.\r\nTwo.\rThree.") == "One.\n\nTwo.\n\nThree.")
    }

    @Test func controlCharactersAreRemoved() {
        #expect(text("Mini\u{0}sters\u{7} met\u{1B}.\u{85}Then left.") == "Ministers met.\n\nThen left.")
    }

    @Test func oddSpacesBecomeOneSpace() {
        #expect(text("  Talks\u{A0}\u{2009}in \t\u{202F}Oslo\u{200B}  ended.  ") == "Talks in Oslo ended.")
    }

    @Test func textBecomesNFC() {
        let decomposed = "Cafe\u{301} talks at the E\u{301}lyse\u{301}e."
        #expect(text(decomposed) == "Café talks at the Élysée.")
        #expect(text(decomposed).unicodeScalars.count == "Café talks at the Élysée.".unicodeScalars.count)
    }

    @Test func oneParagraphPerLine() {
        #expect(text("\n\nFirst line.\nSecond line.\n\n\n\nThird line.\n") == "First line.\n\nSecond line.\n\nThird line.")
    }

    // MARK: Boilerplate

    @Test func breadcrumbIsDropped() {
        #expect(text("Home » World » Europe\nDelegates arrived in Vienna on Sunday.") == "Delegates arrived in Vienna on Sunday.")
        #expect(text("Home > Politics\nDelegates arrived.") == "Delegates arrived.")
    }

    @Test func homeInProseIsNoBreadcrumb() {
        #expect(text("Home Secretary Ann Bell flew to Lisbon.") == "Home Secretary Ann Bell flew to Lisbon.")
    }

    @Test func strayCodeFencesAreDropped() {
        #expect(text("```html\nEnvoys met.\n```") == "Envoys met.")
        #expect(text("“`html\nEnvoys met.") == "Envoys met.")
    }

    @Test func htmlFragmentsAreDropped() {
        #expect(text("Envoys met.\nthe summit in Bern.\">\n<div class=\"share-box\">\nThey <em>agreed</em>.") == "Envoys met.\n\nThey agreed.")
        #expect(text("Envoys met.\n<img src=\"a.jpg\" alt=\"Envoys in\nBern.\">\nThey left.") == "Envoys met.\n\nThey left.")
    }

    @Test func htmlEntitiesAreDecoded() {
        #expect(text("Trade &amp; security talks &#8211; day two&nbsp;&hellip;") == "Trade & security talks – day two …")
    }

    @Test func fullHTMLPageIsReducedToText() {
        let page = """
            <!DOCTYPE html><html><head><title>Site</title><style>p { color: red; }</style></head>
            <body><nav><a href="/">Home</a></nav>
            <h1>Envoys Meet in Bern</h1>
            <p>Envoys from <b>four</b> states met in Bern.</p><script>track("x > y");</script>
            <p>They agreed&nbsp;to meet again.</p>
            <footer>Copyright Example</footer></body></html>
            """
        let article = normalizer.normalize(page)
        #expect(article.text == "Envoys from four states met in Bern.\n\nThey agreed to meet again.")
        #expect(article.metadata.title == "Envoys Meet in Bern")
    }

    @Test func youMayAlsoLikeEndsTheArticle() {
        #expect(text("Envoys met.\nYou may also like\nA different story about a summit") == "Envoys met.")
    }

    @Test func commentBoxIsDropped() {
        let raw = "Envoys met.\nLeave a Comment\nThis site uses Akismet to reduce spam. Learn how your comment data is processed."
        #expect(text(raw) == "Envoys met.")
        #expect(text("Envoys met.\nThis site uses Akismet to reduce spam.\nThey left.") == "Envoys met.\n\nThey left.")
    }

    @Test func shareAndFollowLinesAreDropped() {
        #expect(text("Envoys met.\nShare this:\nFacebook Twitter LinkedIn Email\nFollow us on social media\nThey left.")
                == "Envoys met.\n\nThey left.")
    }

    @Test func cookieNoticeIsDropped() {
        #expect(text("We use cookies to improve your experience. Accept all\nEnvoys met.") == "Envoys met.")
    }

    @Test func advertisementAndRelatedLinesAreDropped() {
        #expect(text("Envoys met.\nADVERTISEMENT\nRelated: Another story\nRead more: Yet another\nThey left.")
                == "Envoys met.\n\nThey left.")
    }

    @Test func markupOnlyLinesAreDropped() {
        #expect(text("Envoys met.\n---\n* * *\n|---|---|\n“”\nThey left.") == "Envoys met.\n\nThey left.")
    }

    @Test func asidesAreKept() {
        #expect(text("Pro Tip: Read treaties closely.\nDid You Know?") == "Pro Tip: Read treaties closely.\n\nDid You Know?")
    }

    @Test func flattenedTableRowsStayOneLineEach() {
        let raw = "Options include:\n\nOption Strengths Risks\nTreaty Binding Slow to ratify\nAccord Quick Weak"
        #expect(text(raw) == "Options include:\n\nOption Strengths Risks\n\nTreaty Binding Slow to ratify\n\nAccord Quick Weak")
    }

    // MARK: Repeats

    @Test func repeatedParagraphsKeepTheFirst() {
        let raw = "Envoys met in Bern.\nThey agreed.\n**Envoys met in  Bern.**\nThey  agreed.\nThey left."
        #expect(text(raw) == "Envoys met in Bern.\n\nThey agreed.\n\nThey left.")
    }

    // MARK: Markdown

    @Test func emphasisIsStripped() {
        #expect(text("Envoys met on **Monday** and __Tuesday__ in *Bern* and _Basel_.")
                == "Envoys met on Monday and Tuesday in Bern and Basel.")
    }

    @Test func literalAsterisksAndUnderscoresSurvive() {
        #expect(text("It is what they *don’t* – say.") == "It is what they don’t – say.")
        #expect(text("Turnout was 5 * 3 percent of the snake_case total*.") == "Turnout was 5 * 3 percent of the snake_case total*.")
        #expect(text("A *lone star and a_b.") == "A *lone star and a_b.")
    }

    @Test func headingAndQuoteMarksAreStripped() {
        #expect(text("Envoys met.\n## Background\n> A quoted line.\n#hashtag stays") == "Envoys met.\n\nBackground\n\nA quoted line.\n\n#hashtag stays")
    }

    @Test func listBulletsAreStripped() {
        #expect(text("Points:\n- First point.\n* Second point.\n  • Third point.") == "Points:\n\nFirst point.\n\nSecond point.\n\nThird point.")
    }

    // MARK: Title, byline, dateline

    @Test func headingIsTheTitle() {
        let article = normalizer.normalize("# Envoys Meet in Bern\n\nEnvoys met in Bern on Monday.\n# Envoys Meet in Bern")
        #expect(article.metadata.title == "Envoys Meet in Bern")
        #expect(article.text == "Envoys met in Bern on Monday.")
    }

    @Test func boldLineIsTheTitleAndItsRepeatsGo() {
        let raw = "Envoys met in Bern on Monday to talk.\n**Envoys Meet in Bern**\n\n**Envoys Meet in Bern**\nThey agreed."
        let article = normalizer.normalize(raw)
        #expect(article.metadata.title == "Envoys Meet in Bern")
        #expect(article.text == "Envoys met in Bern on Monday to talk.\n\nThey agreed.")
    }

    @Test func echoedBreadcrumbGivesTheTitle() {
        let article = normalizer.normalize("Home » News » Envoys Meet in Bern\nEnvoys Meet in Bern\nEnvoys met on Monday.")
        #expect(article.metadata.title == "Envoys Meet in Bern")
        #expect(article.text == "Envoys met on Monday.")
    }

    @Test func noExplicitSignalMeansNoTitle() {
        let article = normalizer.normalize("Envoys Meet in Bern\nEnvoys met in Bern on Monday.")
        #expect(article.metadata.title == nil)
        #expect(article.text == "Envoys Meet in Bern\n\nEnvoys met in Bern on Monday.")
    }

    @Test func bylineGivesTheAuthorAndTheLineBeforeIsTheTitle() {
        let article = normalizer.normalize("Envoys Meet in Bern\nby Ann Bell – Staff Writer\nEnvoys met on Monday.")
        #expect(article.metadata.title == "Envoys Meet in Bern")
        #expect(article.metadata.author == "Ann Bell")
        #expect(article.text == "Envoys met on Monday.")
    }

    @Test func bylineForms() {
        func author(_ line: String) -> String? { normalizer.normalize("\(line)\nEnvoys met on Monday.").metadata.author }
        #expect(author("By Ann Bell and Carl Dorn") == "Ann Bell and Carl Dorn")
        #expect(author("By ANN BELL, Example Wire") == "Ann Bell")
        #expect(author("Written by Ann M. Bell | 3 March 2024") == "Ann M. Bell")
        #expect(normalizer.normalize("By Ann Bell | 3 March 2024\nEnvoys met.").metadata.published == "2024-03-03")
    }

    @Test func bylineWithARoleAfterTheComma() {
        let article = normalizer.normalize("Envoys Meet in Bern\nBy Ann Bell, Europe correspondent\nEnvoys met on Monday.")
        #expect(article.metadata.author == "Ann Bell")
        #expect(article.metadata.title == "Envoys Meet in Bern")
        #expect(normalizer.normalize("By Ann Bell, who chairs. The talks\nEnvoys met.").metadata.author == nil)
    }

    @Test(arguments: [
        ("Published 14 March 2025", "2025-03-14"),
        ("Published: 27 June 2024 | Updated: 28 June 2024", "2024-06-27"),
        ("Updated: 28 June 2024 | First published on 27 June 2024", "2024-06-27"),
        ("Last updated 28 June 2024", "2024-06-28"),
        ("November 8, 2025", "2025-11-08"),
        ("Mon 3 Mar 2025 14.02 GMT", "2025-03-03"),
        ("Saturday, 8 November 2025, 10:42 am", "2025-11-08"),
        ("2025-03-14T09:30:00Z | 4 min read", "2025-03-14"),
        ("New Delhi, 21 August 2025 (Staff Reporter)", "2025-08-21"),
        ("Posted: 23/10/2025", "2025-10-23"),
        ("Posted: 10/23/2025 09:30", "2025-10-23"),
    ])
    func dateLineDatesTheArticleAndMarksTheTitle(_ line: String, _ iso: String) {
        let article = normalizer.normalize("Envoys Meet in Bern\n\n\(line)\n\nEnvoys met in Bern on Monday.")
        #expect(article.metadata.published == iso)
        #expect(article.metadata.title == "Envoys Meet in Bern")
        #expect(article.text == "Envoys met in Bern on Monday.")
    }

    @Test func aLabelledDateThatIsNotOneDayStillMarksTheTitle() {
        let article = normalizer.normalize("Envoys Meet in Bern\nPosted: 03/10/2025\nEnvoys met in Bern on Monday.")
        #expect(article.metadata.published == nil)
        #expect(article.metadata.title == "Envoys Meet in Bern")
        #expect(article.text == "Envoys met in Bern on Monday.")
    }

    @Test func dateLinePlaceIsTheDatelineWhenTheBodyHasNone() {
        let article = normalizer.normalize("Envoys Meet\nNew Delhi, 21 August 2025 (Staff Reporter)\nEnvoys met on Monday.")
        #expect(article.dateline == "New Delhi")
    }

    @Test func labelledDateAfterTheBylinesDotDatesTheArticle() {
        let article = normalizer.normalize("*By Omar Haddad* · Posted on January 9, 2025\nEnvoys met on Monday.")
        #expect(article.metadata.author == "Omar Haddad")
        #expect(article.metadata.published == "2025-01-09")
    }

    @Test func unfencedFieldsAtTheTopAreFrontMatter() {
        let article = normalizer.normalize("Title: Envoys Meet in Bern\nDate: 2025-05-13\nSource: Example Wire\n\nEnvoys met on Monday.")
        #expect(article.metadata == ArticleMetadata(title: "Envoys Meet in Bern", publisher: "Example Wire", published: "2025-05-13"))
        #expect(article.text == "Envoys met on Monday.")
        #expect(normalizer.normalize("Update: envoys met on Monday.").text == "Update: envoys met on Monday.")
    }

    @Test func aDatelineWithADateDatesTheArticleAndTheHeadlineBeforeItIsTheTitle() {
        let article = normalizer.normalize("""
            Envoys Head for Bern: A Week of Talks

            BERN, 12 June 2024 — Envoys from four states will meet on Monday to discuss a truce.
            """)
        #expect(article.metadata.published == "2024-06-12")
        #expect(article.metadata.title == "Envoys Head for Bern: A Week of Talks")
        #expect(article.dateline == "Bern")
        let sentence = normalizer.normalize("Envoys met in Bern.\nBERN – Envoys from four states met on Monday to discuss a truce.")
        #expect(sentence.metadata.title == nil)
    }

    @Test(arguments: [
        "14 March 2025 was the day the envoys met.",
        "March 3, 2025: envoys meet in Bern",
        "Published in Bern on 3 March",
        "Envoys, 3 March 2025, met in Bern",
    ])
    func proseWithADateIsNoDateLine(_ line: String) {
        let article = normalizer.normalize("\(line)\nEnvoys met in Bern on Monday.")
        #expect(article.metadata.published == nil)
        #expect(article.text.hasPrefix(line))
    }

    @Test func publishedDateFromMetadataIsKept() {
        let article = normalizer.normalize("---\ndate: 2024-01-02\n---\nPublished 14 March 2025\nEnvoys met.")
        #expect(article.metadata.published == "2024-01-02")
        #expect(article.text == "Envoys met.")
    }

    @Test func proseStartingWithByIsNoByline() {
        let raw = "By Monday, envoys will have met twice.\nBy contrast, the ministers stayed home."
        let article = normalizer.normalize(raw)
        #expect(article.metadata.author == nil)
        #expect(article.text == "By Monday, envoys will have met twice.\n\nBy contrast, the ministers stayed home.")
    }

    @Test func datelineIsRecordedAndTheParagraphKept() {
        func dateline(_ raw: String) -> String? { normalizer.normalize(raw).dateline }
        let paragraph = "Bern – Envoys from four states met on Monday to discuss a truce."
        #expect(dateline(paragraph) == "Bern")
        #expect(normalizer.normalize(paragraph).text == paragraph)
        #expect(dateline("BERN (Example Wire) — Envoys from four states met on Monday to discuss a truce.") == "Bern")
        #expect(dateline("OSLO, March 3 (EW) - Envoys from four states met on Monday to discuss a truce.") == "Oslo")
        #expect(dateline("RIYADH: Senior envoys from four states will meet on Tuesday to discuss a truce.") == "Riyadh")
        #expect(dateline("Update: Senior envoys from four states will meet on Tuesday to discuss a truce.") == nil)
        #expect(dateline("Envoys from four states met in Bern on Monday to discuss a truce.") == nil)
        #expect(dateline("The envoy’s deputy – Ann Bell – met four states on Monday to talk.") == nil)
    }

    @Test func datelineSkipsAStandfirst() {
        let raw = "Envoys Hope for a Deal\nBern – Envoys from four states met on Monday to discuss a truce."
        #expect(normalizer.normalize(raw).dateline == "Bern")
    }

    // MARK: Idempotence

    @Test func normalizingTwiceChangesNothing() {
        let raw = """
            Home » News » Envoys Meet in Bern
            Envoys Meet in Bern
            By Ann Bell – Staff Writer
            ```html
            Bern – Envoys from **four** states met on *Monday* to discuss a truce.
            Option Strengths Risks
            Treaty Binding Slow
            Bern – Envoys from four states met on Monday to discuss a truce.
            Share this:
            You may also like
            """
        let once = normalizer.normalize(raw)
        let twice = normalizer.normalize(once.text)
        #expect(twice.text == once.text)
        #expect(twice.dateline == once.dateline)
        #expect(twice.metadata.title == nil)
    }
}

/// Normalizing normalized text changes nothing, whatever the input looked like.
@Suite struct NormalizeIdempotenceTests {
    @Test(arguments: [
        "\u{FEFF}---\ntitle: T\n---\n# T\r\nBy Ann Bell\r\nBern – Envoys met on Monday to talk about a truce.\r\n",
        "<html><body><h1>Envoys Meet</h1><p>Envoys&nbsp;met.</p><p>Envoys&nbsp;met.</p></body></html>",
        "**Envoys Meet in Bern**\n> Quoted *em* and __strong__ text.\n- a bullet\n5 * 3 = 15\nHome » News » x",
        "  Odd\u{2003}spaces\u{200B} and\ttabs  \n\n\nthe end.\">\n```\nShare this:\nLeave a Reply\nTail",
        "Cafe\u{301} E\u{301}lyse\u{301}e\nCafé Élysée",
    ])
    func secondPassIsANoOp(_ raw: String) throws {
        let normalizer = Normalizer(rules: try .builtIn())
        let once = normalizer.normalize(raw)
        let twice = normalizer.normalize(once.text)
        #expect(twice.text == once.text)
    }
}
