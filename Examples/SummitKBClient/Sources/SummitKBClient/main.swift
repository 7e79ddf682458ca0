// Prints the timeline of a SummitKB database, read-only, through the public API.
//
//     swift run --package-path Examples/SummitKBClient SummitKBClient summitkb.sqlite
import Foundation
import SummitKB

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 1, let path = arguments.first else {
    FileHandle.standardError.write(Data("usage: SummitKBClient DATABASE\n".utf8))
    exit(64)
}

do {
    let kb = try KnowledgeBase(path: path, mode: .readOnly)
    let timeline = try kb.timeline()
    for entry in timeline.meetings {
        let when = entry.meeting.date ?? entry.meeting.dateText.map { "\"\($0)\"" } ?? "undated"
        print("\(when)\t\(entry.meeting.name)\t\(entry.meeting.place ?? "-")\t\(entry.sourceCount) source(s)")
    }
    print(try Rendering.render(timeline, as: .markdown), terminator: "")
} catch {
    FileHandle.standardError.write(Data("SummitKBClient: \(error.localizedDescription)\n".utf8))
    exit(1)
}
