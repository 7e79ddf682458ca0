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
/// is held at a time per level (``FolderListing``: its names' bytes in one buffer), so memory
/// stays bounded by the folder depth and the bytes of the largest folder's names.
struct InputWalker: IteratorProtocol {
    /// The suffix of a sidecar metadata file (`article.txt.meta`).
    static let sidecarSuffix = ".meta"

    private var pendingInputs: [String]
    /// Stack of folder listings being walked, each with the entries not yet visited.
    private var folderStack: [FolderListing] = []
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
                guard let name = top.next() else { continue }
                folderStack.append(top)
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
                folderStack.append(try FolderListing(path))
                return nil
            } catch {
                return InputDocument(path: path, origin: .unusable(reason: "cannot list folder: \(error.reason)"))
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

/// The entries of one folder that can be documents (not hidden, not `*.meta` sidecars),
/// sorted by name in byte order, handed out one at a time.
///
/// The names' bytes sit in one buffer, with two 32-bit integers per name: 26 bytes for a
/// generated article's name (plus the arrays' spare capacity), where a `String` per name
/// took a heap object of its own.
struct FolderListing {
    /// The folder path as given.
    let path: String
    private var bytes: [UInt8] = []
    /// Each name as (start, length) in `bytes`, sorted by name.
    private var names: [(start: Int32, length: Int32)] = []
    private var nextIndex = 0

    /// Why a folder could not be listed: the system's message.
    struct Failure: Error {
        let reason: String
    }

    /// Lists `path`.
    init(_ path: String) throws(Failure) {
        guard let folder = opendir(path) else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { closedir(folder) }
        self.path = path
        while true {
            errno = 0
            guard let entry = readdir(folder) else { break }
            withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let name = raw.prefix { $0 != 0 }
                guard name.first != UInt8(ascii: "."), !Self.isSidecar(name) else { return }
                names.append((Int32(bytes.count), Int32(name.count)))
                bytes.append(contentsOf: name)
            }
        }
        guard errno == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        bytes.withUnsafeBufferPointer { buffer in
            func name(_ entry: (start: Int32, length: Int32)) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: buffer[Int(entry.start)..<Int(entry.start + entry.length)])
            }
            names.sort { name($0).lexicographicallyPrecedes(name($1)) }
        }
    }

    /// The next entry's name, or nil when every entry was handed out.
    mutating func next() -> String? {
        guard nextIndex < names.count else { return nil }
        let name = names[nextIndex]
        nextIndex += 1
        return String(decoding: bytes[Int(name.start)..<Int(name.start + name.length)], as: UTF8.self)
    }

    private static func isSidecar(_ name: UnsafeRawBufferPointer.SubSequence) -> Bool {
        let suffix = InputWalker.sidecarSuffix.utf8
        return name.count >= suffix.count && name.suffix(suffix.count).elementsEqual(suffix)
    }
}
