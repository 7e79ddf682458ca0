/// Finds the meetings an article reports and fills their slots and roles.
///
/// Each trigger ("summit", "talks", "will convene", "spoke with") either introduces a
/// meeting or refers back to one already introduced: to the meeting of an earlier
/// trigger in the same sentence, to the last compatible meeting when a determiner points
/// back ("the meeting", "this gathering", "Tuesday’s discussions"), or to the meeting
/// held at the same place. A trigger introduces a meeting only when it has substance
/// (a place, a date, a name, or the two sides of a call); plural and negated forms
/// ("numerous previous summits", "not a full E.U. Summit") are background.
///
/// ```swift
/// let finder = MeetingFinder(terms: terms)
/// let meetings = finder.find(in: document, tagging: tagger.tag(document))
/// meetings.first?.city   // "Paris"
/// ```
public struct MeetingFinder: Sendable {
    public let terms: MeetingTerms

    public init(terms: MeetingTerms) {
        self.terms = terms
    }

    public func find(in document: Document, tagging: EntityTagging) -> [ExtractedMeeting] {
        var pass = MeetingPass(document: document, tagging: tagging, terms: terms)
        pass.run()
        return pass.finished()
    }

    /// The status a resolved date gives when no word does: before the article's date, held;
    /// after it, planned ("the BRICS summit in Kazan in October", written in May). Compared at
    /// the date's own precision; a bare weekday was resolved by the status, so it tells nothing.
    static func status(of date: String, precision: DatePrecision, published: String) -> MeetingStatus? {
        let length: Int
        switch precision {
        case .day: length = 10
        case .month: length = 7
        case .year: length = 4
        default: return nil
        }
        let (meeting, article) = (date.prefix(length), published.prefix(length))
        return meeting < article ? .held : meeting > article ? .planned : nil
    }
}

/// A trigger occurrence in a sentence.
private struct Trigger {
    var tokens: Range<Int>
    var kind: MeetingKind
    var isVerb: Bool
    /// A verb of hosting whose object lists the guests.
    var namesGuests = false
}

/// A place found near a trigger.
private struct Place {
    var city: String?
    var venue: String?
    var country: String?
    var tokens: Range<Int>

    var key: String? { (city ?? venue ?? country).map(Folding.fold) }
}

private struct MeetingPass {
    let document: Document
    let tagging: EntityTagging
    let terms: MeetingTerms
    let dates: DateExpressionFinder
    let cues: CueIndex
    var tokens: [Token] { document.tokens }
    /// Token index → index of the mention covering it.
    var coverage: [Int?]
    var meetings: [ExtractedMeeting] = []
    /// Meeting indices, most recently referred to last.
    var recency: [Int] = []
    var lastReferenceSentence = -2

    init(document: Document, tagging: EntityTagging, terms: MeetingTerms) {
        self.document = document
        self.tagging = tagging
        self.terms = terms
        dates = DateExpressionFinder(document: document)
        cues = terms.index(document)
        coverage = Array(repeating: nil, count: document.tokens.count)
        for (index, mention) in tagging.mentions.enumerated() {
            for token in mention.tokens { coverage[token] = index }
        }
    }

    // MARK: Driving

    mutating func run() {
        for (sentenceIndex, sentence) in document.sentences.enumerated() {
            let triggers = findTriggers(in: sentence)
            let expressions = dates.expressions(in: sentence)
            var sentenceMeetings: [Int] = []
            for (position, trigger) in triggers.enumerated() {
                let segmentStart = position == 0 ? sentence.tokens.lowerBound : triggers[position - 1].tokens.upperBound
                let segmentEnd = position + 1 < triggers.count ? triggers[position + 1].tokens.lowerBound : sentence.tokens.upperBound
                let segment = segmentStart..<segmentEnd
                guard !isBackground(trigger, sentence) else { continue }
                var kind = trigger.kind
                if kind == .meeting, let cue = kindCue(near: trigger, in: segment) { kind = cue }
                let place = self.place(for: trigger, kind: kind, in: segment, sentenceIndex: sentenceIndex)
                // A date between two triggers is the earlier one's ("met in Brussels on Thursday
                // ahead of the summit in The Hague").
                let date = closestDate(expressions, to: trigger,
                                       in: (position == 0 ? segment.lowerBound : trigger.tokens.lowerBound)..<segment.upperBound)
                let named = self.namedMeeting(trigger)
                let index: Int
                if let same = sentenceMeetings.last(where: { compatible(meetings[$0], kind, place, date) }) {
                    index = same
                } else if let antecedent = antecedent(kind: kind, place: place, date: date,
                                                      anaphoric: isAnaphoric(trigger, sentence), trigger: trigger) {
                    index = antecedent
                } else if place != nil || date != nil || named != nil || kind == .call || kind == .virtual {
                    index = meetings.count
                    meetings.append(ExtractedMeeting(kind: kind, name: ""))
                } else {
                    continue
                }
                sentenceMeetings.append(index)
                recency.removeAll { $0 == index }
                recency.append(index)
                // "Following Tuesday's discussions, ministers from A and B will convene": the
                // list before a verb trigger is its subject's, not the earlier meeting's.
                var roles = segment
                if position + 1 < triggers.count, triggers[position + 1].isVerb,
                   let comma = (trigger.tokens.upperBound..<segment.upperBound).first(where: { tokens[$0].folded == "," }) {
                    roles = segment.lowerBound..<comma
                }
                record(trigger: trigger, kind: kind, place: place, date: date, named: named,
                       segment: segment, roles: roles, sentence: sentenceIndex, into: index)
            }
            if triggers.isEmpty, let last = recency.last {
                if lastReferenceSentence == sentenceIndex - 1 {
                    // "Russia was not invited." right after a meeting sentence: roles for that meeting.
                    recordRoleCues(in: sentence.tokens, sentence: sentenceIndex, into: last)
                } else if sentenceIndex - lastReferenceSentence <= Self.exclusionReach {
                    // "Venezuela did not attend." or "Sybiha took part by video link." a little
                    // later: staying out or taking part names the meeting just reported; other
                    // roles need it in the sentence before.
                    recordRoleCues(in: sentence.tokens, sentence: sentenceIndex, into: last, later: true)
                }
            }
            if !sentenceMeetings.isEmpty { lastReferenceSentence = sentenceIndex }
            inheritSameDayDates(sentence: sentence, meetings: sentenceMeetings)
        }
    }

    func findTriggers(in sentence: Sentence) -> [Trigger] {
        var found: [Trigger] = []
        var i = sentence.tokens.lowerBound
        let end = sentence.tokens.upperBound
        while i < end {
            if let match = cues.match(.nontrigger, at: i, end: end) {
                i += match.length
            } else if let match = cues.match(.trigger, at: i, end: end), let kind = MeetingKind(rawValue: match.value) {
                found.append(Trigger(tokens: i..<(i + match.length), kind: kind, isVerb: false))
                i += match.length
            } else if let match = cues.match(.verb, at: i, end: end), let kind = MeetingKind(rawValue: match.value) {
                found.append(Trigger(tokens: i..<(i + match.length), kind: kind, isVerb: true))
                i += match.length
            } else if let match = cues.match(.guest, at: i, end: end), let kind = MeetingKind(rawValue: match.value),
                      namesGuest(after: i + match.length, end: end) {
                found.append(Trigger(tokens: i..<(i + match.length), kind: kind, isVerb: true, namesGuests: true))
                i += match.length
            } else {
                i += 1
            }
        }
        return found
    }

    /// Whether an actor follows a verb of hosting as its object ("hosted the presidents of
    /// Colombia", "received Zelensky"), before any clause mark or preposition of place.
    func namesGuest(after start: Int, end: Int) -> Bool {
        var k = start
        while k < min(end, start + 6) {
            if let mention = coverage[k] {
                return tagging.entity(tagging.mentions[mention].entity).map { $0.kind != .group } ?? false
            }
            let word = tokens[k].folded
            // Titles before the guest's name: "received Brazilian President Lula".
            guard listFiller.contains(word) || word == "," || tokens[k].isCapitalized else { return false }
            k += 1
        }
        return false
    }

    /// The token after the guests a verb of hosting lists: actors, their titles, fillers and commas.
    func guestsEnd(from start: Int, end: Int) -> Int {
        var k = start
        while k < end, coverage[k] != nil || listFiller.contains(tokens[k].folded) || tokens[k].folded == ","
                || tokens[k].isCapitalized && gazetteerPlace(at: k, end: end) == nil { k += 1 }
        return k
    }

    // MARK: Background and reference

    func isBackground(_ trigger: Trigger, _ sentence: Sentence) -> Bool {
        let last = tokens[trigger.tokens.upperBound - 1].folded
        if !trigger.isVerb, terms.isCue(.plural, last) { return true }
        var k = trigger.tokens.lowerBound - 1
        var steps = 0
        while k >= sentence.tokens.lowerBound, steps < 5 {
            let word = tokens[k].folded
            if steps < 3, terms.isCue(.background, word) { return true }
            if terms.isCue(.negation, word), !insideExclusion(k, floor: sentence.tokens.lowerBound) { return true }
            if word == "," || word == ";" { break }
            k -= 1
            steps += 1
        }
        return false
    }

    /// Whether token `k` belongs to an exclusion cue ("was not invited to the talks",
    /// "did not attend the summit"): the negation is the party's, not the meeting's.
    func insideExclusion(_ k: Int, floor: Int) -> Bool {
        (max(floor, k - 3)...k).contains { start in
            cues.match(.exclusion, at: start, end: tokens.count).map { start + $0.length > k } ?? false
        }
    }

    /// A determiner or possessive before the trigger (over at most three modifiers) points back.
    func isAnaphoric(_ trigger: Trigger, _ sentence: Sentence) -> Bool {
        var k = trigger.tokens.lowerBound - 1
        var steps = 0
        while k >= sentence.tokens.lowerBound, steps < 4 {
            let word = tokens[k].folded
            if word == "a" || word == "an" { return false }
            if terms.isCue(.anaphor, word) { return true }
            if tokens[k].kind == .punctuation { return false }
            k -= 1
            steps += 1
        }
        return false
    }

    func antecedent(kind: MeetingKind, place: Place?, date: DateExpression?, anaphoric: Bool, trigger: Trigger) -> Int? {
        for index in recency.reversed() where compatible(meetings[index], kind, place, date) {
            // A place named with the reference must be the meeting's own.
            if let key = place?.key {
                if placeKeys(meetings[index]).contains(key) { return index }
                continue
            }
            if anaphoric { return index }
            // A bare verb or talks with neither place nor date continues the last meeting.
            if place == nil, date == nil, trigger.isVerb || kind == .talks, index == recency.last { return index }
        }
        return nil
    }

    func compatible(_ meeting: ExtractedMeeting, _ kind: MeetingKind, _ place: Place?, _ date: DateExpression?) -> Bool {
        guard kindsCompatible(meeting.kind, kind) else { return false }
        if let key = place?.key, !placeKeys(meeting).isEmpty, !placeKeys(meeting).contains(key) { return false }
        if let date, let existing = meeting.dateText, Folding.fold(existing) != Folding.fold(date.text) { return false }
        return true
    }

    func placeKeys(_ meeting: ExtractedMeeting) -> Set<String> {
        Set([meeting.city, meeting.venue, meeting.country].compactMap { $0.map(Folding.fold) })
    }

    /// Generic kinds give way to specific ones: meeting < talks < the rest.
    func specificity(_ kind: MeetingKind) -> Int { kind == .meeting ? 0 : kind == .talks ? 1 : 2 }

    func kindsCompatible(_ a: MeetingKind, _ b: MeetingKind) -> Bool {
        if a == b || a == .meeting || b == .meeting || a == .talks || b == .talks { return true }
        let leaders: Set<MeetingKind> = [.summit, .conference]
        let remote: Set<MeetingKind> = [.virtual, .call]
        return leaders.contains(a) && leaders.contains(b) || remote.contains(a) && remote.contains(b)
    }

    // MARK: Slots

    func kindCue(near trigger: Trigger, in segment: Range<Int>) -> MeetingKind? {
        let lower = segment.lowerBound
        let upper = min(segment.upperBound, trigger.tokens.upperBound + 8)
        var best: (distance: Int, kind: MeetingKind)?
        var i = lower
        while i < upper {
            if let match = cues.match(.kind, at: i, end: upper), let kind = MeetingKind(rawValue: match.value) {
                let distance = i < trigger.tokens.lowerBound ? trigger.tokens.lowerBound - i : i - trigger.tokens.upperBound
                if best == nil || distance < best!.distance { best = (distance, kind) }
                i += match.length
            } else {
                i += 1
            }
        }
        return best?.kind
    }

    /// The place of a trigger: a modifier ("the Paris meeting", "the Élysée summit"), a named
    /// meeting's city, "in/at X" after it, "to X" for a visit, or the article's dateline.
    func place(for trigger: Trigger, kind: MeetingKind, in segment: Range<Int>, sentenceIndex: Int) -> Place? {
        // Modifiers right before the trigger.
        var k = trigger.tokens.lowerBound - 1
        while k >= segment.lowerBound, k >= trigger.tokens.lowerBound - 4, tokens[k].isCapitalized || tokens[k].folded == "'s" {
            if let place = gazetteerPlace(at: k, end: trigger.tokens.lowerBound) { return place }
            k -= 1
        }
        // "arrived in Kyiv": the trigger ends with its preposition; "will visit Cairo": a visit's object.
        if ["in", "at", "to"].contains(tokens[trigger.tokens.upperBound - 1].folded) || trigger.isVerb && kind == .visit,
           trigger.tokens.upperBound < segment.upperBound, let place = placeAt(trigger.tokens.upperBound, end: segment.upperBound) {
            return place
        }
        // "in Paris", "at the Élysée Palace in Paris", "to Washington" (visits); after the
        // guests of a verb of hosting ("hosted the presidents of Colombia and Peru in Brasília").
        let searchStart = trigger.namesGuests ? guestsEnd(from: trigger.tokens.upperBound, end: segment.upperBound)
                                              : trigger.tokens.upperBound
        var i = searchStart
        let end = min(segment.upperBound, searchStart + 14)
        var found: Place?
        while i < end {
            let word = tokens[i].folded
            if word == "." || word == ";" { break }
            if found == nil, i - searchStart > 5 { break }
            if word == "in" || word == "at" || (word == "to" && (kind == .visit || trigger.isVerb)) {
                var m = i + 1
                if m < end, tokens[m].folded == "the", gazetteerPlace(at: m, end: end) == nil { m += 1 }
                if m < end, let place = placeAt(m, end: end) {
                    if var existing = found {
                        if existing.venue != nil {
                            existing.city = existing.city ?? place.city
                            existing.country = existing.country ?? place.country
                            found = existing
                        } else if place.city != nil, place.country != nil {
                            found = place   // "... due to open in Addis Ababa"
                        }
                        break
                    }
                    found = place
                    // A venue looks on for its city; a country inside the topic ("a summit on the war
                    // in Sudan") for the city where the meeting is.
                    let topical = place.city == nil && place.venue == nil
                        && (searchStart..<i).contains { ["on", "about", "over"].contains(tokens[$0].folded) }
                    if place.venue == nil, !topical { break }
                    i = place.tokens.upperBound
                    continue
                }
            }
            i += 1
        }
        if let found { return found }
        // "hosted his counterparts in Tromsø on Wednesday for talks": a place just before the trigger.
        var back = trigger.tokens.lowerBound - 1
        while back > segment.lowerBound, back >= trigger.tokens.lowerBound - 8 {
            // "travelling to Amman, where he will attend a conference".
            if tokens[back].folded == "where", tokens[back - 1].folded == ",",
               let place = (max(segment.lowerBound, back - 4)..<(back - 1)).lazy.compactMap({ self.gazetteerPlace(at: $0, end: back - 1) })
                .first(where: { $0.tokens.upperBound == back - 1 }) {
                return place
            }
            if ["in", "at"].contains(tokens[back].folded), !["the", "a"].contains(tokens[back + 1].folded) || gazetteerPlace(at: back + 1, end: trigger.tokens.lowerBound) != nil,
               let place = placeAt(back + 1, end: trigger.tokens.lowerBound) {
                return place
            }
            back -= 1
        }
        // A dateline opening the sentence ("Paris – ...") or the article.
        let sentence = document.sentences[sentenceIndex]
        if let place = gazetteerPlace(at: sentence.tokens.lowerBound, end: sentence.tokens.upperBound),
           place.tokens.upperBound < sentence.tokens.upperBound,
           ["–", "—", "-"].contains(tokens[place.tokens.upperBound].folded) {
            return place
        }
        // Where the story was filed says nothing of where a call took place, and a visit
        // goes somewhere else, as a rule.
        if meetings.isEmpty, sentence.paragraph == 0, ![.call, .virtual, .visit].contains(kind), let dateline = document.dateline {
            return Place(city: dateline, venue: nil, country: terms.match(.city, in: dateline)?.value, tokens: trigger.tokens)
        }
        return nil
    }

    func gazetteerPlace(at k: Int, end: Int) -> Place? {
        if let venue = cues.match(.venue, at: k, end: end) {
            let city = venue.value
            let country = terms.match(.city, in: city)?.value
            return Place(city: city, venue: document.string(tokens: k..<(k + venue.length)), country: country,
                         tokens: k..<(k + venue.length))
        }
        if let city = cues.match(.city, at: k, end: end) {
            return Place(city: unshouted(document.string(tokens: k..<(k + city.length))), venue: nil, country: city.value,
                         tokens: k..<(k + city.length))
        }
        return nil
    }

    /// A place as written, or capitalized when the dateline shouts it (`BERLIN` → `Berlin`).
    func unshouted(_ name: String) -> String {
        // Most places have a lower-case letter: no need to look at their characters.
        if name.utf8.contains(where: { $0 >= 97 && $0 <= 122 }) { return name }
        return name.split(separator: " ").map { Byline.capitalizedIfShouting(String($0)) }.joined(separator: " ")
    }

    /// A place starting at token `k`: a known venue or city, a country, or an unknown capitalized name.
    func placeAt(_ k: Int, end: Int) -> Place? {
        if let place = gazetteerPlace(at: k, end: end) { return place }
        if let mentionIndex = coverage[k] {
            let mention = tagging.mentions[mentionIndex]
            guard let entity = tagging.entity(mention.entity), entity.kind == .country, mention.form != .adjective else { return nil }
            return Place(city: nil, venue: nil, country: entity.name, tokens: mention.tokens)
        }
        guard tokens[k].isCapitalized, tokens[k].kind == .word,
              !DateExpressionFinder.weekdays.contains(tokens[k].folded),
              !DateExpressionFinder.months.contains(tokens[k].folded) else { return nil }
        var m = k
        while m < end, m - k < 3, tokens[m].isCapitalized, tokens[m].kind == .word, coverage[m] == nil { m += 1 }
        if m - k > 1, terms.isCue(.venueHead, tokens[m - 1].folded) {
            return Place(city: nil, venue: document.string(tokens: k..<m), country: nil, tokens: k..<m)   // "Itamaraty Palace"
        }
        return Place(city: document.string(tokens: k..<m), venue: nil, country: nil, tokens: k..<m)
    }

    func closestDate(_ expressions: [DateExpression], to trigger: Trigger, in segment: Range<Int>) -> DateExpression? {
        expressions.filter { segment.contains($0.tokens.lowerBound) }.min {
            distance($0.tokens, trigger.tokens) < distance($1.tokens, trigger.tokens)
        }
    }

    func distance(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        a.upperBound <= b.lowerBound ? b.lowerBound - a.upperBound : max(0, a.lowerBound - b.upperBound)
    }

    /// "Munich Security Conference", "Leaders’ Summit": a capitalized trigger with a capitalized run before it.
    func namedMeeting(_ trigger: Trigger) -> Range<Int>? {
        guard tokens[trigger.tokens.lowerBound].isCapitalized else { return nil }
        var k = trigger.tokens.lowerBound
        while k - 1 >= 0, tokens[k - 1].sentence == tokens[trigger.tokens.lowerBound].sentence,
              tokens[k - 1].isCapitalized || tokens[k - 1].folded == "'s" || tokens[k - 1].folded == "'",
              k - 1 > document.sentences[tokens[k - 1].sentence].tokens.lowerBound || tokens[k - 1].folded != "the" {
            if tokens[k - 1].folded == "the" { break }
            k -= 1
        }
        return k < trigger.tokens.lowerBound ? k..<trigger.tokens.upperBound : nil
    }

    /// The status cue closest to the trigger, within eight tokens of it.
    func status(near trigger: Trigger, in segment: Range<Int>) -> MeetingStatus? {
        var best: (distance: Int, status: MeetingStatus)?
        let window = max(segment.lowerBound, trigger.tokens.lowerBound - 8)..<min(segment.upperBound, trigger.tokens.upperBound + 8)
        for i in window {
            for (cue, status) in [(MeetingTerms.Cue.planned, MeetingStatus.planned), (.held, .held), (.ongoing, .ongoing)] {
                // A cue starting in the window may run past it ("was due to").
                guard let match = cues.match(cue, at: i, end: segment.upperBound) else { continue }
                let d = distance(i..<(i + match.length), trigger.tokens)
                if best == nil || d < best!.distance { best = (d, status) }
            }
        }
        return best?.status
    }

    // MARK: Recording a trigger's findings

    /// Records what a trigger found; its roles come from `roles`, the part of its segment
    /// that belongs to it.
    mutating func record(trigger: Trigger, kind: MeetingKind, place: Place?, date: DateExpression?, named: Range<Int>?,
                         segment: Range<Int>, roles: Range<Int>, sentence: Int, into index: Int) {
        var meeting = meetings[index]
        // Moved out, not shared: while `meetings[index]` also holds the evidence array, each
        // append below copies it whole, quadratic for an article repeating one meeting.
        meetings[index].evidence = []
        let isNew = meeting.name.isEmpty
        let triggerRange = document.range(tokens: trigger.tokens)
        meeting.evidence.append(Evidence(slot: "meeting", value: document.string(tokens: trigger.tokens), range: triggerRange,
                                         sentence: sentence, extractor: "meetings/trigger", confidence: isNew ? 0.8 : 0.7))
        if isNew || specificity(kind) > specificity(meeting.kind) { meeting.kind = kind }
        if let place, meeting.city == nil && meeting.venue == nil && meeting.country == nil || meeting.venue == nil && place.venue != nil {
            meeting.city = meeting.city ?? place.city
            meeting.venue = meeting.venue ?? place.venue
            meeting.country = meeting.country ?? place.country
            let slot = place.venue != nil ? "venue" : place.city != nil ? "city" : "country"
            meeting.evidence.append(Evidence(slot: slot, value: place.venue ?? place.city ?? place.country,
                                             range: document.range(tokens: place.tokens), sentence: sentence,
                                             extractor: "meetings/place", confidence: 0.8))
        }
        if let date, meeting.dateText == nil {
            meeting.dateText = date.text
            meeting.datePrecision = date.precision
            meeting.date = date.date
            meeting.evidence.append(Evidence(slot: "date", value: date.text, range: document.range(tokens: date.tokens),
                                             sentence: sentence, extractor: "meetings/date", confidence: 0.8))
        }
        if meeting.status == .unknown, let status = status(near: trigger, in: segment) { meeting.status = status }
        if let named, isNew {
            meeting.topic = nil
            meeting.name = String(document.string(tokens: named).map { $0 == "’" ? "'" : $0 })
        }
        meetings[index] = meeting
        recordRoles(trigger: trigger, segment: roles, sentence: sentence, into: index)
        if meetings[index].name.isEmpty { meetings[index].name = "-" }
    }

    mutating func recordRoles(trigger: Trigger, segment: Range<Int>, sentence: Int, into index: Int) {
        recordRoleCues(in: segment, sentence: sentence, into: index)
        if meetings[index].participantCount == nil { meetings[index].participantCount = participantCount(in: segment) }
        recordParties(of: trigger, segment: segment, sentence: sentence, into: index)
    }

    /// How many sentences after a meeting's last mention an exclusion still refers to it.
    static let exclusionReach = 3

    /// "Sybiha took part", "Rubio and Waltz will lead the delegation": the subjects of a verb
    /// of taking part attend (not "was attended by", whose list the attendee cue reads).
    mutating func takesPart(cue: Int, segment: Range<Int>, sentence: Int, into index: Int) {
        guard !isPassive(at: cue) else { return }
        for mentionIndex in subjects(in: clauseStart(before: cue, floor: segment.lowerBound)..<cue) {
            addRole(tagging.mentions[mentionIndex], .attendee, sentence: sentence, into: index)
        }
    }

    /// Roles given by cue phrases: attendee lists, exclusions, conveners, speakers, taking
    /// part. A sentence a little after its meeting (`later`) gives only exclusions (not by a
    /// preposition, which needs its meeting in the sentence) and taking part.
    mutating func recordRoleCues(in segment: Range<Int>, sentence: Int, into index: Int, later: Bool = false) {
        // Lists after attendee cues ("leaders from A, B and C", "talks with X").
        var i = segment.lowerBound
        while i < segment.upperBound {
            if let cue = cues.match(.nontrigger, at: i, end: segment.upperBound) {
                i += cue.length   // "called for", "call on": no convener
                continue
            }
            if !later, let cue = cues.match(.attendees, at: i, end: segment.upperBound) {
                i = collectList(from: i + cue.length, end: segment.upperBound, role: .attendee, sentence: sentence, into: index)
                continue
            }
            if let cue = cues.match(.exclusion, at: i, end: segment.upperBound) {
                if !later || !prepositionalExclusions.contains(tokens[i].folded) {
                    excluded(cue: i..<(i + cue.length), segment: segment, sentence: sentence, into: index)
                }
                i += cue.length
                continue
            }
            if !later, let cue = cues.match(.convenerAfter, at: i, end: segment.upperBound) {
                if let mention = firstActor(from: i + cue.length, end: min(segment.upperBound, i + cue.length + 10)) {
                    setConvener(mention, role: .convener, sentence: sentence, into: index)
                }
                i += cue.length
                continue
            }
            if !later, let cue = cues.match(.convenerBefore, at: i, end: segment.upperBound), !isPassive(at: i),
               let mention = subject(before: i, clauseFloor: segment.lowerBound) {
                // "Egyptian and Qatari mediators hosted": each convenes, the first named leads.
                for host in coordination(endingWith: mention) {
                    setConvener(host, role: tokens[i].folded.hasPrefix("host") ? .host : .convener, sentence: sentence, into: index)
                }
                i += cue.length
                continue
            }
            if !later, let cue = cues.match(.speaker, at: i, end: segment.upperBound),
               let mention = subject(before: i, clauseFloor: segment.lowerBound) {
                addRole(mention, .speaker, sentence: sentence, into: index)
                i += cue.length
                continue
            }
            if cues.match(.attend, at: i, end: segment.upperBound) != nil {
                takesPart(cue: i, segment: segment, sentence: sentence, into: index)
                i += 1   // "joined their counterparts from X": the attendee cue inside still lists X
                continue
            }
            i += 1
        }
    }

    /// The parties a trigger itself names: the subject of "will meet" or "will hold talks",
    /// the object of "spoke with" or "met", the owner of "Starmer's visit".
    mutating func recordParties(of trigger: Trigger, segment: Range<Int>, sentence: Int, into index: Int) {
        let start = trigger.tokens.lowerBound, end = trigger.tokens.upperBound
        if trigger.isVerb, trigger.namesGuests || tokens[end - 1].folded == "with" || end < segment.upperBound && tokens[end].isCapitalized {
            _ = collectList(from: end, end: segment.upperBound, role: .attendee, sentence: sentence, into: index)
        }
        let floor = clauseStart(before: start, floor: segment.lowerBound)
        if trigger.isVerb || holdVerb(before: trigger, floor: segment.lowerBound) {
            for mentionIndex in subjects(in: floor..<start) {
                addRole(tagging.mentions[mentionIndex], .attendee, sentence: sentence, into: index)
            }
        }
        if start >= 2, tokens[start - 1].folded == "'s", let owner = coverage[start - 2] {
            addRole(tagging.mentions[owner], .attendee, sentence: sentence, into: index)
        }
        if let pronoun = possessivePronounPerson(before: trigger, floor: floor) {
            addRole(pronoun, .attendee, sentence: sentence, into: index)
        }
    }

    /// "X will hold talks", "X's visit": a verb of holding (or a possessor) makes the subject a party.
    func holdVerb(before trigger: Trigger, floor: Int) -> Bool {
        let start = trigger.tokens.lowerBound
        if start > 0, tokens[start - 1].folded == "'s", start >= 2, coverage[start - 2] != nil { return true }
        return (max(floor, start - 4)..<start).contains { terms.isCue(.hold, tokens[$0].folded) }
    }

    /// A bare number before a count noun: "chiefs from 30 European and NATO nations".
    func participantCount(in segment: Range<Int>) -> Int? {
        for i in segment where tokens[i].kind == .number {
            guard let count = Int(tokens[i].folded.filter { $0 != "," }), count > 1, count < 1000 else { continue }
            for k in (i + 1)..<min(segment.upperBound, i + 5) where terms.isCue(.count, tokens[k].folded) { return count }
        }
        return nil
    }

    /// "has been called": a passive verb names no convener before it.
    func isPassive(at index: Int) -> Bool {
        index > 0 && ["been", "be", "being", "was", "were", "is", "are"].contains(tokens[index - 1].folded)
            && !tokens[index].folded.hasSuffix("ing")
    }

    /// Collects actors listed from `start`: mentions separated by commas, "and", "as well as",
    /// titles and a few filler words; stops at a place preposition or a verb.
    mutating func collectList(from start: Int, end: Int, role: MeetingRole, sentence: Int, into index: Int) -> Int {
        var k = start
        var unknownRun = 0
        while k < end {
            let token = tokens[k]
            if let mentionIndex = coverage[k] {
                let mention = tagging.mentions[mentionIndex]
                let possessive = mention.tokens.upperBound < end && tokens[mention.tokens.upperBound].folded == "'s"
                if !possessive { addRole(mention, role, sentence: sentence, into: index) }
                k = mention.tokens.upperBound
                unknownRun = 0
                continue
            }
            if listStops.contains(token.folded) || cues.match(.exclusion, at: k, end: end) != nil
                || k > start && (cues.match(.attendees, at: k, end: end) != nil || cues.match(.attend, at: k, end: end) != nil) { break }
            if token.kind == .punctuation || listFiller.contains(token.folded) || token.kind == .number || token.isCapitalized {
                k += 1
                continue
            }
            unknownRun += 1
            if unknownRun > 2 { break }
            k += 1
        }
        return k
    }

    mutating func excluded(cue: Range<Int>, segment: Range<Int>, sentence: Int, into index: Int) {
        // "excluding Russia", "left out the United States"; not "was not invited, AU officials said".
        let forward = cue.upperBound < segment.upperBound
            && (coverage[cue.upperBound] != nil || cue.upperBound + 1 < segment.upperBound && coverage[cue.upperBound + 1] != nil
                && tokens[cue.upperBound].kind != .punctuation)
        if forward {
            _ = collectList(from: cue.upperBound, end: min(segment.upperBound, cue.upperBound + 6), role: .excluded,
                            sentence: sentence, into: index)
        } else if !prepositionalExclusions.contains(tokens[cue.lowerBound].folded) {
            // "without its participation" excludes no one; "X was not invited" excludes X.
            let floor = clauseStart(before: cue.lowerBound, floor: document.sentences[sentence].tokens.lowerBound)
            for mentionIndex in subjects(in: floor..<cue.lowerBound) {
                addRole(tagging.mentions[mentionIndex], .excluded, sentence: sentence, into: index)
            }
        }
    }

    /// The first actor mention from `start` (people first), skipping titles ("by the President of France – Emmanuel Macron").
    func firstActor(from start: Int, end: Int) -> EntityMention? {
        let candidates = (start..<max(start, end)).compactMap { coverage[$0] }.map { tagging.mentions[$0] }
        return candidates.first { tagging.entity($0.entity)?.kind == .person } ?? candidates.first
    }

    /// The actor doing what the cue at `cue` says: the nearest person before it in the clause, else the nearest actor.
    func subject(before cue: Int, clauseFloor: Int) -> EntityMention? {
        let floor = max(clauseFloor, document.sentences[tokens[cue].sentence].tokens.lowerBound)
        let mentions = subjects(in: floor..<cue).map { tagging.mentions[$0] }
        return mentions.last { tagging.entity($0.entity)?.kind == .person } ?? mentions.last
    }

    /// Mentions in `range` that act as subjects: not after a preposition, not possessors, not
    /// inside a relative clause between commas (", who faces a warrant,").
    func subjects(in range: Range<Int>) -> [Int] {
        var result: [Int] = []
        var seen = Set<Int>()
        var k = range.lowerBound
        while k < range.upperBound {
            defer { k += 1 }
            if let close = relativeClauseEnd(at: k, before: range.upperBound) { k = close; continue }
            guard let mentionIndex = coverage[k], !seen.contains(mentionIndex) else { continue }
            seen.insert(mentionIndex)
            let mention = tagging.mentions[mentionIndex]
            if mention.tokens.upperBound < tokens.count, tokens[mention.tokens.upperBound].folded == "'s",
               !ownsBody(after: mention.tokens.upperBound + 1, end: range.upperBound) { continue }
            var p = mention.tokens.lowerBound - 1
            var governed = false
            while p >= range.lowerBound, p >= mention.tokens.lowerBound - 4 {
                let word = tokens[p].folded
                // "Secretary of State Marco Rubio": an "of" inside a title governs the title's word.
                if word == "of", p + 1 < mention.tokens.lowerBound, tokens[p + 1].isCapitalized { p -= 1; continue }
                if prepositions.contains(word) { governed = true; break }
                if coverage[p] != nil || word == "," || word == "and" { break }
                p -= 1
            }
            if !governed { result.append(mentionIndex) }
        }
        return result
    }

    /// "Myanmar's (military) government", "Sudan's army-led delegation", "Qatar's prime
    /// minister": a body of the possessor within three words, and no person named after it,
    /// so the possessor acts.
    func ownsBody(after start: Int, end: Int) -> Bool {
        guard let body = (start..<min(end, start + 4)).first(where: { terms.isCue(.body, tokens[$0].folded) && coverage[$0] == nil })
        else { return false }
        // "Kosovo's Prime Minister Albin Kurti": the named person acts, not the possessor.
        return !((body + 1)..<min(tokens.count, body + 3)).contains { k in
            coverage[k].flatMap { tagging.entity(tagging.mentions[$0].entity) }?.kind == .person
        }
    }

    /// The comma closing a relative clause that opens at `k` with ", who" or ", which" and
    /// closes before `limit`, or nil.
    func relativeClauseEnd(at k: Int, before limit: Int) -> Int? {
        guard tokens[k].folded == ",", k + 1 < limit, ["who", "which"].contains(tokens[k + 1].folded) else { return nil }
        return ((k + 2)..<limit).first { tokens[$0].folded == "," }
    }

    /// Where the clause of the token at `index` starts; a relative clause closed before it
    /// ("Putin, who faces a warrant, stayed away") is passed over to its antecedent.
    func clauseStart(before index: Int, floor: Int) -> Int {
        var k = index - 1
        while k >= floor {
            if clauseOpeners.contains(tokens[k].folded) {
                if k - 1 >= floor, relativeClauseEnd(at: k - 1, before: index) != nil {
                    k -= 2
                    continue
                }
                return k + 1
            }
            k -= 1
        }
        return floor
    }

    /// "His upcoming trip": the person the possessive pronoun points to (the last person named before).
    func possessivePronounPerson(before trigger: Trigger, floor: Int) -> EntityMention? {
        let window = max(floor, trigger.tokens.lowerBound - 3)..<trigger.tokens.lowerBound
        guard window.contains(where: { ["his", "her"].contains(tokens[$0].folded) }) else { return nil }
        let start = tokens[trigger.tokens.lowerBound].range.lowerBound
        return tagging.mentions.last { $0.evidence.range.upperBound <= start && tagging.entity($0.entity)?.kind == .person }
    }

    /// The mentions joined to `mention` by "and" or commas right before it, in text order,
    /// ending with it ("Egypt and Qatar", "France, Germany and Poland").
    func coordination(endingWith mention: EntityMention) -> [EntityMention] {
        var run = [mention]
        var k = run[0].tokens.lowerBound - 1
        while k >= 1, tokens[k].folded == "and" || tokens[k].folded == ",", let previous = coverage[k - 1],
              tokens[k].sentence == tokens[mention.tokens.lowerBound].sentence {
            run.insert(tagging.mentions[previous], at: 0)
            k = run[0].tokens.lowerBound - 1
        }
        return run
    }

    mutating func setConvener(_ mention: EntityMention, role: MeetingRole, sentence: Int, into index: Int) {
        if meetings[index].convener == nil {
            meetings[index].convener = mention.entity
            meetings[index].evidence.append(Evidence(slot: "convener", value: tagging.entity(mention.entity)?.name,
                                                     range: mention.evidence.range, sentence: sentence,
                                                     extractor: "meetings/convener", confidence: 0.8))
        }
        addRole(mention, role, sentence: sentence, into: index)
    }

    mutating func addRole(_ mention: EntityMention, _ role: MeetingRole, sentence: Int, into index: Int) {
        guard !meetings[index].participants.contains(where: { $0.entity == mention.entity && $0.role == role }) else { return }
        let evidence = Evidence(slot: role.rawValue, value: tagging.entity(mention.entity)?.name, range: mention.evidence.range,
                                sentence: sentence, extractor: "meetings/roles", confidence: 0.75)
        meetings[index].participants.append(ExtractedRole(entity: mention.entity, role: role, evidence: evidence))
    }

    /// "On the same day as the Paris meeting, ... talks in Riyadh": the new meeting takes the other's date.
    mutating func inheritSameDayDates(sentence: Sentence, meetings indices: [Int]) {
        let words = document.tokens[sentence.tokens].map(\.folded)
        guard indices.count >= 2, zip(words, words.dropFirst()).contains(where: { $0 == "same" && $1 == "day" }),
              let dated = indices.first(where: { meetings[$0].dateText != nil }) else { return }
        for index in indices where meetings[index].dateText == nil {
            meetings[index].dateText = meetings[dated].dateText
            meetings[index].date = meetings[dated].date
            meetings[index].datePrecision = meetings[dated].datePrecision
        }
    }

    // MARK: Finishing

    /// Resolves bare weekdays by status, settles roles, and names each meeting.
    func finished() -> [ExtractedMeeting] {
        meetings.map { original in
            var meeting = original
            let excluded = Set(meeting.participants.filter { $0.role == .excluded }.map(\.entity))
            let conveners = Set(meeting.participants.filter { $0.role == .convener || $0.role == .host }.map(\.entity))
            meeting.participants.removeAll {
                ($0.role == .attendee && (excluded.contains($0.entity) || conveners.contains($0.entity)))
            }
            if meeting.kind == .virtual || meeting.kind == .call, meeting.city == nil {
                meeting.venue = nil
            }
            if let text = meeting.dateText, meeting.datePrecision == .weekday, let anchor = dates.anchor,
               let weekday = DateExpressionFinder.weekdays.firstIndex(of: Folding.fold(text)) {
                let direction = meeting.status == .held ? -2 : meeting.status == .planned ? 2 : 0
                meeting.date = anchor.weekday(weekday, direction: direction).iso
            }
            if meeting.status == .unknown, let date = meeting.date, let anchor = dates.anchor?.iso {
                meeting.status = MeetingFinder.status(of: date, precision: meeting.datePrecision, published: anchor) ?? .unknown
            }
            if meeting.name == "-" || meeting.name.isEmpty { meeting.name = defaultName(meeting) }
            return meeting
        }
    }

    func defaultName(_ meeting: ExtractedMeeting) -> String {
        let place = meeting.city ?? meeting.country ?? meeting.venue
        let people = meeting.participants.filter { $0.role != .excluded }.compactMap { tagging.entity($0.entity) }
            .sorted { ($0.kind == .person ? 0 : 1) < ($1.kind == .person ? 0 : 1) }
        let label: String
        switch meeting.kind {
        case .summit: label = "leaders' summit"
        case .ministerial: label = "ministerial meeting"
        case .military: label = "military chiefs' meeting"
        case .talks: label = "talks"
        case .conference: label = "conference"
        case .virtual: label = "video conference"
        case .call: label = "call"
        case .visit: label = "visit"
        case .meeting: label = "meeting"
        }
        if meeting.kind == .call || meeting.kind == .virtual, place == nil {
            let names = people.prefix(2).map { $0.name.split(separator: " ").last.map(String.init) ?? $0.name }
            if let convener = meeting.convener.flatMap(tagging.entity) { return "\(label.capitalizedFirst) hosted by \(convener.name)" }
            return names.isEmpty ? label.capitalizedFirst : "\(names.joined(separator: "–")) \(label)"
        }
        if meeting.kind == .visit, let visitor = people.first, let place {
            return "\(visitor.name) visit to \(place)"
        }
        return place.map { "\($0) \(label)" } ?? label.capitalizedFirst
    }
}


private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

/// Words that end an actor list.
private let listStops: FoldedWordSet = [
    "in", "at", "on", "to", "for", "about", "into", "during", "over", "after", "before", "by", "since", "that", "which",
    "who", "where", "while", "will", "would", "are", "is", "were", "was", ".", ";", ":", "?", "!",
]
/// Words an actor list may contain between its actors.
private let listFiller: FoldedWordSet = [
    "and", "the", "as", "well", "of", "from", "'s", "several", "other", "major", "key", "top", "senior", "significant",
    "figures", "officials", "leaders", "nations", "countries", "heads", "state", "government", "representatives",
    "ministers", "chiefs", "delegations", "allies", "partners", "its", "their", "both", "all", "also", "or",
    "presidents", "prime", "counterparts", "his", "her",
]
private let prepositions: FoldedWordSet = [
    "by", "with", "of", "to", "for", "against", "about", "than", "on", "into", "at", "in", "from", "between", "toward", "towards",
]
/// Exclusion cues that are prepositions: they exclude from a meeting named in their own sentence.
private let prepositionalExclusions: FoldedWordSet = ["without", "excluding"]
private let clauseOpeners: FoldedWordSet = ["as", "while", "when", "which", "who", "that", "after", "since", "because", ";", "but", "where"]
