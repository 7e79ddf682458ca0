/// Finds what was put on the table in one article, by whom, and who backed or opposed it.
///
/// Four rules, each linear in the text (phrases are matched with a trie over folded tokens):
/// 1. a cue verb and its object ("Starmer has offered to deploy peacekeeping troops"),
///    with the owner of a possessed cue noun as proposer ("Erdogan has backed
///    Zelensky's call for a truce": Zelensky proposes, Erdogan supports);
/// 2. a reporting verb whose `that` clause names a known kind with a modal
///    ("Macron stressed that any deployment of troops would occur only after ...");
/// 3. agenda sentences, one proposal per listed item ("the issues to be discussed
///    are A, B, and C");
/// 4. rows of flattened tables (see ``FlattenedTableRecognizer``).
///
/// Mentions of one idea in the article (same kind, one key contained in the other) become
/// one proposal with all evidence and positions.
///
/// ```swift
/// let finder = ProposalFinder(terms: try ProposalTerms(name: "proposal-terms", text: text))
/// let proposals = finder.find(in: document, tagging: tagging, meetings: meetings)
/// proposals.first?.summary   // "Deploy peacekeeping troops to Ukraine"
/// ```
public struct ProposalFinder: Sendable {
    public let terms: ProposalTerms

    /// Creates a finder with its patterns.
    public init(terms: ProposalTerms) {
        self.terms = terms
    }

    /// The proposals of a document, in order of first mention.
    ///
    /// - Parameters:
    ///   - document: the segmented article.
    ///   - tagging: its actors and their mentions (subjects and owners are found among them).
    ///   - meetings: the article's meetings; a proposal is tied to the one its sentence refers to.
    public func find(in document: Document, tagging: EntityTagging, meetings: [ExtractedMeeting]) -> [ExtractedProposal] {
        var pass = ProposalPass(document: document, tagging: tagging, terms: terms)
        pass.findInSentences()
        pass.findInTables()
        let linker = MeetingLinker(document: document, terms: terms, meetings: meetings)
        return ProposalMerger.merge(pass.found).map { found in
            var proposal = found.proposal
            proposal.meeting = proposal.evidence.lazy.compactMap { linker.meeting(forSentence: $0.sentence) }.first
            return proposal
        }
    }
}

/// A proposal found by one rule, with its content key for merging.
struct FoundProposal: Sendable {
    var proposal: ExtractedProposal
    var key: Set<String>
    /// Table rows are distinct by construction and never merge with each other.
    var fromTable: Bool
}

/// One run of the sentence and table rules over one document.
struct ProposalPass {
    let document: Document
    let tagging: EntityTagging
    let terms: ProposalTerms
    let summarizer: ProposalSummarizer
    /// For each token, the index of the mention covering it.
    let mentionAt: [Int?]
    var found: [FoundProposal] = []
    /// The subjects last resolved, with their sentence, for pronouns.
    private var lastSubjects: (sentence: Int, entities: [String])?

    private var tokens: [Token] { document.tokens }
    /// The cue categories that open a proposal, checked at every token.
    private static let openingCategories: [ProposalTerms.Category] = [.verb, .noun, .agenda]

    init(document: Document, tagging: EntityTagging, terms: ProposalTerms) {
        self.document = document
        self.tagging = tagging
        self.terms = terms
        summarizer = ProposalSummarizer(document: document, terms: terms)
        var mentionAt = [Int?](repeating: nil, count: document.tokens.count)
        for (index, mention) in tagging.mentions.enumerated() {
            for token in mention.tokens where token < mentionAt.count { mentionAt[token] = index }
        }
        self.mentionAt = mentionAt
    }

    // MARK: Sentences

    mutating func findInSentences() {
        for (index, sentence) in document.sentences.enumerated() {
            let range = sentence.tokens
            guard let last = range.last, tokens[last].folded != "?" else { continue }
            var i = range.lowerBound
            var madeOne = false
            // Judged at the sentence's first cue: most sentences have none, and a headline
            // makes no proposal.
            var headlineChecked = false
            while i < range.upperBound {
                if madeOne, tokens[i].folded == ",", i + 1 < range.upperBound,
                   terms.match([.elaboration], in: tokens, at: i + 1, end: range.upperBound) != nil {
                    break   // ", where ...": an elaboration of the proposal just made
                }
                guard let cue = terms.match(Self.openingCategories, in: tokens, at: i, end: range.upperBound) else { i += 1; continue }
                if !headlineChecked {
                    if isHeadline(range) { break }
                    headlineChecked = true
                }
                let cueRange = i..<(i + cue.length)
                let next: Int?
                switch cue.cue.category {
                case .agenda: next = agenda(cue.cue, cueRange, sentence: index)
                case .noun: next = noun(cue.cue, cueRange, sentence: index)
                default: next = verb(cue.cue, cueRange, sentence: index)
                }
                if let next { madeOne = true; i = max(next, cueRange.upperBound) } else { i = cueRange.upperBound }
            }
        }
    }

    /// A title-case line ("Leaders Tackle Security Amid U.S. Plans"): no prose to read. At
    /// least four content words (words but function words), and eight in ten of those that
    /// are not names or dates capitalized: names and days are capitalized in prose too, so
    /// "French President Emmanuel Macron proposed a ceasefire in the Black Sea on Monday." is
    /// prose. Stops reading at the first lower-case word too many, which in prose comes early.
    private func isHeadline(_ range: Range<Int>) -> Bool {
        func isContent(_ index: Int) -> Bool { tokens[index].kind == .word && !terms.isWord(.function, tokens[index].folded) }
        func tellsCase(_ index: Int) -> Bool { mentionAt[index] == nil && !terms.isWord(.date, tokens[index].folded) }
        var contentWords = 0, telling = 0
        for index in range where isContent(index) {
            contentWords += 1
            if tellsCase(index) { telling += 1 }
        }
        guard contentWords >= 4 else { return false }
        var lowerCase = 0
        for index in range where !tokens[index].isCapitalized && isContent(index) && tellsCase(index) {
            lowerCase += 1
            if lowerCase * 10 > telling * 2 { return false }
        }
        return true
    }

    /// A cue verb: returns the token after the object when a proposal was made.
    private mutating func verb(_ cue: ProposalTerms.Cue, _ cueRange: Range<Int>, sentence: Int) -> Int? {
        let end = document.sentences[sentence].tokens.upperBound
        guard !isHedged(cueRange.lowerBound, sentence: sentence) else { return nil }
        var start = cueRange.upperBound
        if cue.claim {
            // The 'that' is part of the cue; the clause must carry a modal and a kind.
            let object = objectSpan(from: start, end: end, stopAtCommas: false)
            guard let modal = (object.span).first(where: { terms.isWord(.modal, tokens[$0].folded) }),
                  let summary = summarizer.summarize(object.span.lowerBound..<modal), summary.hasKind, !summary.isTopic
            else { return nil }
            add(summary, cue: cue, cueRange: cueRange, object: object, owner: nil, sentence: sentence, rule: "claim")
            return object.end
        }
        if start < end, tokens[start].folded == "that", !cue.weak {
            return thatClause(cue, cueRange, from: start + 1, sentence: sentence)
        }
        if start < end, tokens[start].folded == "by", cueRange.lowerBound > document.sentences[sentence].tokens.lowerBound,
           terms.isWord(.passive, tokens[cueRange.lowerBound - 1].folded) {
            return passive(cue, cueRange, sentence: sentence)
        }
        var addressed = false
        if start < end, tokens[start].folded == "to" {
            start += 1
        } else {
            let after = afterAddressee(start, end: end)
            addressed = after > start
            start = after
        }
        guard start < end, tokens[start].folded != "that" else { return nil }   // a clause, not an object
        var owner: Int?
        if start < end, let mention = mentionAt[start], tagging.mentions[mention].tokens.lowerBound == start {
            let after = tagging.mentions[mention].tokens.upperBound
            if after + 1 < end, tokens[after].folded == "'s",
               let noun = terms.match([.noun], in: tokens, at: after + 1, end: end) {
                owner = mention
                start = after + 1 + noun.length
            }
        }
        let object = objectSpan(from: start, end: end, stopAtCommas: true)
        if owner == nil, let target = referredProposal(object.span, sentence: sentence) {
            attach(cue: cue, cueRange: cueRange, to: target, sentence: sentence)
            return object.end
        }
        // "urged the bloc to conclude ...": a call on someone to act is a proposal whatever its kind.
        guard let summary = summarizer.summarize(object.span), !summary.isTopic,
              summary.hasKind || addressed || !(cue.weak && owner == nil) else { return nil }
        add(summary, cue: cue, cueRange: cueRange, object: object, owner: owner, sentence: sentence, rule: "verb")
        return object.end
    }

    /// "The proposal was backed by Ethiopia and Uganda": a passive stance on the proposal its
    /// subject refers to, taken by the actors after "by". Returns the token after them.
    private mutating func passive(_ cue: ProposalTerms.Cue, _ cueRange: Range<Int>, sentence: Int) -> Int? {
        let range = document.sentences[sentence].tokens
        var subjectStart = cueRange.lowerBound - 1
        while subjectStart > range.lowerBound, tokens[subjectStart - 1].kind != .punctuation { subjectStart -= 1 }
        guard let target = referredProposal(subjectStart..<(cueRange.lowerBound - 1), sentence: sentence) else { return nil }
        let listed = actorList(from: cueRange.upperBound + 1, end: range.upperBound, overTitles: true)
        attach(cue: cue, cueRange: cueRange, to: target, sentence: sentence, actors: listed.actors)
        return listed.end
    }

    /// "proposed that allies raise defence spending": the clause's verb phrase, past its
    /// subject (actors, determiners) and a modal, is the proposal.
    private mutating func thatClause(_ cue: ProposalTerms.Cue, _ cueRange: Range<Int>, from start: Int, sentence: Int) -> Int? {
        let end = document.sentences[sentence].tokens.upperBound
        var k = start
        while k < min(end, start + 6), mentionAt[k] != nil || terms.isWord(.actor, tokens[k].folded)
                || terms.isWord(.determiner, tokens[k].folded) || terms.isWord(.connector, tokens[k].folded) {
            k += 1
        }
        guard k > start, k < end else { return nil }
        if terms.isWord(.modal, tokens[k].folded) { k += 1 }
        guard k < end, tokens[k].kind == .word, !tokens[k].isCapitalized else { return nil }
        let object = objectSpan(from: k, end: end, stopAtCommas: true)
        guard let summary = summarizer.summarize(object.span), !summary.isTopic else { return nil }
        add(summary, cue: cue, cueRange: cueRange, object: object, owner: nil, sentence: sentence, rule: "verb-that")
        return object.end
    }

    /// The proposal an object points back to ("the truce proposal", "the Egyptian plan",
    /// "the push"): an object of determiners, actors, kind words and reference modifiers
    /// ending in a reference noun. The latest earlier proposal of that kind and proposer,
    /// within ``referenceReach`` sentences; for a pronoun ("opposed it"), the latest within
    /// ``pronounReach``.
    private func referredProposal(_ span: Range<Int>, sentence: Int) -> Int? {
        func endsObject(_ k: Int) -> Bool {
            k == span.upperBound || Self.referenceTails.contains(tokens[k].folded) || terms.isWord(.date, tokens[k].folded)
        }
        // "Kurti opposed it": the proposal just made.
        if !span.isEmpty, terms.isWord(.referencePronoun, tokens[span.lowerBound].folded), endsObject(span.lowerBound + 1) {
            return found.indices.last { index in
                guard !found[index].fromTable, let made = found[index].proposal.evidence.first?.sentence else { return false }
                return sentence - made <= Self.pronounReach
            }
        }
        if !span.contains(where: { terms.isWord(.reference, tokens[$0].folded) }) { return restatedProposal(span, sentence: sentence) }
        // The reference noun ends the object, or a time or circumstance follows it ("rejected the plan on Wednesday").
        guard let last = span.first(where: { terms.isWord(.reference, tokens[$0].folded) }), endsObject(last + 1) else { return nil }
        var kind: String?
        var actors: [String] = []
        var k = span.lowerBound
        while k < last {
            if let mention = mentionAt[k] {
                actors.append(tagging.mentions[mention].entity)
                k = tagging.mentions[mention].tokens.upperBound
            } else if let match = terms.match([.kind], in: tokens, at: k, end: last) {
                kind = match.cue.value
                k += match.length
            } else if tokens[k].isCapitalized, let owner = tagging.entities.first(where: { $0.aliases.contains(document.string(tokens: k..<(k + 1))) }) {
                actors.append(owner.key)   // "the Egyptian plan": an adjective the tagger kept only before actors
                k += 1
            } else if terms.isWord(.determiner, tokens[k].folded) || terms.isWord(.referenceModifier, tokens[k].folded)
                        || tokens[k].folded == "'s" {
                k += 1
            } else {
                return nil
            }
        }
        return found.indices.last { index in
            let proposal = found[index].proposal
            guard !found[index].fromTable, let made = proposal.evidence.first?.sentence,
                  sentence - made <= Self.referenceReach else { return false }
            if let kind, proposal.kind != kind { return false }
            return actors.allSatisfy { actor in proposal.positions.contains { $0.entity == actor && $0.stance == .proposes } }
        }
    }

    /// The proposal an object restates in fewer words ("supported the drone wall" after "proposed
    /// creating a shared drone wall along the eastern border"): every content word of the object
    /// (at most four) is a word of the summary of a proposal made within ``referenceReach`` sentences.
    private func restatedProposal(_ span: Range<Int>, sentence: Int) -> Int? {
        let words = span.filter { tokens[$0].kind == .word && !terms.isWord(.function, tokens[$0].folded)
            && !terms.isWord(.determiner, tokens[$0].folded) }.map { summarizer.keyWord(tokens[$0].folded) }
        guard (1...4).contains(words.count), words.count * 2 >= span.count else { return nil }
        // Compared as merge keys are: content words, synonyms unified, plurals dropped.
        return found.indices.last { index in
            guard !found[index].fromTable, let made = found[index].proposal.evidence.first?.sentence,
                  sentence - made <= Self.referenceReach else { return false }
            return words.allSatisfy(found[index].key.contains)
        }
    }

    /// Words that may follow a reference noun without describing a new proposal.
    private static let referenceTails: FoldedWordSet = ["on", "in", "at", "during", "last", "this", "yesterday", "as", "because", "after", "when"]

    /// How many sentences back a reference ("the plan") may reach for its proposal.
    static let referenceReach = 6
    /// How many sentences back a pronoun ("opposed it") may reach for its proposal.
    static let pronounReach = 1

    /// Adds what a sentence referring back to a proposal says: the positions of `actors` (by
    /// default the cue's subjects) and the sentence as evidence.
    private mutating func attach(cue: ProposalTerms.Cue, cueRange: Range<Int>, to target: Int, sentence: Int,
                                 actors: [String]? = nil) {
        let extractor = "proposals/reference:\(document.string(tokens: cueRange).lowercased())"
        if !found[target].proposal.evidence.contains(where: { $0.slot == "proposal" && $0.sentence == sentence }) {
            found[target].proposal.evidence.append(Evidence(slot: "proposal", range: document.sentences[sentence].range,
                                                            sentence: sentence, extractor: extractor, confidence: 0.7))
        }
        guard let stance = cue.stance else { return }
        for actor in actors ?? subjects(before: cueRange.lowerBound, sentence: sentence) {
            addPosition(actor, stance, tokens: cueRange, sentence: sentence, extractor: extractor,
                        to: &found[target].proposal.positions)
        }
    }

    /// Adds an actor's stance, with the tokens that state it as evidence, unless the actor
    /// already holds a position on the proposal.
    private func addPosition(_ entity: String, _ stance: Stance, tokens: Range<Int>, sentence: Int, extractor: String,
                             to positions: inout [ExtractedPosition]) {
        guard !positions.contains(where: { $0.entity == entity }) else { return }
        positions.append(ExtractedPosition(entity: entity, stance: stance, evidence: Evidence(
            slot: "position", value: stance.rawValue, range: document.range(tokens: tokens), sentence: sentence,
            extractor: extractor, confidence: 0.7)))
    }

    /// Past an addressee ("urged allies to raise ...", "urged European partners to ..."):
    /// the token after `to` when only actors, determiners and connectors come before it.
    private func afterAddressee(_ start: Int, end: Int) -> Int {
        var k = start
        while k < min(end, start + 6) {
            let token = tokens[k]
            if token.folded == "to" { return k > start ? k + 1 : start }
            guard mentionAt[k] != nil || terms.isWord(.actor, token.folded) || terms.isWord(.determiner, token.folded)
                    || terms.isWord(.connector, token.folded) else { return start }
            k += 1
        }
        return start
    }

    /// A cue noun ("Zelensky's call for a truce", "a plan to rearm Europe").
    private mutating func noun(_ cue: ProposalTerms.Cue, _ cueRange: Range<Int>, sentence: Int) -> Int? {
        let range = document.sentences[sentence].tokens
        let object = objectSpan(from: cueRange.upperBound, end: range.upperBound, stopAtCommas: true)
        guard let summary = summarizer.summarize(object.span), summary.hasKind, !summary.isTopic else { return nil }
        var owner: Int?
        if cueRange.lowerBound - 2 >= range.lowerBound, tokens[cueRange.lowerBound - 1].folded == "'s" {
            owner = mentionAt[cueRange.lowerBound - 2]
        }
        var stanceCue = cue
        if owner == nil { stanceCue.stance = nil }   // an unowned noun names no proposer
        add(summary, cue: stanceCue, cueRange: cueRange, object: object, owner: owner, sentence: sentence, rule: "noun",
            subjects: false)
        return object.end
    }

    /// An agenda cue: one proposal per listed item.
    private mutating func agenda(_ cue: ProposalTerms.Cue, _ cueRange: Range<Int>, sentence: Int) -> Int? {
        let end = document.sentences[sentence].tokens.upperBound
        var start = cueRange.upperBound
        // "the issues to be discussed at the summit are A, B": the list follows the copula.
        var k = start
        while k < min(end, start + 10), tokens[k].folded != "," {
            if terms.isWord(.copula, tokens[k].folded) { start = k + 1; break }
            k += 1
        }
        var made = false
        var lastEnd = start
        for item in listItems(from: start, end: end) {
            lastEnd = item.end
            if terms.isWord(.date, tokens[item.span.lowerBound].folded) { break }   // "talks on Saturday"
            guard let summary = summarizer.summarize(item.span), summary.hasKind, !summary.isTopic else { continue }
            add(summary, cue: cue, cueRange: cueRange, object: item, owner: nil, sentence: sentence, rule: "agenda")
            made = true
        }
        return made ? lastEnd : nil
    }

    // MARK: Objects and lists

    /// An object span, its condition (if a condition cue cuts it) and the token after it.
    struct ObjectSpan {
        var span: Range<Int>
        var condition: Range<Int>?
        var end: Int
    }

    /// The object starting at `start`: up to a clause mark, a stop phrase or a condition cue.
    private func objectSpan(from start: Int, end: Int, stopAtCommas: Bool) -> ObjectSpan {
        var k = start
        while k < end {
            let word = tokens[k].folded
            if [";", ":", ".", "!", "?", "—", "(", ")"].contains(word) || (stopAtCommas && word == ",") { break }
            if k > start, terms.match([.condition], in: tokens, at: k, end: end) != nil {
                var c = k
                while c < end, ![",", ";", ".", "!", "?"].contains(tokens[c].folded) { c += 1 }
                return ObjectSpan(span: start..<k, condition: k..<c, end: c)
            }
            if k > start, terms.match([.stop], in: tokens, at: k, end: end) != nil { break }
            k += 1
        }
        return ObjectSpan(span: start..<k, condition: nil, end: k)
    }

    /// Items of an agenda list: split at commas, `, and`, and list phrases ("as well as");
    /// the last comma item splits at `and` when a determiner follows it.
    private func listItems(from start: Int, end: Int) -> [ObjectSpan] {
        var items: [ObjectSpan] = []
        var k = start
        while k < end {
            // Skip separators opening an item.
            while k < end, ["and", "or", "also"].contains(tokens[k].folded) || tokens[k].folded == "," { k += 1 }
            if let list = terms.match([.list], in: tokens, at: k, end: end) { k += list.length }
            guard k < end, terms.match([.stop, .elaboration], in: tokens, at: k, end: end) == nil,
                  !terms.isWord(.relative, tokens[k].folded) else { break }
            var item = objectSpan(from: k, end: end, stopAtCommas: true)
            // A list phrase inside the item separates two items.
            if let split = item.span.first(where: { $0 > k && terms.match([.list], in: tokens, at: $0, end: end) != nil }) {
                item = ObjectSpan(span: k..<split, condition: nil, end: split)
            }
            guard !item.span.isEmpty else { break }
            items.append(item)
            k = item.end
            if item.condition != nil || k >= end || tokens[k].folded != "," && terms.match([.list], in: tokens, at: k, end: end) == nil {
                break
            }
        }
        if items.count >= 2, let lastItem = items.last,
           let and = lastItem.span.last(where: { tokens[$0].folded == "and" && $0 + 1 < lastItem.span.upperBound
               && terms.isWord(.determiner, tokens[$0 + 1].folded) }) {
            items[items.count - 1] = ObjectSpan(span: lastItem.span.lowerBound..<and, condition: nil, end: and)
            items.append(ObjectSpan(span: (and + 1)..<lastItem.span.upperBound, condition: lastItem.condition, end: lastItem.end))
        }
        return items
    }

    /// A hedging modal ("may seek") or a negation ("has not offered") just before the cue.
    private func isHedged(_ cueStart: Int, sentence: Int) -> Bool {
        let lower = document.sentences[sentence].tokens.lowerBound
        var j = cueStart - 1
        var steps = 0
        while j >= lower, steps < 3 {
            let word = tokens[j].folded
            if terms.isWord(.hedge, word) || terms.match([.negation], in: tokens, at: j, end: cueStart) != nil { return true }
            guard terms.isWord(.aux, word) || word.hasSuffix("ly") && !tokens[j].isCapitalized else { return false }
            j -= 1
            steps += 1
        }
        return false
    }

    // MARK: Subjects

    /// The entities acting as subject of the cue at `cueStart`.
    private mutating func subjects(before cueStart: Int, sentence: Int) -> [String] {
        let range = document.sentences[sentence].tokens
        var j = cueStart - 1
        while j >= range.lowerBound {
            let token = tokens[j]
            if terms.isWord(.aux, token.folded) || (token.folded.hasSuffix("ly") && !token.isCapitalized && token.kind == .word) {
                j -= 1
            } else if terms.isWord(.date, token.folded)
                        || token.kind == .number && j > range.lowerBound && terms.isWord(.date, tokens[j - 1].folded) {
                // A time between subject and verb: "Macron on Monday proposed", "on 6 March",
                // "on March 6", "today".
                j -= 1
                while j >= range.lowerBound, tokens[j].kind == .number || terms.isWord(.date, tokens[j].folded) { j -= 1 }
                if j >= range.lowerBound, ["on", "last", "this", "next"].contains(tokens[j].folded) { j -= 1 }
            } else if token.folded == "," {
                if tokens[cueStart].folded.hasSuffix("ing") {
                    return mainSubject(sentence)   // ", seeking ...": the clause's own subject acts
                }
                // Skip a relative clause ", who ... ," back to its antecedent.
                var k = j - 1
                while k > range.lowerBound, tokens[k].folded != "," { k -= 1 }
                if k > range.lowerBound, k + 1 < j, terms.isWord(.relative, tokens[k + 1].folded) { j = k - 1 } else { j -= 1 }
                break
            } else {
                break
            }
        }
        if j >= range.lowerBound, terms.isWord(.relative, tokens[j].folded) {
            j -= 1
            if j >= range.lowerBound, tokens[j].folded == "," { j -= 1 }
        }
        guard j >= range.lowerBound else { return [] }
        if let pronoun = terms.word(.pronoun, tokens[j].folded) {
            return resolve(pronoun: pronoun.value, at: j, sentence: sentence)
        }
        var entities: [String] = []
        var steps = 0
        while j >= range.lowerBound, steps < 16 {
            let token = tokens[j]
            if let mention = mentionAt[j] {
                let entity = tagging.mentions[mention].entity
                let after = tagging.mentions[mention].tokens.upperBound
                // "Kosovo's Prime Minister Albin Kurti": the person acts, not the country that owns the title.
                let ownsPerson = after < range.upperBound && tokens[after].folded == "'s"
                    && entities.last.map { tagging.entity($0)?.kind == .person } == true
                if !entities.contains(entity), !ownsPerson { entities.append(entity) }
                j = tagging.mentions[mention].tokens.lowerBound - 1
            } else if terms.match([.actor], in: tokens, at: j, end: j + 1) != nil || terms.isWord(.connector, token.folded)
                        || token.isCapitalized {
                if entities.isEmpty, !terms.isWord(.actor, token.folded), !token.isCapitalized { break }
                j -= 1
            } else {
                break
            }
            steps += 1
        }
        // Actor nouns alone ("leaders of nations willing to") name no one.
        entities.reverse()
        if !entities.isEmpty { lastSubjects = (sentence, entities) }
        return entities
    }

    /// The mentions opening a sentence ("Washington has circulated ..."), for participles.
    private mutating func mainSubject(_ sentence: Int) -> [String] {
        let range = document.sentences[sentence].tokens
        guard let first = range.prefix(8).first(where: { mentionAt[$0] != nil }) else { return [] }
        let entities = actorList(from: first, end: range.upperBound, overTitles: false).actors
        lastSubjects = (sentence, entities)
        return entities
    }

    /// The actors listed from `start`: mentions joined by connectors ("Tusk and Merz") and,
    /// with `overTitles`, the capitalized words of their titles ("Kenyan President William
    /// Ruto and Uganda"); and the token after the list.
    private func actorList(from start: Int, end: Int, overTitles: Bool) -> (actors: [String], end: Int) {
        var actors: [String] = []
        var k = start
        while k < end {
            if let mention = mentionAt[k] {
                let entity = tagging.mentions[mention].entity
                if !actors.contains(entity) { actors.append(entity) }
                k = tagging.mentions[mention].tokens.upperBound
            } else if terms.isWord(.connector, tokens[k].folded) || overTitles && tokens[k].isCapitalized {
                k += 1
            } else {
                break
            }
        }
        return (actors, k)
    }

    /// A pronoun subject at token `index`: the subjects opening its own sentence before it
    /// ("Tusk and Merz said they would support ..."), else the last subjects within two
    /// sentences, else the first person (or any actor, for `they`) named in the sentence before.
    private mutating func resolve(pronoun sort: String, at index: Int, sentence: Int) -> [String] {
        let wantsPerson = sort == "person"
        func isPerson(_ key: String) -> Bool { tagging.entity(key)?.kind == .person }
        let range = document.sentences[sentence].tokens
        if range.prefix(8).contains(where: { $0 < index && mentionAt[$0] != nil }) {
            let opening = mainSubject(sentence).filter { !wantsPerson || isPerson($0) }
            if !opening.isEmpty { return wantsPerson ? [opening[0]] : opening }
        }
        if let last = lastSubjects, sentence - last.sentence <= 2, last.sentence < sentence || last.sentence == sentence {
            let people = last.entities.filter(isPerson)
            if wantsPerson, let person = people.first { return [person] }
            if !wantsPerson { return last.entities }
        }
        guard sentence > 0 else { return [] }
        let previous = document.sentences[sentence - 1].tokens
        for index in previous {
            guard let mention = mentionAt[index] else { continue }
            let entity = tagging.mentions[mention].entity
            if !wantsPerson || isPerson(entity) { return [entity] }
        }
        return []
    }

    // MARK: Making proposals

    private mutating func add(_ summary: ProposalSummary, cue: ProposalTerms.Cue, cueRange: Range<Int>, object: ObjectSpan,
                              owner: Int?, sentence: Int, rule: String, subjects useSubjects: Bool = true) {
        let sentenceRange = document.sentences[sentence].range
        let extractor = "proposals/\(rule):\(document.string(tokens: cueRange).lowercased())"
        var evidence = [Evidence(slot: "proposal", range: sentenceRange, sentence: sentence, extractor: extractor,
                                 confidence: summary.hasKind ? 0.8 : 0.6)]
        var conditions: String?
        if let condition = object.condition, !condition.isEmpty {
            conditions = document.string(tokens: condition)
            evidence.append(Evidence(slot: "conditions", value: conditions, range: document.range(tokens: condition),
                                     sentence: sentence, extractor: extractor, confidence: 0.7))
        }
        var positions: [ExtractedPosition] = []
        func position(_ entity: String, _ stance: Stance, _ tokens: Range<Int>) {
            addPosition(entity, stance, tokens: tokens, sentence: sentence, extractor: extractor, to: &positions)
        }
        if let owner {
            let mention = tagging.mentions[owner]
            position(mention.entity, .proposes, mention.tokens)
        }
        if useSubjects, let stance = cue.stance {
            let actors = subjects(before: cueRange.lowerBound, sentence: sentence)
            let stance = owner != nil && stance == .proposes ? Stance.supports : stance
            for actor in actors { position(actor, stance, cueRange) }
        }
        let status = owner != nil ? ProposalStatus.proposed : cue.status ?? .proposed
        found.append(FoundProposal(
            proposal: ExtractedProposal(summary: summary.text, kind: summary.kind, status: status, conditions: conditions,
                                        positions: positions, evidence: evidence),
            key: summary.key, fromTable: false))
    }

    // MARK: Tables

    mutating func findInTables() {
        let recognizer = FlattenedTableRecognizer(document: document, terms: terms)
        let terms = self.terms
        for table in recognizer.tables() {
            let roles = table.labels.map { label -> String? in
                let labelTokens = Document(text: label).tokens
                return labelTokens.indices.compactMap {
                    terms.match([.column], in: labelTokens, at: $0, end: labelTokens.count)?.cue.value
                }.first
            }
            for row in table.rows {
                guard let label = row.cells.first, !label.isEmpty, !labelNamesActor(label, paragraph: row.paragraph) else { continue }
                var features: [String] = []
                var challenges: [String] = []
                for (column, cell) in row.cells.enumerated().dropFirst() where !cell.isEmpty {
                    switch roles[column] {
                    case "features": features.append(cell)
                    case "challenges": challenges.append(cell)
                    default: features.append("\(table.labels[column]): \(cell)")
                    }
                }
                // The row read alone: its label gives the summary, all its cells the kind.
                let rowDocument = Document(text: row.cells.joined(separator: " ; "))
                let rowSummarizer = ProposalSummarizer(document: rowDocument, terms: terms)
                let labelTokens = Array(0..<min(Document(text: label).tokens.count, rowDocument.tokens.count))
                let paragraph = document.paragraphs[row.paragraph]
                let sentence = document.sentences.firstIndex { $0.paragraph == row.paragraph } ?? 0
                let evidence = Evidence(slot: "proposal", range: paragraph, sentence: sentence,
                                        extractor: "proposals/table-row", confidence: 0.7)
                found.append(FoundProposal(
                    proposal: ExtractedProposal(summary: rowSummarizer.sentenceCase(labelTokens),
                                                kind: rowSummarizer.kind(of: Array(rowDocument.tokens.indices)),
                                                status: .underDiscussion,
                                                features: features.isEmpty ? nil : features.joined(separator: "; "),
                                                challenges: challenges.isEmpty ? nil : challenges.joined(separator: "; "),
                                                evidence: [evidence]),
                    key: rowSummarizer.key(of: labelTokens, replacement: nil), fromTable: true))
            }
        }
    }
}

extension ProposalPass {
    /// A row labelled by an actor ("Poland | 4.1% | 5%") describes the actor, not a proposal.
    func labelNamesActor(_ label: String, paragraph: Int) -> Bool {
        guard let sentence = document.sentences.first(where: { $0.paragraph == paragraph }),
              let first = sentence.tokens.first(where: { tokens[$0].kind != .punctuation }),
              let mention = mentionAt[first] else { return false }
        return document.string(tokens: tagging.mentions[mention].tokens) == label
    }
}

/// Ties a proposal to the meeting its sentence refers to.
struct MeetingLinker {
    let document: Document
    let terms: ProposalTerms
    let meetings: [ExtractedMeeting]

    /// The meeting a sentence refers to: one whose evidence is in the sentence; else, when
    /// the sentence names a meeting ("at the summit", "the talks will discuss"), the meeting
    /// whose place or name it also names, or the one mentioned last before it.
    func meeting(forSentence sentence: Int) -> Int? {
        guard !meetings.isEmpty, sentence < document.sentences.count else { return nil }
        if let direct = meetings.indices.first(where: { meetings[$0].evidence.contains { $0.sentence == sentence } }) {
            return direct
        }
        let range = document.sentences[sentence].tokens
        let words = Set(range.map { document.tokens[$0].folded })
        guard words.contains(where: { terms.isWord(.meeting, $0) }) else { return nil }
        let named = meetings.indices.filter { index in
            let meeting = meetings[index]
            return [meeting.city, meeting.venue, meeting.country].compactMap { $0 }.contains { place in
                let folded = foldedTokens(place)
                return !folded.isEmpty && folded.allSatisfy(words.contains)
            }
        }
        if named.count == 1 { return named[0] }
        let candidates = named.isEmpty ? Array(meetings.indices) : named
        if candidates.count == 1 { return candidates[0] }
        return candidates.max { lastMention(meetings[$0], before: sentence) < lastMention(meetings[$1], before: sentence) }
            .flatMap { lastMention(meetings[$0], before: sentence) >= 0 ? $0 : nil }
    }

    private func lastMention(_ meeting: ExtractedMeeting, before sentence: Int) -> Int {
        meeting.evidence.map(\.sentence).filter { $0 <= sentence }.max() ?? -1
    }
}

/// Merges the mentions of one idea within an article.
enum ProposalMerger {
    /// Two found proposals are one idea when their kinds agree (and are known) and one
    /// content key holds the other, or they share at least half their words; keys that
    /// are equal always merge. The first mention gives the summary.
    static func merge(_ found: [FoundProposal]) -> [FoundProposal] {
        var merged: [FoundProposal] = []
        for item in found {
            if let index = merged.firstIndex(where: { sameIdea($0, item) }) {
                var target = merged[index]
                target.proposal.evidence.append(contentsOf: item.proposal.evidence)
                for position in item.proposal.positions
                where !target.proposal.positions.contains(where: { $0.entity == position.entity && $0.stance == position.stance }) {
                    target.proposal.positions.append(position)
                }
                if target.proposal.conditions == nil { target.proposal.conditions = item.proposal.conditions }
                if target.proposal.status == .underDiscussion { target.proposal.status = item.proposal.status }
                target.key.formUnion(item.key)
                merged[index] = target
            } else {
                merged.append(item)
            }
        }
        return merged
    }

    static func sameIdea(_ a: FoundProposal, _ b: FoundProposal) -> Bool {
        if a.fromTable && b.fromTable { return false }
        if a.key == b.key { return true }
        guard a.proposal.kind == b.proposal.kind, a.proposal.kind != ProposalSummary.otherKind else { return false }
        if a.key.isSubset(of: b.key) || b.key.isSubset(of: a.key) { return true }
        let shared = a.key.intersection(b.key).count
        return shared * 2 >= a.key.union(b.key).count
    }
}
