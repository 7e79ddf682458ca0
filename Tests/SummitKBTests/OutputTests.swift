import Foundation
import Testing
@testable import SummitKB

@Suite struct OutputTests {
    let table = TextTable(title: "People", columns: ["name", "quote"], rows: [
        ["Keir Starmer", "The end of this war, when it comes, cannot merely become a temporary pause before Putin attacks again."],
        ["Macron", "As Europeans, we must \"enhance\" our efforts"],
    ])

    @Test func csvQuotesOnlyWhatRFC4180Requires() {
        let csv = Rendering.csv(TextTable(columns: ["plain", "comma", "quote", "newline"],
                                          rows: [["Paris", "Paris, France", "say \"hi\"", "two\nlines"]]))
        #expect(csv == "plain,comma,quote,newline\r\nParis,\"Paris, France\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
    }

    @Test func textTablesWrapLongCellsToTheWidth() {
        let text = Rendering.text(table, width: 40)
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 40 })
        #expect(lines[0] == "People")
        #expect(lines[2].hasPrefix("name"))
        #expect(text.contains("Keir Starmer"))
        #expect(lines.filter { $0.hasPrefix("Keir Starmer") }.count == 1)   // continuation lines leave the column blank
        let words = lines.dropFirst(4).flatMap { $0.split(separator: " ") }
        #expect(words.contains("temporary"))   // wrapped at spaces, words kept whole
    }

    @Test func overlongWordsBreakAndWideTablesStayAligned() {
        let wrapped = Rendering.wrap("Supercalifragilisticexpialidocious ok", width: 10)
        #expect(wrapped == ["Supercalif", "ragilistic", "expialidoc", "ious ok"])
        let text = Rendering.text(table, width: 200)
        let header = text.split(separator: "\n")[2]
        let row = text.split(separator: "\n")[4]
        #expect(header.range(of: "quote")?.lowerBound.utf16Offset(in: header)
                == row.range(of: "The end")?.lowerBound.utf16Offset(in: row))
    }

    @Test func terminalWidthComesFromColumns() {
        #expect(Rendering.terminalWidth(["COLUMNS": "72"]) == 72)
        #expect(Rendering.terminalWidth([:]) == 100)
        #expect(Rendering.terminalWidth(["COLUMNS": "wide"]) == 100)
    }

    @Test func markdownEscapesPipes() {
        let markdown = Rendering.markdown(TextTable(title: "T", columns: ["a|b"], rows: [["x|y"]]))
        #expect(markdown == "### T\n\n| a\\|b |\n| --- |\n| x\\|y |\n")
    }

    @Test func jsonIsStableSortedAndSnakeCased() throws {
        let kb = try QueryFixtures.knowledgeBase()
        let first = try Rendering.render(try kb.timeline(), as: .json)
        let second = try Rendering.render(try kb.timeline(), as: .json)
        #expect(first == second)
        #expect(first.contains("\"attendee_count\""))
        #expect(first.contains("\"date_text\""))
        #expect(!first.contains("attendeeCount"))
        let meetingKeys = try #require(first.range(of: "\"block_key\"")?.lowerBound)
        let cityKey = try #require(first.range(of: "\"city\"")?.lowerBound)
        #expect(meetingKeys < cityKey)   // sorted
    }

    @Test(arguments: OutputFormat.allCases)
    func everyReportRendersInEveryFormat(format: OutputFormat) throws {
        let kb = try QueryFixtures.knowledgeBase()
        let outputs: [String] = [
            try Rendering.render(try kb.timeline(), as: format),
            try Rendering.render(try kb.meetingDossier(id: 1), as: format),
            try Rendering.render(try kb.attendance(), as: format),
            try Rendering.render(try kb.participantProfile(named: "Macron"), as: format),
            try Rendering.render(try kb.proposalsReport(), as: format),
            try Rendering.render(try kb.sourcesReport(), as: format),
            try Rendering.render(try kb.conflicts(), as: format),
            try Rendering.render(try kb.explain(.proposal(id: 2)), as: format),
        ]
        #expect(outputs.allSatisfy { !$0.isEmpty && $0.hasSuffix(format == .csv ? "\r\n" : "\n") })
    }
}
