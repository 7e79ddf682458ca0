#if !SUMMITKB_LIBFUZZER
import Foundation

/// The plain random-input driver, for machines where `-sanitize=fuzzer` does not link:
///
///     swift run -c release SummitKBFuzz [SECONDS=60] [SEED=1] [corpus folders...]
///
/// Each round takes a corpus file (or nothing) and applies random mutations: byte flips,
/// inserted random bytes, inserted interesting fragments (NUL, BOMs, invalid UTF-8,
/// combining marks, RTL text, emoji, HTML, meeting words), truncation, splicing two files
/// and repetition. The input that is running is written to `crash-input` first, so a trap
/// leaves it behind; it is removed on a clean exit.
@main
struct RandomDriver {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        let seconds = arguments.first.flatMap(Double.init) ?? 60
        var rng = SplitMix(seed: arguments.dropFirst().first.flatMap(UInt64.init) ?? 1)
        let folders = arguments.dropFirst(2)
        var seeds: [[UInt8]] = [[]]
        for folder in folders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted() ?? [] {
                if let data = FileManager.default.contents(atPath: folder + "/" + name) { seeds.append(Array(data)) }
            }
        }
        let fragments: [[UInt8]] = [
            [0], [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xE2, 0x82], [0x0D], [0x0D, 0x0A], [0x0A, 0x0A], Array("\u{301}\u{302}\u{308}".utf8), Array("שלום مرحبا".utf8),
            Array("🇺🇦👨‍👩‍👧".utf8), Array("<html><body><p>".utf8), Array("</p><script>x</script>".utf8),
            Array("---\ntitle: x\n---\n".utf8), Array("| a | b |\n|---|---|\n".utf8), Array("Paris – ".utf8),
            Array(" met with ".utf8), Array(" summit in Geneva on Monday".utf8), Array(" proposed a ceasefire".utf8),
            Array("President Emmanuel Macron".utf8), Array(" and ".utf8), Array(". ".utf8), Array("\"".utf8),
        ]
        let start = Date()
        var runs = 0
        var bytesRun = 0
        while Date().timeIntervalSince(start) < seconds {
            var input = seeds[Int(rng.next() % UInt64(seeds.count))]
            for _ in 0..<(1 + Int(rng.next() % 8)) {
                switch rng.next() % 7 {
                case 0 where !input.isEmpty:
                    input[Int(rng.next() % UInt64(input.count))] ^= UInt8(truncatingIfNeeded: 1 << (rng.next() % 8))
                case 1:
                    let at = input.isEmpty ? 0 : Int(rng.next() % UInt64(input.count + 1))
                    input.insert(contentsOf: (0..<(1 + rng.next() % 16)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
                case 2, 3:
                    let at = input.isEmpty ? 0 : Int(rng.next() % UInt64(input.count + 1))
                    input.insert(contentsOf: fragments[Int(rng.next() % UInt64(fragments.count))], at: at)
                case 4 where !input.isEmpty:
                    input.removeLast(Int(rng.next() % UInt64(input.count)))
                case 5:
                    let other = seeds[Int(rng.next() % UInt64(seeds.count))]
                    input = Array(input.prefix(Int(rng.next() % UInt64(input.count + 1)))) + other.suffix(Int(rng.next() % UInt64(other.count + 1)))
                case 6 where input.count < 4096:
                    input = Array([[UInt8]](repeating: input, count: 2 + Int(rng.next() % 8)).joined())
                default:
                    break
                }
            }
            _ = FileManager.default.createFile(atPath: "crash-input", contents: Data(input))
            Harness.run(input)
            runs += 1
            bytesRun += input.count
        }
        try? FileManager.default.removeItem(atPath: "crash-input")
        print("summitkb-fuzz (random driver): \(runs) inputs, \(bytesRun) bytes in \(Int(seconds)) s, no finding")
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
#endif
