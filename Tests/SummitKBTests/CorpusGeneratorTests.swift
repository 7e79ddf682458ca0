import Foundation
import Testing
@testable import SummitKB

@Suite struct CorpusGeneratorTests {
    /// Reads every file in a folder, keyed by name.
    private func contents(of folder: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
    }

    private func scratchFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("summitkb-corpus-\(UUID().uuidString)")
    }

    @Test func sameSeedWritesIdenticalBytes() throws {
        let first = scratchFolder(), second = scratchFolder()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        let manifest = try CorpusGenerator(seed: 42).write(count: 40, to: first, metadata: .sidecar)
        try CorpusGenerator(seed: 42).write(count: 40, to: second, metadata: .sidecar)
        let files = try contents(of: first)
        #expect(files.count == 80)
        let secondFiles = try contents(of: second)
        #expect(files == secondFiles)
        #expect(manifest.bytes == files.values.reduce(0) { $0 + $1.count })
    }

    @Test func differentSeedsWriteDifferentArticles() {
        let one = CorpusGenerator(seed: 1), two = CorpusGenerator(seed: 2)
        let differing = (0..<20).filter { one.article($0).body != two.article($0).body }
        #expect(differing.count == 20)
    }

    @Test func articlesDoNotDependOnWhatWasGeneratedBefore() {
        let generator = CorpusGenerator(seed: 9)
        let inOrder = (0..<10).map { generator.article($0).body }
        #expect(generator.article(7).body == inOrder[7])
    }

    @Test func lengthsAreNewsLike() {
        let generator = CorpusGenerator(seed: 3)
        let counts = (0..<400).map { generator.article($0).wordCount }
        let mean = Double(counts.reduce(0, +)) / Double(counts.count)
        #expect(counts.min()! >= 130)
        #expect(counts.max()! <= 520)
        #expect((190...280).contains(mean))
    }

    @Test func corpusIsVaried() {
        let generator = CorpusGenerator(seed: 5)
        let articles = (0..<400).map { generator.article($0) }
        let meetings = articles.map(\.meeting)
        #expect(Set(meetings.map(\.kind)) == Set(GeneratedMeeting.Kind.allCases))
        #expect(Set(meetings.compactMap(\.city)).count >= 15)
        #expect(Set(meetings.map(\.proposal.kind)).count >= 8)
        let invented = meetings.flatMap(\.officials)
        #expect(invented.allSatisfy { $0.isInvented })
        #expect(Set(invented.map(\.name)).count >= 100)
        // Invented officials appear in the text with a title, e.g. "Estonian Defence Minister Kaia Rebane".
        let titled = articles.filter { article in
            article.meeting.officials.contains { article.body.contains("\($0.adjective) \($0.title) \($0.name)") }
        }
        #expect(titled.count >= 40)
        for phrase in ["today", "last week", "on Monday", "Home » ", "**", "Leave a Comment", "Share"] {
            #expect(articles.contains { $0.body.contains(phrase) }, "no article contains \(phrase)")
        }
    }

    @Test func severalArticlesReportTheSameMeeting() {
        let generator = CorpusGenerator(seed: 11)
        let ids = (0..<200).map { generator.article($0).meeting.id }
        let reportsPerMeeting = Dictionary(grouping: ids, by: { $0 }).mapValues(\.count)
        #expect(reportsPerMeeting.values.filter { $0 >= 2 }.count >= 30)
        // The same meeting is told in different words.
        let story = (0..<4).map { generator.article($0) }.filter { $0.meeting.id == generator.article(0).meeting.id }
        #expect(Set(story.map(\.body)).count == story.count)
    }

    /// A larger corpus spans more days, not more meetings a day: the merge compares as many
    /// candidates per article at a million articles as at a thousand.
    @Test func meetingsAreDatedAlongTheStream() {
        let generator = CorpusGenerator(seed: 4)
        let days = { (range: Range<Int>) in range.map { generator.article($0).meeting.date.dayNumber } }
        let first = days(0..<1_000), later = days(1_000_000..<1_001_000)
        for sample in [first, later] {
            #expect(sample.max()! - sample.min()! < 1_000 / CorpusGenerator.articlesPerDay + CorpusGenerator.dateSpread + 1)
        }
        #expect(later.min()! - first.max()! >= 999_000 / CorpusGenerator.articlesPerDay - CorpusGenerator.dateSpread)
    }

    @Test func frontMatterCarriesThePublishedDate() {
        let article = CorpusGenerator(seed: 1).article(0)
        let text = article.fileContents(metadata: .frontMatter)
        #expect(text.hasPrefix("---\n"))
        #expect(text.contains("\npublished: \(article.metadata.published!)\n"))
        #expect(article.sidecarContents().contains("published: "))
        #expect(article.fileContents(metadata: .none) == article.body)
    }

    @Test func civilDatesRoundTrip() {
        let date = CivilDate(dayNumber: 20_153)   // 2025-03-06, a Thursday
        #expect(date.description == "2025-03-06")
        #expect(date.weekdayName == "Thursday")
        #expect(date.dayAndMonth == "6 March")
        #expect(CivilDate(dayNumber: 0).description == "1970-01-01")
    }
}
