import Foundation

/// Scores a `summitkb-export/1` document against gold documents, exactly as the gold
/// set's `FORMAT.md` ("How scoring matches") describes.
///
/// ```swift
/// let gold = try GoldDocument.load(directory: "Tests/SummitKBTests/Fixtures/gold")
/// let report = Evaluation.evaluate(export: try kb.export(), gold: gold)
/// print(report.total.meetings.recall ?? 0)
/// ```
///
/// Each gold document is matched to the export source whose `path` has its file name as
/// base name (the lowest id if several do). The export items *of a document* are the
/// participants, meetings and proposals whose `sources` hold that source id. Counts are
/// summed over documents (micro average).
///
/// Readings of points FORMAT.md leaves open:
/// - **Entities.** A participant is compared with the document's entities by folded
///   `name` only (its extra `aliases` are not used); `kind` is not compared. When the name
///   fits several entities, an entity whose own name fits comes before one matched by an
///   alias, then gold order. It is a true positive for the first such required entity not
///   yet matched; otherwise it is ignored when one of them is optional, and otherwise a
///   false positive (a duplicate, or an actor the gold does not list).
/// - **Titles** are scored on the participant that matched the entity first (lowest id).
/// - **Meetings.** A meeting with none of `city`, `venue`, `country` matches a gold meeting
///   whose `location` holds `null`. Matching is a maximum one-to-one assignment: required
///   gold meetings first, then optional ones; each gold meeting prefers a candidate whose
///   `date_text` matches, then more attendee overlap (participants naming an `attendees`
///   or `optional_attendees` entity), then the lower id. An unmatched export meeting
///   whose place fits an optional gold meeting is ignored rather than counted false.
/// - **date_text** is scored where *this* document's gold meeting has one; the export text
///   is right when it contains (folded) the gold `date_text` of any document with the same key.
/// - **Attendees.** The distinct participants of a matched meeting with a role other than
///   `excluded` are scored. A participant naming a required attendee not yet credited is a
///   true positive; naming one already credited, a false positive (duplicate). It is
///   ignored when it names this document's convener or an optional attendee, or an
///   attendee, optional attendee or convener of the same key in another document: a merged
///   meeting holds the attendees of all its sources. Anything else is a false positive;
///   required attendees never named are false negatives. Names resolve through the
///   entities of the document that lists them (name and aliases, folded).
/// - **Merge pairs** use matched *required* gold meetings only.
/// - **Proposals** are matched like meetings (maximum one-to-one, required first,
///   lower export id preferred); an unmatched export proposal that fits an optional gold
///   proposal is ignored.
public enum Evaluation {
    /// Scores `export` against `gold`. Pure: no database, no files.
    public static func evaluate(export: ExportDocument, gold: [GoldDocument]) -> EvaluationReport {
        let context = ExportContext(export: export, gold: gold)
        var total = EvaluationReport.Scores()
        var documents: [EvaluationReport.DocumentScores] = []
        var missing: [String] = []
        var matchedMeetings: [MatchedMeeting] = []

        for (index, document) in gold.enumerated() {
            let source = context.sourceID(forDocument: document.document)
            if source == nil { missing.append(document.document) }
            let scorer = DocumentScorer(gold: document, documentIndex: index, sourceID: source, context: context)
            var scores = EvaluationReport.Scores()
            scorer.scoreEntities(into: &scores)
            matchedMeetings += scorer.scoreMeetings(into: &scores)
            scorer.scoreProposals(into: &scores)
            documents.append(.init(document: document.document, source: source, scores: scores))
        }

        for (first, second, counts) in mergePairCounts(matchedMeetings) {
            documents[first].scores.mergePairs += counts
            documents[second].scores.mergePairs += counts
            total.mergePairs += counts
        }
        for document in documents {
            var own = document.scores
            own.mergePairs = .init()
            total += own
        }
        return EvaluationReport(total: total, documents: documents, missingDocuments: missing)
    }

    /// Folds a name or phrase for comparison: Unicode compatibility decomposition,
    /// diacritics and case removed, `.` and apostrophes (`'`, `’`, `‘`) removed, white space
    /// runs made one space and trimmed, a leading `the ` dropped.
    ///
    /// ```swift
    /// Evaluation.fold("The  Élysée Palace")   // "elysee palace"
    /// Evaluation.fold("U.S.")                 // "us"
    /// ```
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            switch scalar {
            case ".", "'", "\u{2019}", "\u{2018}":
                continue
            case _ where scalar.properties.generalCategory == .nonspacingMark:
                continue
            case _ where scalar.properties.isWhitespace:
                pendingSpace = !scalars.isEmpty
            default:
                if pendingSpace {
                    scalars.append(" ")
                    pendingSpace = false
                }
                scalars.append(scalar)
            }
        }
        let folded = String(scalars)
        return folded.hasPrefix("the ") ? String(folded.dropFirst(4)) : folded
    }

    /// Merge-pair counts for every two matched meetings of different documents, with the
    /// indexes of both documents.
    static func mergePairCounts(_ matched: [MatchedMeeting]) -> [(Int, Int, EvaluationReport.Detection)] {
        var pairs: [(Int, Int, EvaluationReport.Detection)] = []
        for (i, first) in matched.enumerated() {
            for second in matched[(i + 1)...] where second.documentIndex != first.documentIndex {
                let sameKey = first.key == second.key
                let merged = first.exportID == second.exportID
                guard sameKey || merged else { continue }
                let counts = EvaluationReport.Detection(
                    truePositives: sameKey && merged ? 1 : 0,
                    falsePositives: !sameKey && merged ? 1 : 0,
                    falseNegatives: sameKey && !merged ? 1 : 0)
                pairs.append((first.documentIndex, second.documentIndex, counts))
            }
        }
        return pairs
    }

    /// A maximum one-to-one assignment of left items to right items.
    ///
    /// `candidates[left]` lists the right items `left` may take, best first. Left items are
    /// placed in order, each taking its best free candidate or displacing an earlier one onto
    /// another of its candidates (augmenting paths), so the number of pairs is maximal.
    /// Returns `left → right`.
    static func oneToOneAssignment(candidates: [[Int]]) -> [Int: Int] {
        var ownerOfRight: [Int: Int] = [:]
        func place(_ left: Int, visited: inout Set<Int>) -> Bool {
            for right in candidates[left] where visited.insert(right).inserted {
                if let owner = ownerOfRight[right], !place(owner, visited: &visited) { continue }
                ownerOfRight[right] = left
                return true
            }
            return false
        }
        for left in candidates.indices {
            var visited = Set<Int>()
            _ = place(left, visited: &visited)
        }
        return Dictionary(uniqueKeysWithValues: ownerOfRight.map { ($0.value, $0.key) })
    }
}

/// A required gold meeting and the export meeting it was matched to.
struct MatchedMeeting {
    let documentIndex: Int
    let key: String
    let exportID: Int64
}

/// Lookups over the export and the whole gold set, shared by every document.
struct ExportContext {
    let export: ExportDocument
    let participantsByID: [Int64: ExportDocument.Participant]
    /// Every gold meeting by key, with the entities of its document: a merged meeting is
    /// judged against all of them.
    let goldMeetingsByKey: [String: [(meeting: GoldDocument.Meeting, entities: EntityIndex)]]

    init(export: ExportDocument, gold: [GoldDocument]) {
        self.export = export
        participantsByID = Dictionary(export.participants.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var byKey: [String: [(meeting: GoldDocument.Meeting, entities: EntityIndex)]] = [:]
        for document in gold {
            let entities = EntityIndex(document.entities)
            for meeting in document.meetings {
                byKey[meeting.key, default: []].append((meeting, entities))
            }
        }
        goldMeetingsByKey = byKey
    }

    /// The lowest-id source whose path's base name is `document`.
    func sourceID(forDocument document: String) -> Int64? {
        export.sources
            .filter { ($0.path as NSString).lastPathComponent == document }
            .map(\.id).min()
    }

    /// The folded name of a participant id, `nil` when the id is unknown.
    func foldedName(ofParticipant id: Int64?) -> String? {
        id.flatMap { participantsByID[$0] }.map { Evaluation.fold($0.name) }
    }
}

/// A document's gold entities, looked up by folded spelling.
struct EntityIndex {
    let entities: [GoldDocument.Entity]
    /// Folded spelling → entity indexes; entities whose own name has that spelling first.
    private let bySpelling: [String: [Int]]

    init(_ entities: [GoldDocument.Entity]) {
        self.entities = entities
        var byName: [String: [Int]] = [:]
        var byAlias: [String: [Int]] = [:]
        for (index, entity) in entities.enumerated() {
            byName[Evaluation.fold(entity.name), default: []].append(index)
            for alias in Set(entity.aliases.map(Evaluation.fold)) {
                byAlias[alias, default: []].append(index)
            }
        }
        bySpelling = byName.merging(byAlias) { names, aliases in names + aliases.filter { !names.contains($0) } }
    }

    /// The entities a folded participant name can be, best first.
    func candidates(forFolded name: String) -> [Int] {
        bySpelling[name] ?? []
    }

    /// Every folded spelling of the gold actor called `name` (an entity name of this
    /// document): its name and aliases, or just `name` folded when no entity has that name.
    func spellings(ofActor name: String) -> Set<String> {
        let folded = Evaluation.fold(name)
        guard let entity = entities.first(where: { Evaluation.fold($0.name) == folded }) else { return [folded] }
        return Set([folded] + entity.aliases.map(Evaluation.fold))
    }
}

/// Scores the export items of one gold document.
struct DocumentScorer {
    let gold: GoldDocument
    let documentIndex: Int
    let sourceID: Int64?
    let context: ExportContext
    let entities: EntityIndex

    init(gold: GoldDocument, documentIndex: Int, sourceID: Int64?, context: ExportContext) {
        self.gold = gold
        self.documentIndex = documentIndex
        self.sourceID = sourceID
        self.context = context
        entities = EntityIndex(gold.entities)
    }

    /// Whether an export item listing `sources` belongs to this document.
    private func belongs(_ sources: [Int64]) -> Bool {
        sourceID.map(sources.contains) ?? false
    }

    // MARK: Entities

    func scoreEntities(into scores: inout EvaluationReport.Scores) {
        var matchedParticipant: [Int: ExportDocument.Participant] = [:]
        for participant in context.export.participants where belongs(participant.sources) {
            let candidates = entities.candidates(forFolded: Evaluation.fold(participant.name))
            if let entity = candidates.first(where: { !gold.entities[$0].optional && matchedParticipant[$0] == nil }) {
                matchedParticipant[entity] = participant
                scores.entities.truePositives += 1
            } else if !candidates.contains(where: { gold.entities[$0].optional }) {
                scores.entities.falsePositives += 1
            }
        }
        for (index, entity) in gold.entities.enumerated() where !entity.optional {
            guard let participant = matchedParticipant[index] else {
                scores.entities.falseNegatives += 1
                continue
            }
            if entity.kind == "person", let title = entity.title {
                scores.titles.record(participant.title.map(Evaluation.fold) == Evaluation.fold(title))
            }
        }
    }

    // MARK: Meetings

    /// Scores meetings, conveners, dates and attendees; returns the matched required meetings
    /// for merge-pair scoring.
    func scoreMeetings(into scores: inout EvaluationReport.Scores) -> [MatchedMeeting] {
        let exported = context.export.meetings.filter { belongs($0.sources) }
        let order = gold.meetings.indices.sorted { (gold.meetings[$0].optional ? 1 : 0, $0) < (gold.meetings[$1].optional ? 1 : 0, $1) }
        let candidates = order.map { goldIndex in
            let goldMeeting = gold.meetings[goldIndex]
            return exported.indices
                .filter { placeMatches(exported[$0], goldMeeting) }
                .map { ($0, dateMatches(exported[$0], key: goldMeeting.key), attendeeOverlap(exported[$0], goldMeeting)) }
                .sorted { ($0.1 ? 0 : 1, -$0.2, exported[$0.0].id) < ($1.1 ? 0 : 1, -$1.2, exported[$1.0].id) }
                .map(\.0)
        }
        let assignment = Evaluation.oneToOneAssignment(candidates: candidates)
        var matched: [MatchedMeeting] = []
        var assignedExports = Set<Int>()
        for (position, goldIndex) in order.enumerated() {
            let goldMeeting = gold.meetings[goldIndex]
            guard let exportIndex = assignment[position] else {
                if !goldMeeting.optional { scores.meetings.falseNegatives += 1 }
                continue
            }
            assignedExports.insert(exportIndex)
            guard !goldMeeting.optional else { continue }
            let meeting = exported[exportIndex]
            scores.meetings.truePositives += 1
            matched.append(MatchedMeeting(documentIndex: documentIndex, key: goldMeeting.key, exportID: meeting.id))
            if let convener = goldMeeting.convener {
                let name = context.foldedName(ofParticipant: meeting.convener)
                scores.conveners.record(name.map(entities.spellings(ofActor: convener).contains) ?? false)
            }
            if goldMeeting.dateText != nil {
                scores.dateTexts.record(dateMatches(meeting, key: goldMeeting.key))
            }
            scores.attendees += attendeeCounts(meeting, goldMeeting)
        }
        for (index, meeting) in exported.enumerated() where !assignedExports.contains(index) {
            let fitsOptional = gold.meetings.contains { $0.optional && placeMatches(meeting, $0) }
            if !fitsOptional { scores.meetings.falsePositives += 1 }
        }
        return matched
    }

    /// One of the export's city, venue, country folds to a gold location, or neither has a place.
    private func placeMatches(_ meeting: ExportDocument.Meeting, _ goldMeeting: GoldDocument.Meeting) -> Bool {
        let places = [meeting.city, meeting.venue, meeting.country].compactMap { $0 }.map(Evaluation.fold).filter { !$0.isEmpty }
        guard !places.isEmpty else { return goldMeeting.location.contains(nil) }
        let goldPlaces = Set(goldMeeting.location.compactMap { $0 }.map(Evaluation.fold))
        return places.contains(where: goldPlaces.contains)
    }

    /// The export `date_text` contains the gold `date_text` of some document with the same key.
    private func dateMatches(_ meeting: ExportDocument.Meeting, key: String) -> Bool {
        guard let text = meeting.dateText.map(Evaluation.fold) else { return false }
        return (context.goldMeetingsByKey[key] ?? []).contains { entry in
            entry.meeting.dateText.map { text.contains(Evaluation.fold($0)) } ?? false
        }
    }

    /// The distinct participant ids of a meeting, `excluded` role left out, ascending.
    private func attendingParticipants(_ meeting: ExportDocument.Meeting) -> [Int64] {
        Array(Set(meeting.participants.filter { $0.role != "excluded" }.map(\.participant))).sorted()
    }

    private func attendeeOverlap(_ meeting: ExportDocument.Meeting, _ goldMeeting: GoldDocument.Meeting) -> Int {
        let spellings = Set((goldMeeting.attendees + goldMeeting.optionalAttendees).flatMap(entities.spellings(ofActor:)))
        return attendingParticipants(meeting).filter { context.foldedName(ofParticipant: $0).map(spellings.contains) ?? false }.count
    }

    private func attendeeCounts(_ meeting: ExportDocument.Meeting, _ goldMeeting: GoldDocument.Meeting) -> EvaluationReport.Detection {
        let required = goldMeeting.attendees.map(entities.spellings(ofActor:))
        var tolerated = Set((goldMeeting.optionalAttendees + [goldMeeting.convener].compactMap { $0 }).flatMap(entities.spellings(ofActor:)))
        for entry in context.goldMeetingsByKey[goldMeeting.key] ?? [] {
            let names = entry.meeting.attendees + entry.meeting.optionalAttendees + [entry.meeting.convener].compactMap { $0 }
            tolerated.formUnion(names.flatMap(entry.entities.spellings(ofActor:)))
        }
        var counts = EvaluationReport.Detection()
        var credited = Set<Int>()
        for participant in attendingParticipants(meeting) {
            guard let name = context.foldedName(ofParticipant: participant) else {
                counts.falsePositives += 1
                continue
            }
            let naming = required.indices.filter { required[$0].contains(name) }
            if let attendee = naming.first(where: { !credited.contains($0) }) {
                credited.insert(attendee)
                counts.truePositives += 1
            } else if naming.isEmpty && tolerated.contains(name) {
                continue
            } else {
                counts.falsePositives += 1
            }
        }
        counts.falseNegatives = required.count - credited.count
        return counts
    }

    // MARK: Proposals

    func scoreProposals(into scores: inout EvaluationReport.Scores) {
        let exported = context.export.proposals.filter { belongs($0.sources) }
        let foldedSummaries = exported.map { Evaluation.fold($0.summary) }
        let order = gold.proposals.indices.sorted { (gold.proposals[$0].optional ? 1 : 0, $0) < (gold.proposals[$1].optional ? 1 : 0, $1) }
        let candidates = order.map { goldIndex in
            exported.indices.filter { Self.summary(foldedSummaries[$0], matches: gold.proposals[goldIndex]) }
        }
        let assignment = Evaluation.oneToOneAssignment(candidates: candidates)
        var assignedExports = Set<Int>()
        for (position, goldIndex) in order.enumerated() {
            let goldProposal = gold.proposals[goldIndex]
            guard let exportIndex = assignment[position] else {
                if !goldProposal.optional { scores.proposals.falseNegatives += 1 }
                continue
            }
            assignedExports.insert(exportIndex)
            guard !goldProposal.optional else { continue }
            scores.proposals.truePositives += 1
            let positions = exported[exportIndex].positions
            if !goldProposal.proposers.isEmpty {
                scores.proposers.record(hasPosition(in: positions, stance: "proposes", nameOneOf: goldProposal.proposers))
            }
            if !goldProposal.supporters.isEmpty {
                scores.supporters.record(hasPosition(in: positions, stance: "supports", nameOneOf: goldProposal.supporters))
            }
        }
        for index in exported.indices where !assignedExports.contains(index) {
            let fitsOptional = gold.proposals.contains { $0.optional && Self.summary(foldedSummaries[index], matches: $0) }
            if !fitsOptional { scores.proposals.falsePositives += 1 }
        }
    }

    /// For every inner list of `match`, the folded summary contains one of its strings.
    static func summary(_ foldedSummary: String, matches proposal: GoldDocument.Proposal) -> Bool {
        proposal.match.allSatisfy { alternatives in
            alternatives.contains { foldedSummary.contains(Evaluation.fold($0)) }
        }
    }

    /// Some position with `stance` names one of the gold actors.
    private func hasPosition(in positions: [ExportDocument.Proposal.Position], stance: String, nameOneOf actors: [String]) -> Bool {
        let spellings = Set(actors.flatMap(entities.spellings(ofActor:)))
        return positions.contains { position in
            position.stance == stance && (context.foldedName(ofParticipant: position.participant).map(spellings.contains) ?? false)
        }
    }
}

extension KnowledgeBase {
    /// Scores this knowledge base's export against the gold files (`*.json`) of a folder.
    ///
    /// ```swift
    /// let kb = try KnowledgeBase(path: "summitkb.sqlite", mode: .readOnly)
    /// let report = try kb.evaluate(goldDirectory: "gold")
    /// print(report.total.entities.f1 ?? 0)
    /// ```
    ///
    /// - Throws: ``SummitKBError/badGold(path:reason:)`` naming the folder or the file that
    ///   cannot be read or decoded.
    public func evaluate(goldDirectory: String) throws -> EvaluationReport {
        let gold = try GoldDocument.load(directory: goldDirectory)
        return Evaluation.evaluate(export: try export(), gold: gold)
    }
}
