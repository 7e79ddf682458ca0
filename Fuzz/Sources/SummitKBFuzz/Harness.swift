import SummitKBExtraction

/// One fuzz input, handled as `summitkb ingest` handles a file's bytes: decoded (or
/// refused) by the real ``DocumentDecoder``, then normalized and run through the whole
/// ``ExtractionPipeline``. The bytes are also run through the pipeline decoded lossily
/// (invalid UTF-8 replaced by U+FFFD), so inputs the decoder refuses still reach the
/// extractors.
///
/// Beyond "no crash, no hang", it checks the contract the store relies on (a violation
/// traps, which libFuzzer reports as a crash):
/// - decoded text is never empty or whitespace only, and a refusal is one line;
/// - the document's bytes are its text's UTF-8; every sentence, token and paragraph and
///   every evidence span lies inside them, and every evidence sentence index is valid;
/// - every mention, role, convener and position names an entity of the result;
/// - confidences are finite numbers in 0...1.
enum Harness {
    static let pipeline: ExtractionPipeline = {
        do {
            return ExtractionPipeline(resources: try .builtIn())
        } catch {
            fatalError("built-in resources do not load: \(error)")
        }
    }()

    /// Largest input handled, as `--max-bytes` would refuse bigger documents.
    static let maxBytes = 1 << 20

    static func run(_ bytes: [UInt8]) {
        switch DocumentDecoder.decode(bytes, maxBytes: maxBytes) {
        case .text(let text):
            require(!text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }, "decoder accepted blank text")
            check(pipeline.extract(raw: text), input: text)
        case .refused(let reason):
            require(!reason.isEmpty && !reason.contains("\n"), "refusal is not one line: \(reason)")
        }
        let lossy = String(decoding: bytes, as: UTF8.self)
        check(pipeline.extract(raw: lossy), input: lossy)
    }

    static func check(_ result: ExtractionResult, input: String) {
        let document = result.document
        let count = document.bytes.count
        require(document.bytes == Array(document.text.utf8), "document bytes are not its text's UTF-8")
        func inside(_ range: TextRange, _ what: String) {
            require(range.lowerBound >= 0 && range.upperBound <= count, "\(what) \(range) outside 0..<\(count)")
        }
        for paragraph in document.paragraphs { inside(paragraph, "paragraph") }
        for sentence in document.sentences {
            inside(sentence.range, "sentence")
            require(sentence.tokens.lowerBound >= 0 && sentence.tokens.upperBound <= document.tokens.count, "sentence tokens out of range")
        }
        for token in document.tokens {
            inside(token.range, "token")
            require(document.sentences.indices.contains(token.sentence), "token sentence index \(token.sentence)")
        }
        func evidence(_ item: Evidence) {
            inside(item.range, "evidence '\(item.slot)'")
            require(document.sentences.indices.contains(item.sentence) || document.sentences.isEmpty,
                    "evidence sentence index \(item.sentence) of \(document.sentences.count)")
            require(item.confidence.isFinite && item.confidence >= 0 && item.confidence <= 1, "confidence \(item.confidence)")
            // What the store does with it.
            _ = document.string(item.range)
            if document.sentences.indices.contains(item.sentence) { _ = document.sentenceText(item.sentence) }
        }
        let keys = Set(result.entities.map(\.key))
        require(keys.count == result.entities.count, "duplicate entity keys")
        for mention in result.mentions {
            require(keys.contains(mention.entity), "mention of unknown entity \(mention.entity)")
            evidence(mention.evidence)
        }
        for meeting in result.meetings {
            meeting.evidence.forEach(evidence)
            if let convener = meeting.convener { require(keys.contains(convener), "unknown convener \(convener)") }
            for role in meeting.participants {
                require(keys.contains(role.entity), "role of unknown entity \(role.entity)")
                evidence(role.evidence)
            }
        }
        for proposal in result.proposals {
            proposal.evidence.forEach(evidence)
            if let meeting = proposal.meeting {
                require(result.meetings.indices.contains(meeting), "proposal meeting index \(meeting) of \(result.meetings.count)")
            }
            for position in proposal.positions {
                require(keys.contains(position.entity), "position of unknown entity \(position.entity)")
                evidence(position.evidence)
            }
        }
    }

    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("summitkb-fuzz invariant: \(message())") }
    }
}

#if SUMMITKB_LIBFUZZER
import CLibFuzzer
import Foundation

/// The libFuzzer entry point (built with `-sanitize=fuzzer -DSUMMITKB_LIBFUZZER`): SwiftPM
/// calls the executable's entry point `SummitKBFuzz_main`, which hands over to libFuzzer's
/// driver with all command-line arguments (`-max_total_time=60 corpus`, ...).
@main
struct LibFuzzerMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            Harness.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        })
    }
}
#endif
