import Foundation

/// One input document read, decoded and fingerprinted, ready for extraction; or the
/// reason it is refused.
struct LoadedDocument: Sendable {
    let path: String
    /// What was read, or why nothing usable was.
    let content: Result<Content, Refusal>

    /// The decoded document.
    struct Content: Sendable {
        /// Hex SHA-256 of the file bytes, followed by the sidecar bytes when there is one.
        let sha256: String
        /// Size of the file in bytes, as read.
        let byteCount: Int
        /// The decoded text (BOM removed), stored as `sources.raw_text`.
        let rawText: String
        /// Metadata from the sidecar file, if any.
        let metadata: ArticleMetadata
    }

    /// Why a document is refused: one line, without the path.
    struct Refusal: Error, Sendable {
        let reason: String
    }
}

/// Reads documents from files and standard input, with their sidecar metadata.
///
/// ```swift
/// let loaded = DocumentReader(maxBytes: 1 << 20).load(InputDocument(path: "a.txt", origin: .file))
/// ```
///
/// A file is read with one `open` and `fstat`: a file larger than the limit is refused
/// without being read, and a file whose size changes while it is read is refused
/// ("changed while being read"), so a half-written file never goes in.
struct DocumentReader: Sendable {
    let maxBytes: Int

    func load(_ input: InputDocument) -> LoadedDocument {
        LoadedDocument(path: input.path, content: Result { () throws(LoadedDocument.Refusal) in try content(of: input) })
    }

    /// Builds the content of an in-memory document (the `ingest(text:path:)` entry point).
    func content(text: String, metadata: ArticleMetadata) -> Result<LoadedDocument.Content, LoadedDocument.Refusal> {
        Result { () throws(LoadedDocument.Refusal) in try decoded(Array(text.utf8), sidecar: nil, metadata: metadata) }
    }

    private func content(of input: InputDocument) throws(LoadedDocument.Refusal) -> LoadedDocument.Content {
        switch input.origin {
        case .unusable(let reason):
            throw LoadedDocument.Refusal(reason: reason)
        case .standardInput:
            let bytes = try readStandardInput()
            return try decoded(bytes, sidecar: nil, metadata: ArticleMetadata())
        case .file:
            let bytes = try readFile(input.path, limit: maxBytes)
            let sidecarPath = input.path + InputWalker.sidecarSuffix
            var sidecar: [UInt8]?
            if FileManager.default.fileExists(atPath: sidecarPath) {
                do {
                    sidecar = try readFile(sidecarPath, limit: 1 << 20)
                } catch {
                    throw LoadedDocument.Refusal(reason: "sidecar \(sidecarPath): \(error.reason)")
                }
            }
            var metadata = ArticleMetadata()
            if let sidecar {
                guard DocumentDecoder.firstInvalidUTF8Offset(sidecar) == nil else {
                    throw LoadedDocument.Refusal(reason: "sidecar \(sidecarPath) is not valid UTF-8")
                }
                metadata = MetadataParser.parse(String(decoding: sidecar, as: UTF8.self))
            }
            return try decoded(bytes, sidecar: sidecar, metadata: metadata)
        }
    }

    private func decoded(_ bytes: [UInt8], sidecar: [UInt8]?, metadata: ArticleMetadata) throws(LoadedDocument.Refusal) -> LoadedDocument.Content {
        switch DocumentDecoder.decode(bytes, maxBytes: maxBytes) {
        case .refused(let reason):
            throw LoadedDocument.Refusal(reason: reason)
        case .text(let text):
            var fingerprinted = bytes
            if let sidecar {
                fingerprinted.append(contentsOf: Array("\n\u{0}summitkb-sidecar\n".utf8))
                fingerprinted.append(contentsOf: sidecar)
            }
            return LoadedDocument.Content(sha256: SHA256.hexDigest(of: fingerprinted), byteCount: bytes.count,
                                          rawText: text, metadata: metadata)
        }
    }

    /// Reads a whole regular file, refusing it early when over `limit` bytes.
    private func readFile(_ path: String, limit: Int) throws(LoadedDocument.Refusal) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw LoadedDocument.Refusal(reason: "cannot read: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw LoadedDocument.Refusal(reason: "cannot read: \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw LoadedDocument.Refusal(reason: "not a regular file") }
        let size = Int(status.st_size)
        guard size <= limit else { throw LoadedDocument.Refusal(reason: DocumentDecoder.sizeReason(size, maxBytes: limit)) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + filled, size - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw LoadedDocument.Refusal(reason: "cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            filled += count
        }
        var probe: UInt8 = 0
        let extra = read(descriptor, &probe, 1)
        guard filled == size, extra == 0 else { throw LoadedDocument.Refusal(reason: "changed while being read; try again") }
        return bytes
    }

    /// Reads standard input to its end, refusing it as soon as it passes the limit.
    private func readStandardInput() throws(LoadedDocument.Refusal) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw LoadedDocument.Refusal(reason: "cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > maxBytes {
                throw LoadedDocument.Refusal(reason: "over the limit of \(maxBytes) bytes (raise it with --max-bytes)")
            }
        }
    }
}
