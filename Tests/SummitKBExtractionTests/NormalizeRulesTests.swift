import Testing
@testable import SummitKBExtraction

/// Loading and validating boilerplate rule files.
@Suite struct NormalizeRulesTests {
    let header = """
        # format: summitkb-boilerplate/1
        # provenance: written for this test
        # gaps: tiny
        # columns: kind\tpattern\trequires

        """

    @Test func builtInRulesLoad() throws {
        let rules = try BoilerplateRules.builtIn()
        #expect(rules.name == "boilerplate")
    }

    @Test func customRulesDriveTheNormalizer() throws {
        let rules = try BoilerplateRules(name: "mine.tsv", text: header + "line\tpromoted content\nregex\t^\\[ad\\]\t[ad]\n")
        let normalizer = Normalizer(rules: rules)
        #expect(normalizer.normalize("Envoys met.\nPromoted Content!\n[AD] Buy now\nYou may also like").text
                == "Envoys met.\n\nYou may also like")
    }

    @Test(arguments: [
        ("shout\tloudly", 5, "unknown kind 'shout'"),
        ("line\t»", 5, "no letters or digits"),
        ("regex\t[unclosed\tx", 5, "does not compile"),
        ("line\thello\tworld", 5, "only 'regex' rows take it"),
        ("words\ttwo words", 5, "one word each"),
        ("line\tok\n\nregex\t(", 7, "does not compile"),
    ])
    func malformedRowsNameFileAndLine(_ rows: String, _ line: Int, _ message: String) {
        #expect {
            _ = try BoilerplateRules(name: "bad.tsv", text: header + rows + "\n")
        } throws: { error in
            guard let error = error as? DataFileError else { return false }
            return error.file == "bad.tsv" && error.line == line && error.message.contains(message)
        }
    }

    @Test func wrongFormatIsRejected() {
        #expect(throws: DataFileError.self) {
            _ = try BoilerplateRules(name: "bad.tsv", text: "# format: summitkb-entities/1\n# provenance: x\n# gaps: x\n# columns: kind\tpattern\trequires\n")
        }
    }
}
