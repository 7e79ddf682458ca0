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
        #expect(Rendering.terminalWidth([:], fileDescriptor: -1) == 100)       // not a terminal
        #expect(Rendering.terminalWidth(["COLUMNS": "wide"], fileDescriptor: -1) == 100)
        #expect(Rendering.terminalWidth(["COLUMNS": "5"], fileDescriptor: -1) == 100)
    }

    /// A proposals-like table: short id, kind and count columns around two free-text columns.
    let proposals = TextTable(
        columns: ["id", "summary", "kind", "meeting", "sources"], wrapping: ["summary", "meeting"],
        rows: [
            ["12", "Increased diplomatic efforts to bring the conflict to a negotiated settlement", "negotiations",
             "Paris leaders' summit", "3"],
            ["1013", "Deploy European troops in Ukraine", "troop-deployment", "Paris military chiefs' meeting", "12"],
        ])

    @Test func shortColumnsKeepTheirNaturalWidthAndLongOnesWrap() {
        let text = Rendering.text(proposals, width: 80)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 80 })
        let header = lines[0], rule = lines[1]
        #expect(header.hasPrefix("id    summary"))   // "1013" is the id column's natural width: never wrapped
        #expect(rule.split(separator: " ").map(\.count).first == 4)
        #expect(rule.split(separator: " ").map(\.count).contains("troop-deployment".count))
        #expect(lines.contains { $0.hasPrefix("1013") && $0.contains("troop-deployment") && $0.hasSuffix("12") })
        #expect(lines.count == 7)   // 2 header lines, then rows of 3 and 2 lines: the fewest lines at this width

        // With room for the meeting names, they stay on one line; the long summary is what wraps.
        let wider = Rendering.text(proposals, width: 110).split(separator: "\n")
        #expect(wider.contains { $0.contains("Paris leaders' summit") })
        #expect(wider.contains { $0.contains("Paris military chiefs' meeting") })
        #expect(!wider.contains { $0.contains("Increased diplomatic efforts to bring the conflict to a negotiated") })
    }

    @Test func everythingFitsOnOneLineWhenWide() {
        let lines = Rendering.text(proposals, width: 200).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[2].contains("Increased diplomatic efforts to bring the conflict to a negotiated settlement"))
    }

    @Test func theWidthIsHonouredAndTooNarrowTablesBecomeRecords() {
        for width in [60, 80, 100, 160] {
            let lines = Rendering.text(proposals, width: width).split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= width }, "width \(width)")
        }
        let records = Rendering.text(proposals, width: 40)
        #expect(records.contains("id       1013\nsummary  Deploy European troops in\n         Ukraine\n"))
        #expect(records.split(separator: "\n").allSatisfy { $0.count <= 40 })
    }

    @Test func dateCellsReadNaturally() {
        #expect(dateCell(date: "2025-02-17", text: "Monday") == "2025-02-17 (Monday)")
        #expect(dateCell(date: "2025-02-17", text: "17 February") == "2025-02-17")
        #expect(dateCell(date: nil, text: "last week") == "last week")
        #expect(dateCell(date: nil, text: nil) == "unknown")
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
