// STUB: replaced by the proposals work (issue 5).
public struct ProposalTerms: Sendable {
    public let table: DataTable
    public init(name: String, text: String) throws {
        table = try DataTable(name: name, text: text, format: "summitkb-proposal-terms/1", columns: ["x"])
    }
}

public struct ProposalFinder: Sendable {
    public init(terms: ProposalTerms) {}
    public func find(in document: Document, tagging: EntityTagging, meetings: [ExtractedMeeting]) -> [ExtractedProposal] { [] }
}
