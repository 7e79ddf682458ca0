import Foundation
@_exported import SummitKBExtraction

/// Every error the SummitKB library reports to its callers, each with a one-line message
/// that names the input and the problem.
public enum SummitKBError: Error, LocalizedError, Equatable, Sendable {
    /// The database was written by a newer SummitKB; it is left untouched.
    case databaseTooNew(path: String, version: Int, supported: Int)
    /// The database file cannot be opened or is not a SummitKB database.
    case cannotOpen(path: String, reason: String)
    /// A document was refused; nothing of it was written.
    case badDocument(path: String, reason: String)
    /// The database refused a write (disk full, read-only file); the group of documents
    /// being written was rolled back and the run stopped.
    case writeFailed(path: String, document: String, reason: String)
    /// A path given to ingest does not exist or cannot be read.
    case unreadablePath(path: String, reason: String)
    /// A lexicon or pattern file failed validation.
    case badDataFile(String)
    /// A gold file or folder cannot be used for evaluation.
    case badGold(path: String, reason: String)
    /// A named meeting, participant, proposal or source does not exist.
    case notFound(kind: String, reference: String)
    /// A correction cannot be parsed or applied.
    case badCorrection(reason: String)
    /// A user argument is not valid.
    case invalidArgument(String)

    public var errorDescription: String? {
        switch self {
        case let .databaseTooNew(path, version, supported):
            return "\(path): database schema version \(version) is newer than this summitkb supports (\(supported)); upgrade summitkb, the file was not changed"
        case let .cannotOpen(path, reason):
            return "\(path): cannot open database: \(reason)"
        case let .badDocument(path, reason):
            return "\(path): \(reason)"
        case let .writeFailed(path, document, reason):
            return "\(path): writing \(document) failed: \(reason); nothing of its group was written, earlier documents are kept"
        case let .unreadablePath(path, reason):
            return "\(path): \(reason)"
        case let .badDataFile(message):
            return message
        case let .badGold(path, reason):
            return "\(path): \(reason)"
        case let .notFound(kind, reference):
            return "no \(kind) matches '\(reference)'"
        case let .badCorrection(reason):
            return "correction: \(reason)"
        case let .invalidArgument(message):
            return message
        }
    }
}
