import Testing
@testable import SummitKBExtraction

@Suite struct DataTableTests {
    static let lines = [
        "# format: summitkb-entities/1",
        "# provenance: a test",
        "# gaps: everything",
        "# columns: kind\tname\taliases",
        "",
        "country\t France \tFrench Republic | République française |",
        "# a comment",
        "person\tAna Ruiz",
        "   ",
        "\tno kind\t",
    ]

    @Test(arguments: ["\n", "\r\n"])
    func linesFieldsAndListsAreCutTheSameWhateverTheLineEnd(lineEnd: String) throws {
        let table = try DataTable(name: "t.tsv", text: Self.lines.joined(separator: lineEnd) + lineEnd,
                                  format: "summitkb-entities/1", columns: ["kind", "name", "aliases"])
        #expect(table.header["provenance"] == "a test")
        #expect(table.rows.map(\.line) == [6, 8, 10])
        #expect(table.rows.map(\.fields) == [["country", "France", "French Republic | République française |"],
                                             ["person", "Ana Ruiz"], ["", "no kind", ""]])
        #expect(table.rows[0].list(2) == ["French Republic", "République française"])
        #expect(table.rows[1].list(2) == [])
    }

    @Test func aRowWithMoreFieldsThanColumnsNamesItsLine() {
        #expect(throws: DataFileError(file: "t.tsv", line: 5, message: "has 4 fields, the header declares 3 (kind, name, aliases)")) {
            try DataTable(name: "t.tsv", text: Self.lines[0..<4].joined(separator: "\n") + "\na\tb\tc\td\n",
                          format: "summitkb-entities/1", columns: ["kind", "name", "aliases"])
        }
    }
}
