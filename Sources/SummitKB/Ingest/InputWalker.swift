import Foundation

/// One document named by the inputs of an ingest run, before it is read.
struct InputDocument: Sendable {
    /// Where the bytes come from.
    enum Origin: Sendable {
        case file
        case standardInput
        /// The input path could not be used at all (missing, unreadable folder).
        case unusable(reason: String)
    }

    /// The path as stored in `sources.path`: as given, or `-` for standard input.
    let path: String
    let origin: Origin
}

/// Expands ingest inputs into documents, lazily and in a stable order.
///
/// ```swift
/// var walker = InputWalker(inputs: ["seeds", "extra/one.txt", "-"])
/// while let document = walker.next() { ... }   // seeds/000_….txt, seeds/001_….txt, …
/// ```
///
/// Folders are walked recursively and depth first, entries sorted by name (byte order),
/// descending into a subfolder where its name sorts. Hidden entries (name starting with `.`),
/// `*.meta` sidecars and the files in `skipping` (the knowledge base's own database, WAL and
/// shared-memory files, compared by device and inode) are skipped inside folders; a file
/// named explicitly is always taken. A folder reached twice
/// (symlink loop, or two links to one folder) is walked once. Only one folder listing
/// is held at a time per level, so memory stays bounded by the folder depth.
struct InputWalker: IteratorProtocol {
    /// The suffix of a sidecar metadata file (`article.txt.meta`).
    static let sidecarSuffix = ".meta"

    private var pendingInputs: [String]
    /// Stack of folder listings being walked: (folder path as given, remaining entry names).
    private var folderStack: [(path: String, entries: ArraySlice<String>)] = []
    private var visitedFolders: Set<FileIdentity> = []
    private let skippedFiles: Set<FileIdentity>

    private struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64

        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    init(inputs: [String], skipping files: [String] = []) {
        pendingInputs = inputs.reversed()
        skippedFiles = Set(files.compactMap { path in
            var status = stat()
            return stat(path, &status) == 0 ? FileIdentity(status) : nil
        })
    }

    mutating func next() -> InputDocument? {
        while true {
            if var top = folderStack.popLast() {
                guard let name = top.entries.popFirst() else { continue }
                folderStack.append(top)
                if name.hasPrefix(".") || name.hasSuffix(Self.sidecarSuffix) { continue }
                let child = top.path == "/" ? "/" + name : top.path + "/" + name
                if let document = visit(child, explicit: false) { return document }
                continue
            }
            guard let input = pendingInputs.popLast() else { return nil }
            if input == "-" { return InputDocument(path: "-", origin: .standardInput) }
            if let document = visit(Self.trimmingTrailingSlashes(input), explicit: true) { return document }
        }
    }

    /// A document for a file, or nil after pushing a folder to walk (or skipping an entry).
    private mutating func visit(_ path: String, explicit: Bool) -> InputDocument? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            // A dangling symlink inside a folder is reported like a vanished file.
            return InputDocument(path: path, origin: .unusable(reason: "cannot read: \(reason)"))
        }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR {
            guard visitedFolders.insert(FileIdentity(status)).inserted else { return nil }
            do {
                let names = try FileManager.default.contentsOfDirectory(atPath: path)
                folderStack.append((path, ArraySlice(names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })))
                return nil
            } catch {
                return InputDocument(path: path, origin: .unusable(reason: "cannot list folder: \(error.localizedDescription)"))
            }
        }
        // Sockets, FIFOs and devices inside folders are not documents; named explicitly,
        // the reader refuses them with a reason.
        if !explicit && (type != S_IFREG || skippedFiles.contains(FileIdentity(status))) { return nil }
        return InputDocument(path: path, origin: .file)
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
