import GRDB

/// One ingested article: a row of `sources`.
///
/// ```swift
/// let kb = try KnowledgeBase(path: "summitkb.sqlite", mode: .readOnly)
/// let source = try kb.source("seeds/001_4c7635f27aa1620f.txt")
/// print(source.title ?? source.path, source.wordCount)
/// ```
///
/// Evidence spans are offsets in Unicode code points into ``text``.
public struct Source: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "sources"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase

    public var id: Int64
    public var path: String
    public var sha256: String
    public var title: String?
    public var author: String?
    public var publisher: String?
    public var url: String?
    /// ISO `YYYY-MM-DD` when the metadata gives it.
    public var published: String?
    public var dateline: String?
    /// The file as read.
    public var rawText: String
    /// The normalized body that evidence spans point into.
    public var text: String
    public var byteCount: Int
    public var wordCount: Int
    public var extractorVersion: String
    public var ingestedAt: String

    /// The columns of `sources`.
    ///
    /// ```swift
    /// let request = Source.order(Source.Columns.published)
    /// ```
    public enum Columns {
        public static let id = Column("id")
        public static let path = Column("path")
        public static let title = Column("title")
        public static let published = Column("published")
        public static let wordCount = Column("word_count")
    }

    /// What this source says about meetings.
    public static let meetingReports = hasMany(MeetingReport.self)
    /// What this source says about proposals.
    public static let proposalReports = hasMany(ProposalReport.self)
    /// Every evidence row found in this source.
    public static let evidence = hasMany(EvidenceRecord.self)
}
