/// The actors of one document and every mention of them, in text order.
public struct EntityTagging: Sendable {
    public var entities: [Entity]
    public var mentions: [EntityMention]

    public init(entities: [Entity] = [], mentions: [EntityMention] = []) {
        self.entities = entities
        self.mentions = mentions
    }

    /// The entity with this key.
    public func entity(_ key: String) -> Entity? { entities.first { $0.key == key } }

    /// The mention covering a token, if any.
    public func mention(coveringToken index: Int) -> EntityMention? {
        mentions.first { $0.tokens.contains(index) }
    }
}

/// Finds the actors a document names and resolves each to one entity.
///
/// Three passes over the tokens, each linear in the text:
/// 1. lexicon: the longest known spelling at each capitalized token (a trie), with
///    adjectives kept only before an actor noun ("French officials") and capitals kept
///    only when the state acts ("Moscow said", not "in Moscow");
/// 2. people the lexicon lacks, from how news introduces them: a title before the name
///    ("Estonian Defence Minister Kaia Rebane", "Envoy – Keith Kellogg") or after it
///    ("Kaia Rebane, the Estonian defence minister");
/// 3. later surname-only mentions of the people found in pass 2.
///
/// ```swift
/// let tagger = EntityTagger(lexicon: lexicon, titles: titles)
/// let tagging = tagger.tag(Document(text: "French President Emmanuel Macron met Starmer."))
/// tagging.entities.map(\.name)   // ["Emmanuel Macron", "Keir Starmer"]
/// ```
public struct EntityTagger: Sendable {
    public let lexicon: Lexicon
    public let titles: TitleLexicon

    public init(lexicon: Lexicon, titles: TitleLexicon) {
        self.lexicon = lexicon
        self.titles = titles
    }

    public func tag(_ document: Document) -> EntityTagging {
        var pass = TaggingPass(document: document, lexicon: lexicon, titles: titles)
        pass.tagLexicon()
        pass.tagTitledPeople()
        pass.tagSurnames()
        return pass.result()
    }
}

/// The state of one tagging run over one document.
private struct TaggingPass {
    let document: Document
    let lexicon: Lexicon
    let titles: TitleLexicon
    var tokens: [Token] { document.tokens }

    /// For each token, the mention index covering it.
    var coverage: [Int?]
    /// For each token, its title cues, looked up once: the title rules test most tokens
    /// several times (a counterpart at every token, heads and parts in every name run).
    let titleCues: [TitleLexicon.Cues]
    var mentions: [EntityMention] = []
    var entities: [String: Entity] = [:]
    var entityOrder: [String] = []
    /// Folded surname → key of a person found by a title pattern.
    var patternSurnames: [String: String] = [:]
    /// Mentions a later, longer reading replaced (indices into `mentions`).
    var dropped = Set<Int>()

    init(document: Document, lexicon: Lexicon, titles: TitleLexicon) {
        self.document = document
        self.lexicon = lexicon
        self.titles = titles
        coverage = Array(repeating: nil, count: document.tokens.count)
        titleCues = document.tokens.map { titles.cues(of: $0.folded) }
    }

    /// Whether token `k` is a title cue of the class.
    func isTitleCue(_ cue: TitleLexicon.Cue, at k: Int) -> Bool { titles.isCue(cue, in: titleCues[k]) }

    // MARK: Pass 1: lexicon

    mutating func tagLexicon() {
        for sentence in document.sentences {
            var i = sentence.tokens.lowerBound
            let end = sentence.tokens.upperBound
            while i < end {
                guard tokens[i].isCapitalized || tokens[i].kind == .number,
                      let match = lexiconMatch(at: i, end: end) else { i += 1; continue }
                let range = i..<(i + match.length)
                if let surface = acceptedSurface(match.payloads, range: range, sentence: sentence) {
                    let entry = lexicon.entries[surface.entry]
                    let entity = lexicon.entities[surface.entry]
                    let form: MentionForm = surface.form == .name ? .name : surface.form == .adjective ? .adjective : .metonym
                    let confidence = form == .name ? 0.95 : form == .adjective ? 0.8 : 0.75
                    addMention(entity: entity, form: form, tokens: range,
                               extractor: "entities/lexicon:\(entry.lexicon)", confidence: confidence)
                }
                i = range.upperBound
            }
        }
    }

    func lexiconMatch(at i: Int, end: Int) -> (length: Int, payloads: [Lexicon.Surface])? {
        lexicon.trie.longestMatch(tokens, from: i, to: end) { surface, range in
            guard surface.allCaps else { return true }
            return document.string(tokens: range).unicodeScalars.allSatisfy { !$0.properties.isLowercase }
        }
    }

    /// Picks the surface to keep: a name always; an adjective before an actor noun; a seat when acting.
    func acceptedSurface(_ surfaces: [Lexicon.Surface], range: Range<Int>, sentence: Sentence) -> Lexicon.Surface? {
        if let name = surfaces.first(where: { $0.form == .name }) { return name }
        if let seat = surfaces.first(where: { $0.form == .seat }), seatActs(range, sentence) { return seat }
        if let adjective = surfaces.first(where: { $0.form == .adjective }), !isRegional(range, sentence),
           qualifiesActor(range, sentence) { return adjective }
        return nil
    }

    /// Whether a region word turns the adjective into a region's ("Latin American", "West
    /// African"): a state's adjective that includes the region word ("South African") is
    /// matched whole before this is asked.
    func isRegional(_ range: Range<Int>, _ sentence: Sentence) -> Bool {
        var previous = range.lowerBound - 1
        if previous > sentence.tokens.lowerBound, tokens[previous].folded == "-" { previous -= 1 }   // "Sub-Saharan African", "Pan-African"
        return previous >= sentence.tokens.lowerBound && tokens[previous].isCapitalized && isTitleCue(.region, at: previous)
    }

    /// Whether a capital or seat stands for its state here.
    func seatActs(_ range: Range<Int>, _ sentence: Sentence) -> Bool {
        var previous = range.lowerBound - 1
        if previous >= sentence.tokens.lowerBound, tokens[previous].folded == "the" { previous -= 1 }
        if previous >= sentence.tokens.lowerBound {
            if isTitleCue(.locative, at: previous) { return false }
            if isTitleCue(.relation, at: previous) { return true }
        }
        var next = range.upperBound
        guard next < sentence.tokens.upperBound else { return false }
        if tokens[next].folded == "'s" { return true }
        if tokens[next].folded.hasSuffix("ly") || ["also", "now", "still", "has", "had", "have"].contains(tokens[next].folded),
           next + 1 < sentence.tokens.upperBound, isTitleCue(.act, at: next + 1) {
            next += 1
        }
        return isTitleCue(.act, at: next)
    }

    /// Whether an adjective qualifies an actor noun ("Ukrainian officials", "U.S. and Ukrainian negotiators").
    func qualifiesActor(_ range: Range<Int>, _ sentence: Sentence) -> Bool {
        var next = range.upperBound
        var steps = 0
        while next < sentence.tokens.upperBound, steps < 4 {
            let word = tokens[next].folded
            if isTitleCue(.actor, at: next) { return true }
            guard word == "and" || word == "or" || word == "," || tokens[next].isCapitalized else { return false }
            next += 1
            steps += 1
        }
        return false
    }

    // MARK: Pass 2: people introduced by a title

    mutating func tagTitledPeople() {
        for sentence in document.sentences {
            var i = sentence.tokens.lowerBound
            while i < sentence.tokens.upperBound {
                i = tagTitleBeforeName(at: i, sentence) ?? tagNameBeforeTitle(at: i, sentence) ?? i + 1
            }
        }
    }

    /// "Estonian Defence Minister Kaia Rebane", "Trump’s Ukraine Envoy – Keith Kellogg",
    /// "President Emmanuel Macron of France". Returns the token after the pattern.
    mutating func tagTitleBeforeName(at i: Int, _ sentence: Sentence) -> Int? {
        let end = sentence.tokens.upperBound
        // A title in lower case ("Oman's foreign minister, Badr Albusaidi,") names a person only in apposition.
        let appositive = !tokens[i].isCapitalized && !isTitleCue(.counterpart, at: i)
        // Every head opens with a head or part word: most lower-case words need no trie walk.
        guard tokens[i].kind == .word, !appositive || isTitleCue(.head, at: i) || isTitleCue(.part, at: i),
              coverage[i] == nil || mentionIsCountryModifier(at: i),
              let head = titles.heads.longestMatch(tokens, from: i, to: end) else { return nil }
        var title = titlePhrase(endingAt: i + head.length, headStart: i, sentence, anyCase: appositive)
        if isTitleCue(.counterpart, at: i) {
            // "his Azerbaijani counterpart X": X holds the title of the person named before.
            let before = mentions.last { $0.tokens.upperBound <= i && tokens[$0.tokens.lowerBound].sentence == tokens[i].sentence
                && entities[$0.entity]?.kind == .person }
            guard let title = before.flatMap({ entities[$0.entity]?.title }) else { return nil }
            let country = self.titlePhrase(endingAt: i, headStart: i, sentence).country
            guard let name = nameRun(from: i + 1, end) else { return nil }
            addPerson(name: name, title: TitlePhrase(words: title, country: country), extractor: "entities/counterpart")
            return name.upperBound
        }
        var k = i + head.length
        // "of France", "of the United Kingdom (U.K.)", "of Defence".
        if k + 1 < end, tokens[k].folded == "of" || tokens[k].folded == "for" {
            var m = k + 1
            if tokens[m].folded == "the", m + 1 < end { m += 1 }
            if let affiliation = coverage[m].map({ mentions[$0] }), let entity = entities[affiliation.entity],
               entity.kind == .country || entity.kind == .organization {
                if tokens[k].folded == "for" {
                    // "special envoy for Yemen": the portfolio, not the holder's country.
                    title.words += " " + document.string(tokens: k..<affiliation.tokens.upperBound)
                } else if entity.kind == .country {
                    title.country = entity.name
                }
                k = affiliation.tokens.upperBound
            } else {
                var n = m
                while n < end, tokens[n].isCapitalized, coverage[n] == nil, n - m < 3, !startsName(n, end) { n += 1 }
                if n > m {
                    title.words += " " + document.string(tokens: k..<n)
                    k = n
                }
            }
        }
        if k < end, tokens[k].folded == "(" {
            var n = k + 1
            while n < end, n - k < 8, tokens[n].folded != ")" { n += 1 }
            if n < end { k = n + 1 }
        }
        if appositive {
            // In apposition ("its foreign minister, Badr Albusaidi,"), or right after a title a
            // country qualifies ("US envoy Brett McGurk").
            let comma = k < end && tokens[k].folded == ","
            guard comma || title.country != nil, let name = nameRun(from: comma ? k + 1 : k, end), name.count >= 2,
                  !comma || name.upperBound == end || tokens[name.upperBound].kind == .punctuation else { return nil }
            title.words = titleCase(title.words)
            addPerson(name: name, title: title, extractor: "entities/title-before-name")
            return name.upperBound
        }
        if k < end, ["–", "—", "-", ","].contains(tokens[k].folded) { k += 1 }
        while k < end, tokens[k].isCapitalized, isTitleCue(.rank, at: k) || titles.isCue(.rank, tokens[k].folded + ".") {
            k += 1
            if k < end, tokens[k].folded == "." { k += 1 }
        }
        guard let name = nameRun(from: k, end) else { return i + head.length }
        var after = name.upperBound
        if after + 1 < end, tokens[after].folded == "of", let mention = coverage[after + 1].map({ mentions[$0] }),
           entities[mention.entity]?.kind == .country {
            title.country = title.country ?? entities[mention.entity]?.name
            after = mention.tokens.upperBound
        }
        addPerson(name: name, title: title, extractor: "entities/title-before-name")
        return after
    }

    /// "Kaia Rebane, the Estonian defence minister". Returns the token after the pattern.
    mutating func tagNameBeforeTitle(at i: Int, _ sentence: Sentence) -> Int? {
        let end = sentence.tokens.upperBound
        guard tokens[i].isCapitalized, coverage[i] == nil, let name = nameRun(from: i, end), name.count >= 2,
              name.upperBound + 2 < end, tokens[name.upperBound].folded == ",", tokens[name.upperBound + 1].folded == "the"
        else { return nil }
        var k = name.upperBound + 2
        var country: String?
        if let mention = coverage[k].map({ mentions[$0] }), entities[mention.entity]?.kind == .country {
            country = entities[mention.entity]?.name
            k = mention.tokens.upperBound
        } else if let match = lexiconMatch(at: k, end: end),
                  let adjective = match.payloads.first(where: { lexicon.entries[$0.entry].kind == .country }) {
            country = lexicon.entries[adjective.entry].name
            k += match.length
        }
        var headStart = k
        while headStart < end, isTitleCue(.part, at: headStart), headStart - k < 3 { headStart += 1 }
        guard let head = titles.heads.longestMatch(tokens, from: headStart, to: end) else { return nil }
        let words = document.string(tokens: k..<(headStart + head.length))
        addPerson(name: name, title: TitlePhrase(words: titleCase(words), country: country),
                  extractor: "entities/name-before-title")
        return headStart + head.length
    }

    struct TitlePhrase {
        var words: String
        var country: String?
    }

    /// The title ending at `headEnd`: the head, the title parts and noun modifiers before it,
    /// minus a leading country word (which gives the country) and a possessive owner. Parts
    /// in lower case count only when `anyCase` ("the special envoy").
    func titlePhrase(endingAt headEnd: Int, headStart: Int, _ sentence: Sentence, anyCase: Bool = false) -> TitlePhrase {
        var start = headStart
        while start - 1 >= sentence.tokens.lowerBound, anyCase || tokens[start - 1].isCapitalized, tokens[start - 1].kind == .word,
              isTitleCue(.part, at: start - 1) || mentionIsCountryModifier(at: start - 1)
                || lexiconMatch(at: start - 1, end: headStart) != nil {
            start -= 1
        }
        // A noun modifier after a possessive owner: "Trump’s Ukraine Envoy".
        while start - 2 >= sentence.tokens.lowerBound, tokens[start - 1].isCapitalized, coverage[start - 1] == nil,
              tokens[start - 2].folded == "'s" || start - 3 >= sentence.tokens.lowerBound && tokens[start - 3].folded == "'s" && tokens[start - 2].isCapitalized {
            start -= 1
        }
        var country: String?
        // A possessive owner: "Trump’s Ukraine Envoy" — the title is Ukraine Envoy, the country Trump's.
        if start - 2 >= sentence.tokens.lowerBound, tokens[start - 1].folded == "'s",
           let owner = coverage[start - 2].map({ mentions[$0] }), let entity = entities[owner.entity] {
            country = entity.kind == .country ? entity.name : entity.country
        } else if let match = lexiconMatch(at: start, end: headStart),
                  let surface = match.payloads.first(where: { lexicon.entries[$0.entry].kind == .country }) {
            country = lexicon.entries[surface.entry].name
            start += match.length
        }
        return TitlePhrase(words: document.string(tokens: start..<headEnd), country: country)
    }

    func mentionIsCountryModifier(at index: Int) -> Bool {
        guard let mention = coverage[index].map({ mentions[$0] }) else { return false }
        return entities[mention.entity]?.kind == .country
    }

    /// A person's name starting at `start`: capitalized words (with particles such as "von der"),
    /// at most five, none of them a known non-person actor or a title word.
    func nameRun(from start: Int, _ end: Int) -> Range<Int>? {
        guard startsName(start, end) else { return nil }
        var k = start
        while k < end, k - start < 5 {
            let token = tokens[k]
            if token.kind == .word, token.isCapitalized, !isNameStop(k) {
                k += 1
            } else if nameParticles.contains(token.folded), k > start, k + 1 < end,
                      tokens[k + 1].isCapitalized || tokens[k + 1].folded == "-" && k + 2 < end && tokens[k + 2].isCapitalized {
                k += 1   // "von der Leyen", "al-Sisi"
            } else if token.folded == "-", k > start, k + 1 < end, tokens[k + 1].isCapitalized,
                      tokens[k - 1].range.upperBound == token.range.lowerBound {
                k += 1   // Kosiniak-Kamysz
            } else {
                break
            }
        }
        return k > start ? start..<k : nil
    }

    func startsName(_ k: Int, _ end: Int) -> Bool {
        k < end && tokens[k].kind == .word && tokens[k].isCapitalized && !isNameStop(k)
    }

    func isNameStop(_ k: Int) -> Bool {
        let folded = tokens[k].folded
        if let mention = coverage[k].map({ mentions[$0] }), entities[mention.entity]?.kind != .person { return true }
        return isTitleCue(.head, at: k) || isTitleCue(.part, at: k) || calendarWords.contains(folded)
            || functionWords.contains(folded) || folded == "'s"
    }

    mutating func addPerson(name: Range<Int>, title: TitlePhrase, extractor: String) {
        // A person the lexicon already found keeps the lexicon's record.
        if let covered = coverage[name.lowerBound].map({ mentions[$0] }), entities[covered.entity]?.kind == .person { return }
        let nameText = document.string(tokens: name)
        // A known person's surname inside the name: the same person when the given names
        // agree ("Abdel Fattah al-Sisi"), else another person of that family ("Mohammed bin
        // Abdulrahman Al Thani" is not the emir), and the surname mention was wrong.
        for index in name.dropFirst() {
            guard let inner = coverage[index], let known = entities[mentions[inner].entity], known.kind == .person else { continue }
            dropped.insert(inner)
            let givenName = tokens[name.lowerBound].folded
            if known.aliases.contains(where: { alias in
                let words = foldedTokens(alias)
                return words.count > 1 && words[0] == givenName
            }) {
                addMention(entity: known, form: .name, tokens: name, extractor: extractor, confidence: 0.85)
                return
            }
        }
        let key: String
        if name.count == 1, let known = patternSurnames[tokens[name.lowerBound].folded] {
            key = known
        } else {
            key = entityKey(.person, nameText)
            if entities[key] == nil {
                entities[key] = Entity(key: key, kind: .person, name: nameText, title: titleCase(title.words),
                                       country: title.country, aliases: [nameText], lexicon: nil)
                entityOrder.append(key)
            }
            if name.count >= 2 { patternSurnames[tokens[name.upperBound - 1].folded] = key }
        }
        addMention(entity: entities[key]!, form: .name, tokens: name, extractor: extractor, confidence: 0.85)
    }

    // MARK: Pass 3: surnames of people found by pattern

    mutating func tagSurnames() {
        guard !patternSurnames.isEmpty else { return }
        for index in tokens.indices where tokens[index].isCapitalized {
            guard let key = patternSurnames[tokens[index].folded], let entity = entities[key] else { continue }
            if let covered = coverage[index] {
                // A known person's surname that the article only ever uses alone, while it
                // names another person of that surname in full: the article means its own.
                let known = mentions[covered].entity
                guard known != key, entities[known]?.kind == .person, mentions[covered].tokens.count == 1,
                      !mentions.indices.contains(where: { !dropped.contains($0) && mentions[$0].entity == known && mentions[$0].tokens.count > 1 })
                else { continue }
                dropped.insert(covered)
            }
            if index + 1 < tokens.count, tokens[index + 1].isCapitalized, tokens[index + 1].sentence == tokens[index].sentence,
               tokens[index + 1].kind == .word { continue }
            addMention(entity: entity, form: .name, tokens: index..<(index + 1), extractor: "entities/surname", confidence: 0.8)
        }
    }

    // MARK: Recording

    mutating func addMention(entity: Entity, form: MentionForm, tokens range: Range<Int>, extractor: String, confidence: Double) {
        if entities[entity.key] == nil {
            entities[entity.key] = entity
            entityOrder.append(entity.key)
        }
        let surface = document.string(tokens: range)
        if !entities[entity.key]!.aliases.contains(surface) { entities[entity.key]!.aliases.append(surface) }
        let sentence = tokens[range.lowerBound].sentence
        let evidence = Evidence(slot: "mention", value: surface, range: document.range(tokens: range), sentence: sentence,
                                extractor: extractor, confidence: confidence)
        mentions.append(EntityMention(entity: entity.key, form: form, evidence: evidence, tokens: range))
        for k in range { coverage[k] = mentions.count - 1 }
    }

    func result() -> EntityTagging {
        let kept = mentions.indices.filter { !dropped.contains($0) }.map { mentions[$0] }
        let named = Set(kept.map(\.entity))
        return EntityTagging(entities: entityOrder.filter(named.contains).compactMap { entities[$0] },
                             mentions: kept.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound })
    }
}

private let nameParticles: FoldedWordSet = ["von", "der", "van", "de", "da", "di", "du", "del", "bin", "al", "la", "le", "dos", "el", "ibn"]
private let calendarWords: FoldedWordSet = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
]
private let functionWords: FoldedWordSet = [
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i", "his", "her", "their",
    "in", "on", "at", "of", "for", "and", "but", "or", "as", "if", "when", "while", "after", "before", "since", "with",
]

/// "defence minister" → "Defence Minister"; words already capitalized stay as written.
func titleCase(_ text: String) -> String {
    text.split(separator: " ").map { word -> String in
        guard let first = word.first, first.isLowercase, !["of", "for", "the", "and"].contains(word) else { return String(word) }
        return first.uppercased() + word.dropFirst()
    }.joined(separator: " ")
}
