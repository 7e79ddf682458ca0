import Foundation
import GRDB
import Testing
@testable import SummitKB

/// Regressions found by the fuzzer (scripts/fuzz.sh) and the crash test, one test each.
@Suite struct ReliabilityTests {
    /// Fuzzer finding: a word with a digit before a dotted capital ("U1.S.") sent the
    /// tokenizer back to the word's start, appending empty tokens until memory ran out.
    @Test func aDigitInADottedAbbreviationDoesNotLoopForever() throws {
        let document = Document(text: "Talks between the U1.S. and Ab1.C delegations, and A1.B.")
        #expect(document.tokens.map { document.string($0.range) } == [
            "Talks", "between", "the", "U1", ".", "S", ".", "and", "Ab1", ".", "C", "delegations", ",", "and", "A1", ".", "B", ".",
        ])
        #expect(document.tokens.allSatisfy { $0.range.count > 0 })
    }
}
