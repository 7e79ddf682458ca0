// STUB: replaced by the meetings work (issue 4).
public struct MeetingTerms: Sendable {
    public let table: DataTable
    public init(name: String, text: String) throws {
        table = try DataTable(name: name, text: text, format: "summitkb-meeting-terms/1", columns: ["x"])
    }
}

public struct MeetingFinder: Sendable {
    public init(terms: MeetingTerms) {}
    public func find(in document: Document, tagging: EntityTagging) -> [ExtractedMeeting] { [] }
}
