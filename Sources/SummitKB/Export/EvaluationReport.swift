import Foundation

/// How an export scores against a set of gold documents: the micro-averaged totals,
/// one line per document, and the gold documents that no export source matched.
///
/// ```swift
/// let report = Evaluation.evaluate(export: try kb.export(), gold: try GoldDocument.load(directory: "gold"))
/// print(report.total.entities.f1 ?? 0)               // 0.93
/// for metric in report.total.metrics { print(metric.name, metric.summary) }
/// ```
public struct EvaluationReport: Codable, Sendable, Equatable {
    /// The scores of one document.
    public struct DocumentScores: Codable, Sendable, Equatable {
        /// The gold `document` name.
        public var document: String
        /// The export source id it was matched to, `nil` when the export lacks it.
        public var source: Int64?
        public var scores: Scores
    }

    /// Every metric summed over all documents (micro average).
    public var total: Scores
    /// Each gold document's own counts, in gold order.
    public var documents: [DocumentScores]
    /// Gold documents no export source matched; everything they hold counts as missed.
    public var missingDocuments: [String]

    enum CodingKeys: String, CodingKey {
        case total, documents
        case missingDocuments = "missing_documents"
    }
}

extension EvaluationReport {
    /// The full set of metrics, for the total or for one document.
    ///
    /// ```swift
    /// var sum = Scores()
    /// sum += documentScores
    /// ```
    public struct Scores: Codable, Sendable, Equatable {
        /// Export participants against gold entities.
        public var entities = Detection()
        /// Matched person entities with a gold `title`: same title, folded.
        public var titles = Accuracy()
        /// Export meetings against gold meetings.
        public var meetings = Detection()
        /// Matched meetings whose gold has a convener: the export convener names it.
        public var conveners = Accuracy()
        /// Matched meetings whose gold has a `date_text`: one of the key's gold texts is contained in the export's.
        public var dateTexts = Accuracy()
        /// Participants of matched meetings (roles other than `excluded`) against gold attendees.
        public var attendees = Detection()
        /// Pairs of matched meetings of different documents: merged when they share a key.
        /// In a document's own scores, the pairs that document takes part in.
        public var mergePairs = Detection()
        /// Export proposals against gold proposals.
        public var proposals = Detection()
        /// Matched proposals with gold `proposers`: a `proposes` position names one.
        public var proposers = Accuracy()
        /// Matched proposals with gold `supporters`: a `supports` position names one.
        public var supporters = Accuracy()

        public init() {}

        enum CodingKeys: String, CodingKey {
            case entities, titles, meetings, conveners, attendees, proposals, proposers, supporters
            case dateTexts = "date_texts"
            case mergePairs = "merge_pairs"
        }

        /// Adds every count of `other`.
        public static func += (lhs: inout Scores, rhs: Scores) {
            lhs.entities += rhs.entities
            lhs.titles += rhs.titles
            lhs.meetings += rhs.meetings
            lhs.conveners += rhs.conveners
            lhs.dateTexts += rhs.dateTexts
            lhs.attendees += rhs.attendees
            lhs.mergePairs += rhs.mergePairs
            lhs.proposals += rhs.proposals
            lhs.proposers += rhs.proposers
            lhs.supporters += rhs.supporters
        }

        /// The metrics in display order, with their names as the CLI prints them.
        public var metrics: [Metric] {
            [
                Metric(name: "entities", score: .detection(entities)),
                Metric(name: "titles", score: .accuracy(titles)),
                Metric(name: "meetings", score: .detection(meetings)),
                Metric(name: "conveners", score: .accuracy(conveners)),
                Metric(name: "date_texts", score: .accuracy(dateTexts)),
                Metric(name: "attendees", score: .detection(attendees)),
                Metric(name: "merge_pairs", score: .detection(mergePairs)),
                Metric(name: "proposals", score: .detection(proposals)),
                Metric(name: "proposers", score: .accuracy(proposers)),
                Metric(name: "supporters", score: .accuracy(supporters)),
            ]
        }
    }

    /// One named metric and its score.
    public struct Metric: Sendable, Equatable {
        public enum Score: Sendable, Equatable {
            case detection(Detection)
            case accuracy(Accuracy)
        }

        public var name: String
        public var score: Score
    }

    /// True positives, false positives and false negatives, with precision, recall and F1.
    ///
    /// A ratio whose denominator is zero is `nil` (encoded `null`): an export that claims
    /// nothing has no precision, a gold set that expects nothing gives no recall.
    public struct Detection: Codable, Sendable, Equatable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.falseNegatives = falseNegatives
        }

        /// TP / (TP + FP).
        public var precision: Double? { ratio(truePositives, truePositives + falsePositives) }
        /// TP / (TP + FN).
        public var recall: Double? { ratio(truePositives, truePositives + falseNegatives) }
        /// The harmonic mean of precision and recall, 2TP / (2TP + FP + FN): 0 when nothing
        /// is right, `nil` only when there is nothing to count at all.
        public var f1: Double? { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }

        public static func += (lhs: inout Detection, rhs: Detection) {
            lhs.truePositives += rhs.truePositives
            lhs.falsePositives += rhs.falsePositives
            lhs.falseNegatives += rhs.falseNegatives
        }

        enum CodingKeys: String, CodingKey {
            case precision, recall, f1
            case truePositives = "true_positives"
            case falsePositives = "false_positives"
            case falseNegatives = "false_negatives"
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            truePositives = try container.decode(Int.self, forKey: .truePositives)
            falsePositives = try container.decode(Int.self, forKey: .falsePositives)
            falseNegatives = try container.decode(Int.self, forKey: .falseNegatives)
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(truePositives, forKey: .truePositives)
            try container.encode(falsePositives, forKey: .falsePositives)
            try container.encode(falseNegatives, forKey: .falseNegatives)
            try container.encode(precision, forKey: .precision)
            try container.encode(recall, forKey: .recall)
            try container.encode(f1, forKey: .f1)
        }
    }

    /// Correct out of total, for a property of matched items.
    public struct Accuracy: Codable, Sendable, Equatable {
        public var correct = 0
        public var total = 0

        public init(correct: Int = 0, total: Int = 0) {
            self.correct = correct
            self.total = total
        }

        /// Correct / total; `nil` when nothing was scored.
        public var accuracy: Double? { ratio(correct, total) }

        /// Counts one scored item.
        public mutating func record(_ isCorrect: Bool) {
            total += 1
            if isCorrect { correct += 1 }
        }

        public static func += (lhs: inout Accuracy, rhs: Accuracy) {
            lhs.correct += rhs.correct
            lhs.total += rhs.total
        }

        enum CodingKeys: String, CodingKey {
            case correct, total, accuracy
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            correct = try container.decode(Int.self, forKey: .correct)
            total = try container.decode(Int.self, forKey: .total)
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(correct, forKey: .correct)
            try container.encode(total, forKey: .total)
            try container.encode(accuracy, forKey: .accuracy)
        }
    }
}

extension EvaluationReport {
    /// The report as stable JSON (pretty printed, keys sorted, ratios as `null` when undefined).
    public func jsonData() throws -> Data { try StableJSON.document(self) }
}

private func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
    denominator == 0 ? nil : Double(numerator) / Double(denominator)
}
