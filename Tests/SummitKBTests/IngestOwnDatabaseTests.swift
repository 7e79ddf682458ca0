import Foundation
import Testing
@testable import SummitKB

/// `summitkb ingest .` with the default database in the working directory must not read
/// the database's own files as articles.
@Suite struct IngestOwnDatabaseTests {
    @Test func theDatabaseInsideAnIngestedFolderIsSkipped() throws {
        let folder = try IngestTestSupport.temporaryFolder()
        for name in ["a.txt", "b.txt"] {
            try "Leaders will meet in Paris on Monday, officials said.\n"
                .write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let kb = try KnowledgeBase(path: folder.appendingPathComponent("summitkb.sqlite").path)
        let first = try kb.ingest([folder.path])
        #expect(first.summary == "ingested 2, unchanged 0, replaced 0, failed 0")
        let again = try kb.ingest([folder.path])
        #expect(again.summary == "ingested 0, unchanged 2, replaced 0, failed 0")
    }
}
