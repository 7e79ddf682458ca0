/// Strips Markdown from one trimmed line, on UTF-8 bytes: quote marks, heading marks,
/// list bullets and emphasis, remembering whether the line was a heading or all bold.
enum Markdown {
    /// A line with its Markdown removed.
    struct Line {
        var bytes: [UInt8]
        /// The `#` count of a heading line, 0 otherwise.
        var heading: Int
        /// The whole line was one bold span (`**Title**` or `__Title__`).
        var bold: Bool
    }

    static func strip(_ input: [UInt8]) -> Line {
        var bytes = input
        var lo = 0
        // `>` quote marks, possibly nested.
        while lo < bytes.count, bytes[lo] == UInt8(ascii: ">") {
            lo += 1
            while lo < bytes.count, bytes[lo] == 32 { lo += 1 }
        }
        // `#` heading marks (`#hashtag` is not a heading).
        var heading = 0
        var h = lo
        while h < bytes.count, bytes[h] == UInt8(ascii: "#"), h - lo < 6 { h += 1 }
        if h > lo, h < bytes.count, bytes[h] == 32 {
            heading = h - lo
            lo = h + 1
        }
        // List bullets: `* `, `- `, `+ `, `• `.
        if lo + 1 < bytes.count, bytes[lo + 1] == 32,
           bytes[lo] == UInt8(ascii: "*") || bytes[lo] == UInt8(ascii: "-") || bytes[lo] == UInt8(ascii: "+") {
            lo += 2
        } else if lo + 3 < bytes.count, bytes[lo] == 0xE2, bytes[lo + 1] == 0x80, bytes[lo + 2] == 0xA2 {
            lo += 3
        }
        while lo < bytes.count, bytes[lo] == 32 { lo += 1 }
        var hi = bytes.count
        if heading > 0 {   // closing `## ` of an ATX heading
            var t = hi
            while t > lo, bytes[t - 1] == UInt8(ascii: "#") { t -= 1 }
            if t < hi, t > lo, bytes[t - 1] == 32 { hi = t - 1 }
        }
        while hi > lo, bytes[hi - 1] == 32 { hi -= 1 }
        if lo > 0 || hi < bytes.count { bytes = Array(bytes[lo..<hi]) }

        let bold = isWholeLineBold(bytes)
        if bytes.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") }) {
            bytes = stripEmphasis(bytes)
        }
        return Line(bytes: bytes, heading: heading, bold: bold)
    }

    /// `**...**` or `__...__` around the whole line, with no other such marks inside.
    static func isWholeLineBold(_ bytes: [UInt8]) -> Bool {
        guard bytes.count > 4 else { return false }
        for mark in [UInt8(ascii: "*"), UInt8(ascii: "_")] {
            let n = bytes.count
            guard bytes[0] == mark, bytes[1] == mark, bytes[n - 1] == mark, bytes[n - 2] == mark,
                  bytes[2] != 32, bytes[n - 3] != 32 else { continue }
            var inner = false
            for i in 2..<(n - 3) where bytes[i] == mark && bytes[i + 1] == mark { inner = true }
            if !inner { return true }
        }
        return false
    }

    /// A run of `*` or `_` and whether it can open or close emphasis.
    private struct Run {
        var start: Int
        var count: Int
        var mark: UInt8
        var canOpen: Bool
        var canClose: Bool
    }

    /// Removes emphasis delimiters: a run of `*` or `_` opens when it follows a space,
    /// punctuation or the line start and precedes a non-space; it closes when it follows a
    /// non-space and precedes a space, punctuation or the line end; an opener pairs with
    /// the next closer of the same mark and length. Unpaired single marks are left alone
    /// (`5 * 3`, `footnote*`, `snake_case`); unpaired `**` runs are removed, since prose
    /// never uses them.
    static func stripEmphasis(_ bytes: [UInt8]) -> [UInt8] {
        var runs: [Run] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == UInt8(ascii: "*") || b == UInt8(ascii: "_") else { i += 1; continue }
            var j = i
            while j < bytes.count, bytes[j] == b { j += 1 }
            let before = i == 0 ? Class.space : classify(bytes, before: i)
            let after = j == bytes.count ? Class.space : classify(bytes, at: j)
            let canOpen = after != .space && before != .word
            let canClose = before != .space && after != .word
            runs.append(Run(start: i, count: j - i, mark: b, canOpen: canOpen, canClose: canClose))
            i = j
        }
        var remove = [Bool](repeating: false, count: runs.count)
        var used = [Bool](repeating: false, count: runs.count)
        for a in runs.indices where runs[a].canOpen && !used[a] {
            guard let c = runs.indices.first(where: { $0 > a && !used[$0] && runs[$0].canClose
                                                      && runs[$0].mark == runs[a].mark && runs[$0].count == runs[a].count })
            else { continue }
            used[a] = true; used[c] = true
            remove[a] = true; remove[c] = true
        }
        for k in runs.indices where !used[k] && runs[k].mark == UInt8(ascii: "*") && runs[k].count >= 2 { remove[k] = true }
        guard remove.contains(true) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var from = 0
        for k in runs.indices where remove[k] {
            out.append(contentsOf: bytes[from..<runs[k].start])
            from = runs[k].start + runs[k].count
        }
        out.append(contentsOf: bytes[from...])
        // Removing a mark can leave a double or edge space (`a ** b`).
        return collapseSpaces(out)
    }

    private enum Class { case space, punctuation, word }

    private static func classify(_ bytes: [UInt8], at i: Int) -> Class {
        classify(Tokenizer.decode(bytes, i, bytes.count).0)
    }

    private static func classify(_ bytes: [UInt8], before i: Int) -> Class {
        var s = i - 1
        while s > 0, bytes[s] & 0xC0 == 0x80 { s -= 1 }
        return classify(Tokenizer.decode(bytes, s, i).0)
    }

    private static func classify(_ scalar: UInt32) -> Class {
        if scalar == 32 { return .space }
        return Tokenizer.isWordScalar(scalar) ? .word : .punctuation
    }

    private static func collapseSpaces(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for b in bytes where !(b == 32 && (out.isEmpty || out.last == 32)) { out.append(b) }
        while out.last == 32 { out.removeLast() }
        return out
    }
}
