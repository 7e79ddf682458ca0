import Foundation

/// Writes realistic synthetic news articles about diplomatic and security meetings,
/// deterministically by seed: test data for benchmarks, crash tests and fuzzing.
///
/// ```swift
/// let generator = CorpusGenerator(seed: 42)
/// let article = generator.article(7)              // the same text for seed 42, on any machine
/// let manifest = try generator.write(count: 1_000, to: URL(fileURLWithPath: "/tmp/corpus"))
/// print(manifest.bytes, manifest.words)
/// ```
///
/// Every article is a pure function of `(seed, index)`, so a corpus can be written one file
/// at a time (nothing held in memory) or generated in parallel. Consecutive articles, in
/// groups of up to ``articlesPerStory``, report the same meeting in different words, so merge
/// across sources is exercised; the rest report one-off meetings.
///
/// Articles mix known leaders with invented officials ("Estonian Defence Minister Kaia
/// Rebane") whom no lexicon lists, relative and explicit dates, proposals with proposers,
/// supporters and opponents, and scraped-page dirt: breadcrumbs, share lines, comment boxes,
/// repeated paragraphs and headlines, Markdown bold, stray code fences and flattened tables.
/// The word lists and templates below are test data, not a lexicon.
public struct CorpusGenerator: Sendable {
    /// Where an article's metadata (title, publisher, URL, published date) is written.
    public enum MetadataStyle: String, Sendable, CaseIterable, Codable {
        /// No metadata: only the scraped body.
        case none
        /// YAML-style front matter between `---` lines at the top of the article file.
        case frontMatter = "front-matter"
        /// `key: value` lines in a sidecar file named by ``CorpusGenerator/sidecarName(for:)``.
        case sidecar
    }

    /// The seed every article derives from.
    public let seed: UInt64

    /// The most consecutive articles that report one meeting.
    public static let articlesPerStory = 4

    /// The pace of the stream: articles per day of meeting dates. Meetings are dated in the
    /// order of their articles, as in a news feed, so a corpus of any size has about ten
    /// meetings a day: 100,000 articles span eleven years, a million 110.
    public static let articlesPerDay = 25

    /// How many days a meeting's date may fall after the stream's day at its first article.
    static let dateSpread = 30

    public init(seed: UInt64) {
        self.seed = seed
    }

    /// The file name of article `index`: `article-000042.txt`.
    public static func fileName(for index: Int) -> String {
        let digits = String(index)
        return "article-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".txt"
    }

    /// The sidecar file name for an article file: `article-000042.txt.meta`.
    public static func sidecarName(for articleFileName: String) -> String {
        articleFileName + ".meta"
    }

    /// Article number `index` (0-based).
    public func article(_ index: Int) -> GeneratedArticle {
        var rng = SplitMix64(seed: seed, stream: Stream.article, index: UInt64(index))
        let story = index / Self.articlesPerStory
        let sharesStory = rng.chance(0.8)
        let meeting = sharesStory
            ? Self.meeting(seed: seed, stream: Stream.story, id: story, position: story * Self.articlesPerStory)
            : Self.meeting(seed: seed, stream: Stream.oneOff, id: index, position: index)
        var writer = ArticleWriter(meeting: meeting, rng: rng, index: index)
        return writer.write()
    }

    /// Writes articles `0..<count` into `folder` (created if needed), one file at a time.
    ///
    /// - Returns: the size of what was written (article files and sidecars).
    /// - Throws: file-system errors, naming the path.
    @discardableResult
    public func write(count: Int, to folder: URL, metadata: MetadataStyle = .frontMatter) throws -> CorpusManifest {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var manifest = CorpusManifest(seed: seed, count: count, bytes: 0, words: 0, metadata: metadata)
        for index in 0..<count {
            let article = article(index)
            let text = article.fileContents(metadata: metadata)
            try Self.writeFile(folder.appendingPathComponent(article.fileName), text)
            manifest.bytes += text.utf8.count
            manifest.words += article.wordCount
            if metadata == .sidecar {
                let sidecar = article.sidecarContents()
                try Self.writeFile(folder.appendingPathComponent(Self.sidecarName(for: article.fileName)), sidecar)
                manifest.bytes += sidecar.utf8.count
            }
        }
        return manifest
    }

    /// Writes a small file with plain buffered I/O: `Data.write(to:)` costs several
    /// milliseconds a file here (it syncs), which dominates a 100,000-file corpus.
    private static func writeFile(_ url: URL, _ text: String) throws {
        guard let file = fopen(url.path, "wb") else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let bytes = Array(text.utf8)
        let written = fwrite(bytes, 1, bytes.count, file)
        guard fclose(file) == 0, written == bytes.count else {
            throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    /// Seed domains, so that stories, one-off meetings and articles never share random streams.
    private enum Stream {
        static let story: UInt64 = 1
        static let oneOff: UInt64 = 2
        static let article: UInt64 = 3
    }

    /// The facts of one meeting, drawn from its own random stream so every article of a story
    /// agrees; `position` is the index of its first article, which dates it in the stream.
    private static func meeting(seed: UInt64, stream: UInt64, id: Int, position: Int) -> GeneratedMeeting {
        var rng = SplitMix64(seed: seed, stream: stream, index: UInt64(id))
        let kind = rng.pick(GeneratedMeeting.Kind.allCases)
        let host = rng.pick(WordLists.hostCountries)
        let place = kind.isRemote ? nil : rng.pick(host.places)
        let date = CivilDate(dayNumber: WordLists.firstMeetingDay + position / articlesPerDay + rng.int(below: dateSpread))
        let convener = host.leader
        var guests = rng.sample(WordLists.countries.filter { $0.name != host.name }, count: 2 + rng.int(below: 5))
        if kind == .call || kind == .visit { guests = Array(guests.prefix(1)) }
        let organizations = kind == .call ? [] : rng.sample(WordLists.organizations, count: rng.int(below: 3))
        var officials: [GeneratedPerson] = []
        for _ in 0..<(1 + rng.int(below: 3)) {
            let official = WordLists.inventedOfficial(from: rng.pick(guests), rng: &rng)
            if !officials.contains(where: { $0.name == official.name }) { officials.append(official) }
        }
        let topic = rng.pick(WordLists.topics)
        let proposal = GeneratedProposal.draw(among: guests.map(\.leader) + officials, convener: convener, rng: &rng)
        return GeneratedMeeting(
            id: "\(stream)-\(id)", kind: kind, city: place?.city, venue: place.flatMap { rng.chance(0.6) ? $0.venue : nil },
            date: date, convener: convener, hostCountry: host.name, guestCountries: guests.map(\.name),
            guestLeaders: guests.map(\.leader), organizations: organizations, officials: officials, topic: topic,
            nationCount: kind == .military ? 12 + rng.int(below: 25) : nil, proposal: proposal)
    }
}

/// How much a generator wrote.
public struct CorpusManifest: Codable, Sendable, Hashable {
    public var seed: UInt64
    public var count: Int
    /// Bytes of every file written, sidecars included.
    public var bytes: Int
    /// Whitespace-separated words in the article files.
    public var words: Int
    public var metadata: CorpusGenerator.MetadataStyle
}

/// One generated article: the scraped text, its metadata and the meeting it reports.
public struct GeneratedArticle: Sendable, Hashable {
    public let index: Int
    public let fileName: String
    /// The article as a scraper would save it, dirt included, without metadata.
    public let body: String
    public let metadata: ArticleMetadata
    /// The meeting the article reports (the truth the text was written from).
    public let meeting: GeneratedMeeting
    /// Whitespace-separated words in ``body``.
    public var wordCount: Int { body.split(whereSeparator: { $0 == " " || $0 == "\n" }).count }

    /// The text of the article file: the body, preceded by front matter when asked.
    public func fileContents(metadata style: CorpusGenerator.MetadataStyle) -> String {
        style == .frontMatter ? "---\n" + metadataLines() + "---\n" + body : body
    }

    /// The text of the `.meta` sidecar file: `key: value` lines.
    public func sidecarContents() -> String { metadataLines() }

    private func metadataLines() -> String {
        [("title", metadata.title), ("author", metadata.author), ("publisher", metadata.publisher),
         ("url", metadata.url), ("published", metadata.published)]
            .compactMap { key, value in value.map { "\(key): \($0)\n" } }
            .joined()
    }
}

/// The facts of a generated meeting.
public struct GeneratedMeeting: Sendable, Hashable {
    /// The kinds of meeting, named as in the `meetings.kind` column.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case summit, ministerial, military, talks, conference, virtual, call, visit

        /// Held by video or telephone: no city.
        var isRemote: Bool { self == .virtual || self == .call }
    }

    /// Stable within a corpus: articles with the same id report the same meeting.
    public let id: String
    public let kind: Kind
    public let city: String?
    public let venue: String?
    public let date: CivilDate
    public let convener: GeneratedPerson
    public let hostCountry: String
    public let guestCountries: [String]
    public let guestLeaders: [GeneratedPerson]
    public let organizations: [String]
    /// Officials no lexicon knows.
    public let officials: [GeneratedPerson]
    public let topic: String
    /// "military chiefs from 30 nations", for military meetings.
    public let nationCount: Int?
    public let proposal: GeneratedProposal
}

/// A person with a title: a well-known leader or an invented official.
public struct GeneratedPerson: Sendable, Hashable {
    public let name: String
    /// "Defence Minister", "President".
    public let title: String
    public let country: String
    /// The country's adjective: "Estonian".
    public let adjective: String
    /// Invented for the corpus: no lexicon lists this person.
    public let isInvented: Bool

    /// The family name, as later mentions use it: "Rebane", "von der Leyen", "De Wever".
    public var surname: String {
        let words = name.split(separator: " ")
        let particles: Set<Substring> = ["von", "van", "de", "De", "bin"]
        let start = words.dropFirst().firstIndex { particles.contains($0) } ?? words.count - 1
        return words[start...].joined(separator: " ")
    }
}

/// A proposal made around a meeting, with who made, backed and opposed it.
public struct GeneratedProposal: Sendable, Hashable {
    /// The sort of proposal: troops, ceasefire, sanctions, aid, guarantees, air defence, assets.
    public let kind: String
    /// The verb phrase after the proposer's name: "offered to deploy peacekeeping troops to Ukraine".
    public let phrase: String
    /// A short noun phrase for later mentions: "the troop offer".
    public let shortName: String
    public let proposer: GeneratedPerson
    public let supporters: [GeneratedPerson]
    public let opposers: [GeneratedPerson]

    static func draw(among people: [GeneratedPerson], convener: GeneratedPerson, rng: inout SplitMix64) -> GeneratedProposal {
        let template = rng.pick(WordLists.proposals)
        let cast = rng.sample(people + [convener], count: min(people.count + 1, 2 + rng.int(below: 4)))
        return GeneratedProposal(kind: template.kind, phrase: template.phrase(&rng), shortName: template.shortName,
                                 proposer: cast[0], supporters: Array(cast.dropFirst().prefix(2)),
                                 opposers: Array(cast.dropFirst(3)))
    }
}

extension CivilDate {
    /// "Monday" ... "Sunday".
    var weekdayName: String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekdayIndex]
    }

    /// "6 March".
    var dayAndMonth: String { "\(day) \(WordLists.monthNames[month - 1])" }
}

/// SplitMix64: a small, fast generator whose output is fixed by its seed on every platform.
///
/// Only its own bounded-integer arithmetic is used on top, never the standard library's
/// `random(in:using:)`, whose algorithm is not promised to stay the same.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one item of one stream, well separated from its neighbours.
    init(seed: UInt64, stream: UInt64, index: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next() ^ (index &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (`bound` > 0).
    mutating func int(below bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1.0p-53 < p
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(below: items.count)] }

    /// `count` distinct items in random order (all of them if there are fewer).
    mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        var pool = items
        let n = min(count, pool.count)
        for i in 0..<n { pool.swapAt(i, i + int(below: pool.count - i)) }
        return Array(pool.prefix(n))
    }
}

// MARK: - Writing one article

/// Turns a meeting into one article's text, with this article's own phrasing and dirt.
private struct ArticleWriter {
    let meeting: GeneratedMeeting
    var rng: SplitMix64
    let index: Int
    /// People already introduced with their title; later mentions use the surname.
    private var introduced: Set<String> = []

    init(meeting: GeneratedMeeting, rng: SplitMix64, index: Int) {
        self.meeting = meeting
        self.rng = rng
        self.index = index
    }

    /// When the article appears relative to the meeting.
    private enum Timing { case planned, today, recent, lastWeek }

    mutating func write() -> GeneratedArticle {
        let (timing, published) = drawTiming()
        let headline = drawHeadline()
        let wordTarget = 150 + Int(250 * pow(Double(rng.next() >> 11) * 0x1.0p-53, 2.6))
        var body = [lede(timing), attendance(timing), proposal(timing)]
        // Quotes name people by surname, so they go after the paragraphs that introduced them.
        var fillers: [(text: String, mentionsPeople: Bool)] = [
            (quote(), true), (reaction(), false), (background(), false), (background(), false),
            (context(), false), (quote(), true), (background(), false),
        ]
        while words(body) < wordTarget, !fillers.isEmpty {
            let filler = fillers.removeFirst()
            body.insert(filler.text, at: filler.mentionsPeople ? body.count : 1 + rng.int(below: body.count))
        }
        if rng.chance(0.2), body.count > 2 {
            body.insert(body[rng.int(below: 2)], at: body.count - rng.int(below: 2))   // a repeated paragraph
        }
        if rng.chance(0.12) { body.insert(flattenedTable(), at: min(3, body.count)) }
        let author = rng.pick(WordLists.journalists)
        let publisher = rng.pick(WordLists.publishers)
        let page = dress(body: body, headline: headline, author: author)
        let metadata = ArticleMetadata(
            title: headline, author: author, publisher: publisher.name,
            url: "https://www.\(publisher.domain)/\(published.year)/\(slug(headline))-\(index)",
            published: published.description)
        return GeneratedArticle(index: index, fileName: CorpusGenerator.fileName(for: index), body: page,
                                metadata: metadata, meeting: meeting)
    }

    // MARK: Dates and tense

    private mutating func drawTiming() -> (Timing, CivilDate) {
        let delta = rng.pick([-3, -2, -1, 0, 1, 2, 6, 8])
        let timing: Timing = delta < 0 ? .planned : delta == 0 ? .today : delta < 5 ? .recent : .lastWeek
        return (timing, meeting.date.adding(days: delta))
    }

    /// "on Tuesday", "today", "last week", "on 6 March", "on Tuesday, 6 March".
    private mutating func datePhrase(_ timing: Timing) -> String {
        let date = meeting.date
        switch timing {
        case .today: return rng.chance(0.7) ? "today" : "on \(date.weekdayName)"
        case .lastWeek: return rng.chance(0.6) ? "last week" : "on \(date.dayAndMonth)"
        case .planned, .recent:
            return rng.pick(["on \(date.weekdayName)", "on \(date.dayAndMonth)", "on \(date.weekdayName), \(date.dayAndMonth)"])
        }
    }

    private func tense(_ timing: Timing, planned: String, today: String, past: String) -> String {
        switch timing {
        case .planned: return planned
        case .today: return today
        case .recent, .lastWeek: return past
        }
    }

    // MARK: People and places

    /// The first mention of a person carries a title in one of several styles; later ones the surname.
    private mutating func mention(_ person: GeneratedPerson) -> String {
        if introduced.contains(person.name) { return person.surname }
        introduced.insert(person.name)
        switch rng.int(below: 5) {
        case 0: return "\(person.name), \(WordLists.possessive(person.country)) \(person.title.lowercased()),"
        case 1: return "the \(person.title) of \(WordLists.countryPhrase(person.country)), \(person.name),"
        case 2: return "\(person.title) \(person.name) of \(WordLists.countryPhrase(person.country))"
        default: return "\(person.adjective) \(person.title) \(person.name)"
        }
    }

    private mutating func placePhrase() -> String {
        guard let city = meeting.city else { return "by video link" }
        if let venue = meeting.venue, rng.chance(0.7) { return "at the \(venue) in \(city)" }
        return "in \(city)"
    }

    private mutating func meetingNoun() -> String {
        switch meeting.kind {
        case .summit: return rng.pick(["summit", "emergency summit", "leaders' summit", "summit of European leaders"])
        case .ministerial: return rng.pick(["meeting of defence ministers", "foreign ministers' meeting", "ministerial meeting"])
        case .military: return rng.pick(["meeting of military chiefs", "conference of defence chiefs"])
        case .talks: return rng.pick(["talks", "peace talks", "round of negotiations"])
        case .conference: return rng.pick(["security conference", "defence conference"])
        case .virtual: return rng.pick(["video conference", "virtual meeting", "videoconference"])
        case .call: return rng.pick(["phone call", "telephone call", "call"])
        case .visit: return rng.pick(["visit", "official visit", "state visit"])
        }
    }

    // MARK: Paragraphs

    private mutating func lede(_ timing: Timing) -> String {
        let convener = mention(meeting.convener)
        let when = datePhrase(timing)
        let place = placePhrase()
        let noun = meetingNoun()
        let topic = meeting.topic
        var text: String
        switch meeting.kind {
        case .summit, .conference, .virtual:
            let verb = tense(timing, planned: "will host", today: "is hosting", past: "hosted")
            text = "\(convener) \(verb) a \(noun) \(place) \(when) to discuss \(topic)."
        case .ministerial:
            let verb = tense(timing, planned: "will meet", today: "are meeting", past: "met")
            text = "Ministers from \(list((meeting.guestCountries + [meeting.hostCountry]).map(WordLists.countryPhrase))) \(verb) \(place) \(when) for a \(noun) convened by \(convener) on \(topic)."
        case .military:
            let verb = tense(timing, planned: "are set to meet", today: "are meeting", past: "met")
            text = "Military chiefs from \(meeting.nationCount ?? 20) nations \(verb) \(place) \(when) to discuss \(topic), at the invitation of \(convener)."
        case .talks:
            let verb = tense(timing, planned: "will hold", today: "are holding", past: "held")
            text = "Delegations from \(list((meeting.guestCountries + [meeting.hostCountry]).map(WordLists.countryPhrase))) \(verb) \(noun) \(place) \(when) on \(topic), hosted by \(convener)."
        case .call:
            let verb = tense(timing, planned: "is due to speak", today: "is speaking", past: "spoke")
            let guest = mention(meeting.guestLeaders[0])
            text = "\(convener) \(verb) by telephone with \(guest) \(when) about \(topic)."
        case .visit:
            let verb = tense(timing, planned: "will travel", today: "is travelling", past: "travelled")
            let guest = mention(meeting.guestLeaders[0])
            text = "\(guest) \(verb) to \(meeting.city ?? meeting.hostCountry) \(when) for talks with \(convener) on \(topic)."
        }
        text = capitalizedFirst(text)
        if let city = meeting.city, rng.chance(0.3) { text = "\(rng.chance(0.5) ? city.uppercased() : city) – " + text }
        return text
    }

    private mutating func attendance(_ timing: Timing) -> String {
        var sentences: [String] = []
        let expected = tense(timing, planned: "are expected to attend", today: "are attending", past: "attended")
        if meeting.kind != .call {
            let leaders = meeting.guestLeaders.prefix(3).map { mention($0) }
            if !leaders.isEmpty { sentences.append("\(list(leaders)) \(expected).") }
            let heads = meeting.organizations.compactMap { WordLists.organizationHeads[$0] }.map { mention($0) }
            if !heads.isEmpty { sentences.append("Also present \(timing == .planned ? "will be" : "were") \(list(heads)).") }
        }
        for official in meeting.officials {
            let who = mention(official)
            sentences.append(rng.pick([
                "\(who) said the talks would test Europe's resolve.",
                "\(who) told reporters that \(meeting.topic) could not wait.",
                "\(who) is leading \(WordLists.possessive(official.country)) delegation.",
                "Speaking before the meeting, \(who) called for concrete decisions.",
            ]))
        }
        return sentences.map(capitalizedFirst).joined(separator: " ")
    }

    private mutating func proposal(_ timing: Timing) -> String {
        let proposal = meeting.proposal
        let proposer = mention(proposal.proposer)
        let context = rng.pick(["ahead of the meeting", "during the \(meetingNoun())", "on the eve of the talks", "at the meeting"])
        var sentences = ["\(proposer) \(proposal.phrase) \(context)."]
        if !proposal.supporters.isEmpty {
            let names = list(proposal.supporters.map { mention($0) })
            sentences.append(rng.pick([
                "\(names) backed \(proposal.shortName).",
                "\(names) said they would support \(proposal.shortName).",
                "\(names) welcomed \(proposal.shortName) as a first step.",
            ]))
        }
        for opposer in proposal.opposers {
            let name = mention(opposer)
            sentences.append(rng.pick([
                "\(name) opposed \(proposal.shortName), warning that it could drag Europe into the war.",
                "\(name) rejected \(proposal.shortName) outright.",
                "\(name) voiced doubts about \(proposal.shortName) and asked for more time.",
            ]))
        }
        return sentences.map(capitalizedFirst).joined(separator: " ")
    }

    private mutating func quote() -> String {
        let speaker = rng.pick([meeting.convener, meeting.proposal.proposer] + meeting.officials)
        return capitalizedFirst("“\(rng.pick(WordLists.quotes)),” \(mention(speaker)) \(rng.pick(["said", "told reporters", "wrote on social media", "said in a statement"])).")
    }

    private mutating func reaction() -> String {
        let country = WordLists.countryPhrase(rng.pick(meeting.guestCountries))
        return rng.pick([
            "Officials in \(country) said they were studying the proposals and would decide within weeks. A government spokesperson declined to give details of any commitments.",
            "Diplomats described the mood as sombre but determined. Several delegations asked for a written summary before agreeing to anything.",
            "The reaction in \(country) was cautious. Opposition politicians questioned the cost and asked for a parliamentary debate before any pledge is made.",
            "Markets barely moved on the news, although defence stocks rose in early trading as investors bet on higher military spending across the continent.",
        ])
    }

    private mutating func background() -> String {
        let country = WordLists.countryPhrase(rng.pick(meeting.guestCountries))
        return rng.pick([
            "The meeting comes as European governments try to show that they can take on more of the burden of their own security, after months of uncertainty over the commitments of their allies.",
            "More than three years after the full-scale invasion, the front line has barely moved, and both sides are running short of ammunition and trained soldiers.",
            "\(capitalizedFirst(country)) has increased its defence budget sharply over the past two years and now spends well above the target agreed within NATO.",
            "Analysts say any agreement will depend on whether the United States is willing to provide intelligence, logistics and air cover for a European force.",
            "Previous gatherings produced statements of support but few concrete pledges, and officials privately admit that this one may end the same way.",
            "The question of \(meeting.topic) has divided capitals for months, with some governments pushing for quick decisions and others urging caution.",
            "Critics argue that the plans remain vague and that no government has yet said how many soldiers it could send, or for how long.",
            "Energy prices, migration and the cost of rearmament are also weighing on voters, leaving several governments with little room for manoeuvre at home.",
        ])
    }

    private mutating func context() -> String {
        let date = meeting.date
        return rng.pick([
            "A follow-up meeting is planned for \(date.adding(days: 14).dayAndMonth), officials said, when ministers hope to agree a timetable.",
            "The last comparable gathering took place on \(date.adding(days: -30).dayAndMonth) and ended without a joint statement.",
            "Organisers said a final communiqué would be published at the end of the week.",
        ])
    }

    /// A table flattened by the scraper into lines of cells separated by spaces.
    private mutating func flattenedTable() -> String {
        let rows = meeting.guestCountries.prefix(3).map { country in
            "\(country) \(rng.pick(["Troops", "Air defence", "Funding", "Training", "Logistics"])) \(rng.pick(["After a ceasefire", "Immediately", "Under review", "Subject to parliament"]))"
        }
        return (["Country Contribution Timing"] + rows).joined(separator: "\n")
    }

    // MARK: Page dirt

    /// Wraps body paragraphs in the debris a scraper keeps from a news page.
    private mutating func dress(body: [String], headline: String, author: String) -> String {
        var page: [String] = []
        if rng.chance(0.3) { page.append("Home » \(rng.pick(["News", "World", "Politics"])) » \(rng.pick(["Europe", "Defence", "Diplomacy"]))") }
        if rng.chance(0.08) { page.append("```html") }
        let headlineLine = rng.chance(0.4) ? "**\(headline)**" : headline
        if rng.chance(0.85) { page.append(headlineLine) }
        if rng.chance(0.2) { page.append(headlineLine) }
        if rng.chance(0.35) { page.append(rng.chance(0.5) ? "by \(author) – \(rng.pick(["News Editor", "Staff Writer", "Europe Correspondent"]))" : "By \(author)") }
        page += body.map { $0.replacingOccurrences(of: ",.", with: ".") }
        if rng.chance(0.12) { page.insert("Advertisement", at: page.count - rng.int(below: min(3, body.count))) }
        if rng.chance(0.35) { page.append(rng.pick(["Share this article: Facebook Twitter LinkedIn Email", "Share on X | Share on Facebook | Copy link", "Share this:"])) }
        if rng.chance(0.15) { page.append("Subscribe to our newsletter for a daily briefing on European security.") }
        if rng.chance(0.15) { page += ["You may also like"] + rng.sample(WordLists.unrelatedHeadlines, count: 3) }
        if rng.chance(0.2) {
            page += ["Leave a Comment", "Your email address will not be published. Required fields are marked *",
                     "This site uses Akismet to reduce spam. Learn how your comment data is processed."]
        }
        return page.joined(separator: rng.chance(0.65) ? "\n\n" : "\n") + "\n"
    }

    private mutating func drawHeadline() -> String {
        let convener = meeting.convener.surname
        let proposal = meeting.proposal
        let common = [
            "\(convener) convenes \(meeting.kind.rawValue) on \(meeting.topic)",
            "\(proposal.proposer.surname) pushes \(proposal.kind) plan as leaders confer",
        ]
        guard let city = meeting.city else {
            return rng.pick(common + ["Leaders hold video talks on \(meeting.topic)"])
        }
        return rng.pick(common + [
            "Leaders gather in \(city) as Europe weighs \(meeting.topic)",
            "Europe debates \(proposal.shortName.replacingOccurrences(of: "the ", with: "")) ahead of \(city) meeting",
            "What to expect from the \(city) \(meeting.kind.rawValue)",
        ])
    }

    // MARK: Helpers

    private func words(_ paragraphs: [String]) -> Int {
        paragraphs.reduce(0) { $0 + $1.split(separator: " ").count }
    }

    /// "A, B and C"; a trailing comma from an appositive ("X, Spain's prime minister,") is
    /// kept only on the last item, where the sentence goes on after it.
    private func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        let leading = items.dropLast().map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 }
        return leading.joined(separator: ", ") + " and " + items[items.count - 1]
    }

    private func capitalizedFirst(_ text: String) -> String {
        guard let first = text.first, first.isLowercase else { return text }
        return first.uppercased() + text.dropFirst()
    }

    private func slug(_ text: String) -> String {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        return words.prefix(8).joined(separator: "-")
    }
}

// MARK: - Word lists

/// A place where meetings are held.
private struct Place: Sendable {
    let city: String
    let venue: String
}

/// A country: its names, its leader, where it hosts meetings and names for invented officials.
private struct CountryEntry: Sendable {
    let name: String
    let adjective: String
    let leader: GeneratedPerson
    let places: [Place]
    let firstNames: [String]
    let surnames: [String]

    /// - Parameters: `leader` is `(title, name)`; `places` pairs a city with a venue;
    ///   `firstNames` and `surnames` are space-separated.
    init(_ name: String, _ adjective: String, leader: (String, String), places: [(String, String)] = [],
         firstNames: String, surnames: String) {
        self.name = name
        self.adjective = adjective
        self.leader = GeneratedPerson(name: leader.1, title: leader.0, country: name, adjective: adjective, isInvented: false)
        self.places = places.map { Place(city: $0.0, venue: $0.1) }
        self.firstNames = firstNames.split(separator: " ").map(String.init)
        self.surnames = surnames.split(separator: " ").map(String.init)
    }
}

/// Test data for the generator: countries, organizations, topics, proposals, quotes, outlets.
private enum WordLists {
    /// 2016-01-01: the stream's first day.
    static let firstMeetingDay = 16_801

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    static let countries: [CountryEntry] = [
        CountryEntry("France", "French", leader: ("President", "Emmanuel Macron"),
                     places: [("Paris", "Élysée Palace"), ("Paris", "Quai d'Orsay"), ("Strasbourg", "Palais de l'Europe")],
                     firstNames: "Claire Mathieu Hélène Bastien Agathe", surnames: "Vercors Lemaître Dufresne Camboulas Roux"),
        CountryEntry("Britain", "British", leader: ("Prime Minister", "Keir Starmer"),
                     places: [("London", "Lancaster House"), ("London", "Downing Street"), ("Edinburgh", "Bute House")],
                     firstNames: "Fiona Gareth Imogen Rupert Nia", surnames: "Ashcombe Pryce Hollings Tarrant Whitlow"),
        CountryEntry("Germany", "German", leader: ("Chancellor", "Friedrich Merz"),
                     places: [("Berlin", "Chancellery"), ("Munich", "Hotel Bayerischer Hof")],
                     firstNames: "Katrin Jens Ulrike Matthias Svenja", surnames: "Brandauer Kessling Obermaier Wendt Hollstein"),
        CountryEntry("Italy", "Italian", leader: ("Prime Minister", "Giorgia Meloni"),
                     places: [("Rome", "Palazzo Chigi"), ("Rome", "Villa Madama")],
                     firstNames: "Chiara Lorenzo Ilaria Davide Marta", surnames: "Bellandi Ferrucci Santoro Galvani Orsini"),
        CountryEntry("Poland", "Polish", leader: ("Prime Minister", "Donald Tusk"),
                     places: [("Warsaw", "Presidential Palace"), ("Rzeszów", "Jasionka airport")],
                     firstNames: "Agnieszka Tomasz Marta Bartosz Zofia", surnames: "Wróblewska Kaczmarczyk Zielonka Sadowski Pawlak"),
        CountryEntry("Spain", "Spanish", leader: ("Prime Minister", "Pedro Sánchez"),
                     places: [("Madrid", "Moncloa Palace")],
                     firstNames: "Lucía Álvaro Nerea Íñigo Carmen", surnames: "Echeverría Montalbán Quiroga Lizarraga Fuentes"),
        CountryEntry("Denmark", "Danish", leader: ("Prime Minister", "Mette Frederiksen"),
                     places: [("Copenhagen", "Christiansborg Palace")],
                     firstNames: "Signe Anders Mette Rasmus Ida", surnames: "Kjærgaard Lindholm Bræstrup Fogh Østergaard"),
        CountryEntry("Ukraine", "Ukrainian", leader: ("President", "Volodymyr Zelensky"),
                     places: [("Kyiv", "Mariinskyi Palace"), ("Lviv", "Potocki Palace")],
                     firstNames: "Oksana Taras Iryna Mykola Halyna", surnames: "Hrytsenko Kovalchuk Melnychuk Savchuk Bondarenko"),
        CountryEntry("United States", "US", leader: ("President", "Donald Trump"),
                     places: [("Washington", "White House")],
                     firstNames: "Brett Kimberly Dwight Shannon Wade", surnames: "Halvorsen McCready Pritchett Sandoval Whitcombe"),
        CountryEntry("Turkey", "Turkish", leader: ("President", "Recep Tayyip Erdogan"),
                     places: [("Istanbul", "Dolmabahçe Palace"), ("Ankara", "Presidential Complex")],
                     firstNames: "Elif Murat Zeynep Kerem Selin", surnames: "Karaosmanoğlu Yıldırımer Aksoylu Demirtaşlı Uzunkaya"),
        CountryEntry("Finland", "Finnish", leader: ("President", "Alexander Stubb"),
                     places: [("Helsinki", "Finlandia Hall")],
                     firstNames: "Aino Jussi Riikka Tuomas Helmi", surnames: "Halonenko Kivistö Lahtela Peltomaa Vainikka"),
        CountryEntry("Estonia", "Estonian", leader: ("Prime Minister", "Kristen Michal"),
                     places: [("Tallinn", "Stenbock House")],
                     firstNames: "Kaia Mart Liis Tiit Kadri", surnames: "Rebane Saarsalu Tammik Kasepalu Lepik"),
        CountryEntry("Lithuania", "Lithuanian", leader: ("President", "Gitanas Nausėda"),
                     places: [("Vilnius", "Presidential Palace")],
                     firstNames: "Rūta Mindaugas Eglė Darius Aušra", surnames: "Žemaitaitė Kairiūkštis Vaitkevičius Baranauskas Jurgelis"),
        CountryEntry("Sweden", "Swedish", leader: ("Prime Minister", "Ulf Kristersson"),
                     places: [("Stockholm", "Rosenbad")],
                     firstNames: "Ebba Henrik Maja Gustav Linnea", surnames: "Lindqvist Bergander Sjöholm Wallenberger Ekdahl"),
        CountryEntry("Norway", "Norwegian", leader: ("Prime Minister", "Jonas Gahr Støre"),
                     places: [("Oslo", "Akershus Fortress")],
                     firstNames: "Ingrid Sindre Tone Eirik Solveig", surnames: "Haugland Brekkestø Myrvold Tveit Skaugen"),
        CountryEntry("Canada", "Canadian", leader: ("Prime Minister", "Mark Carney"),
                     places: [("Ottawa", "Parliament Hill")],
                     firstNames: "Marguerite Colin Priya Dylan Genevieve", surnames: "Bouchard-Lacroix Okafor Whitmore Tremblett Lindsay"),
        CountryEntry("Romania", "Romanian", leader: ("President", "Nicușor Dan"),
                     places: [("Bucharest", "Cotroceni Palace")],
                     firstNames: "Ioana Radu Simona Mihai Corina", surnames: "Vlădescu Petrișor Andronache Dobrescu Iliescu-Mara"),
        CountryEntry("Greece", "Greek", leader: ("Prime Minister", "Kyriakos Mitsotakis"),
                     places: [("Athens", "Maximos Mansion")],
                     firstNames: "Eleni Nikos Despina Stavros Katerina", surnames: "Papadakou Vlachopoulos Karamanlidis Tsolakis Anagnostou"),
        CountryEntry("Belgium", "Belgian", leader: ("Prime Minister", "Bart De Wever"),
                     places: [("Brussels", "NATO headquarters"), ("Brussels", "Europa building")],
                     firstNames: "Griet Wouter Elise Pieter Amélie", surnames: "Vanderhaegen Claessens Dujardin Verbruggen Maertens"),
        CountryEntry("Switzerland", "Swiss", leader: ("President", "Karin Keller-Sutter"),
                     places: [("Geneva", "Palais des Nations"), ("Bürgenstock", "Bürgenstock Resort")],
                     firstNames: "Regula Beat Annina Urs Seraina", surnames: "Zwyssig Hänggeli Brunnschweiler Gisler Amstutz"),
        CountryEntry("Saudi Arabia", "Saudi", leader: ("Crown Prince", "Mohammed bin Salman"),
                     places: [("Riyadh", "Diriyah Palace"), ("Jeddah", "Al-Salam Palace")],
                     firstNames: "Faisal Nouf Khalid Reem Turki", surnames: "Al-Harbi Al-Otaibi Al-Zahrani Al-Qahtani Al-Mutairi"),
    ]

    /// Countries with places to meet in.
    static let hostCountries = countries.filter { !$0.places.isEmpty }

    static let officialTitles = ["Defence Minister", "Foreign Minister", "Deputy Foreign Minister", "Chief of Defence",
                                 "National Security Adviser", "Special Envoy", "Ambassador to NATO", "State Secretary",
                                 "Economy Minister", "Deputy Prime Minister"]

    /// An official no lexicon knows: an invented name from the country's name pools, with a real title.
    static func inventedOfficial(from country: CountryEntry, rng: inout SplitMix64) -> GeneratedPerson {
        GeneratedPerson(name: rng.pick(country.firstNames) + " " + rng.pick(country.surnames),
                        title: rng.pick(officialTitles), country: country.name, adjective: country.adjective,
                        isInvented: true)
    }

    /// A country's name as it reads inside a sentence: "Estonia", "the United States".
    static func countryPhrase(_ country: String) -> String {
        country == "United States" ? "the United States" : country
    }

    /// "Estonia's", "the United States'".
    static func possessive(_ country: String) -> String {
        let name = countryPhrase(country)
        return name.hasSuffix("s") ? name + "'" : name + "'s"
    }

    static let organizations = ["NATO", "European Commission", "European Council", "United Nations", "OSCE", "EU diplomacy"]

    /// The person who speaks for each organization.
    static let organizationHeads: [String: GeneratedPerson] = [
        "NATO": GeneratedPerson(name: "Mark Rutte", title: "Secretary General", country: "NATO", adjective: "NATO", isInvented: false),
        "European Commission": GeneratedPerson(name: "Ursula von der Leyen", title: "President", country: "the European Commission", adjective: "European Commission", isInvented: false),
        "European Council": GeneratedPerson(name: "António Costa", title: "President", country: "the European Council", adjective: "European Council", isInvented: false),
        "United Nations": GeneratedPerson(name: "António Guterres", title: "Secretary-General", country: "the United Nations", adjective: "UN", isInvented: false),
        "OSCE": GeneratedPerson(name: "Feridun Sinirlioğlu", title: "Secretary General", country: "the OSCE", adjective: "OSCE", isInvented: false),
        "EU diplomacy": GeneratedPerson(name: "Kaja Kallas", title: "High Representative", country: "the European Union", adjective: "EU", isInvented: false),
    ]

    static let topics = ["security guarantees for Ukraine", "a ceasefire in Ukraine", "European defence spending",
                         "the rearmament of Europe", "air defence for Ukrainian cities", "sanctions on Russia",
                         "shipping in the Black Sea", "the reconstruction of Ukraine", "Arctic security",
                         "the protection of undersea cables", "a reassurance force for Ukraine", "drone incursions on NATO's eastern flank"]

    /// A kind of proposal: how it is phrased after the proposer's name, and how it is referred to later.
    struct ProposalTemplate: Sendable {
        let kind: String
        let shortName: String
        let phrase: @Sendable (inout SplitMix64) -> String
    }

    static let proposals: [ProposalTemplate] = [
        ProposalTemplate(kind: "troops", shortName: "the troop offer") { rng in
            rng.pick(["offered to deploy peacekeeping troops to Ukraine after a ceasefire",
                      "offered to send up to \(5 + rng.int(below: 26)),000 troops as part of a reassurance force"])
        },
        ProposalTemplate(kind: "ceasefire", shortName: "the ceasefire plan") { rng in
            "called for a \(rng.pick([30, 60, 90]))-day ceasefire covering \(rng.pick(["air and sea attacks", "energy infrastructure", "the whole front line"]))"
        },
        ProposalTemplate(kind: "sanctions", shortName: "the sanctions package") { rng in
            "proposed a new package of sanctions on \(rng.pick(["Russian energy exports", "Russia's shadow fleet", "Russian banks"]))"
        },
        ProposalTemplate(kind: "aid", shortName: "the aid pledge") { rng in
            "pledged €\(1 + rng.int(below: 9)) billion in military aid to Ukraine"
        },
        ProposalTemplate(kind: "guarantees", shortName: "the guarantee proposal") { _ in
            "proposed security guarantees for Ukraine modelled on NATO's Article 5"
        },
        ProposalTemplate(kind: "air defence", shortName: "the air-defence plan") { _ in
            "suggested an air-defence shield over western Ukraine"
        },
        ProposalTemplate(kind: "assets", shortName: "the frozen-assets plan") { _ in
            "proposed using frozen Russian assets to fund Ukraine's reconstruction"
        },
        ProposalTemplate(kind: "monitoring", shortName: "the monitoring mission") { _ in
            "proposed an international mission to monitor a truce"
        },
        ProposalTemplate(kind: "defence fund", shortName: "the defence fund") { rng in
            "proposed a joint European defence fund worth €\(50 + 50 * rng.int(below: 8)) billion"
        },
    ]

    static let quotes = [
        "We cannot leave the security of our continent to others",
        "Any peace must be a lasting one, not a pause before the next attack",
        "Europe has to be ready to act, and to act together",
        "We will not negotiate about Ukraine without Ukraine",
        "The time for statements is over; now we need decisions",
        "Our support will last as long as it is needed",
        "Nobody wants to send soldiers into a war, but deterrence only works if it is credible",
        "This is a test of whether our alliances still mean what they say",
    ]

    static let journalists = ["Emma Calloway", "Rafael Moutinho", "Hanna Sørlie", "Daniel Okonkwo", "Lea Marchetti",
                              "Tom Ashworth", "Ines Vidmar", "Patrick Leclerc"]

    static let publishers: [(name: String, domain: String)] = [
        ("Continental Herald", "continentalherald.example"), ("Atlantic Wire", "atlanticwire.example"),
        ("Europe Daily Brief", "europedailybrief.example"), ("The Security Desk", "securitydesk.example"),
        ("Northern Post", "northernpost.example"),
    ]

    static let unrelatedHeadlines = ["Ten foods that boost your energy", "Storm warnings issued for the coast",
                                     "Champions league draw: what we learned", "How to save on your heating bill",
                                     "Actor announces surprise retirement", "Tech shares slip after earnings"]
}
