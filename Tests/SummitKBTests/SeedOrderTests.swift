import Foundation
import Testing
@testable import SummitKB

/// The seed articles ingested in two different orders give the same meetings and proposals.
@Suite struct SeedOrderTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seeds")

    /// Meetings and proposals as order-free text: names instead of ids, sources by path.
    static func canonical(_ kb: KnowledgeBase) throws -> [String] {
        let export = try kb.export()
        let names = Dictionary(uniqueKeysWithValues: export.participants.map { ($0.id, $0.name) })
        let paths = Dictionary(uniqueKeysWithValues: export.sources.map { ($0.id, $0.path) })
        let meetings = export.meetings.map { meeting in
            let roles = meeting.participants.map { "\(names[$0.participant] ?? "?"):\($0.role)" }.sorted()
            return "meeting \(meeting.kind) \(meeting.city ?? "-") \(meeting.dateText ?? "-") "
                + "\(meeting.convener.flatMap { names[$0] } ?? "-") \(roles) \(meeting.sources.compactMap { paths[$0] }.sorted())"
        }
        let proposals = export.proposals.map { proposal in
            let positions = proposal.positions.map { "\(names[$0.participant] ?? "?"):\($0.stance)" }.sorted()
            return "proposal \(proposal.summary) \(positions) \(proposal.sources.compactMap { paths[$0] }.sorted())"
        }
        return (meetings + proposals).sorted()
    }

    @Test func forwardAndBackwardGiveTheSameKnowledgeBase() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.seeds.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count == 5)
        let texts = try files.map { ("seeds/\($0)", try String(contentsOf: Self.seeds.appendingPathComponent($0), encoding: .utf8)) }
        let forward = try KnowledgeBase()
        for (path, text) in texts { _ = try forward.ingest(text: text, path: path) }
        let backward = try KnowledgeBase()
        for (path, text) in texts.reversed() { _ = try backward.ingest(text: text, path: path) }
        let expected = try Self.canonical(forward)
        #expect(try Self.canonical(backward) == expected)
        // The Paris leaders' meeting of 17 February is one meeting with its three sources.
        #expect(expected.contains { $0.hasPrefix("meeting summit Paris Monday Emmanuel Macron")
            && $0.hasSuffix("[\"seeds/000_cf92cea98311280a.txt\", \"seeds/001_4c7635f27aa1620f.txt\", \"seeds/004_e2420cb33fd0fd10.txt\"]") })
    }
}
