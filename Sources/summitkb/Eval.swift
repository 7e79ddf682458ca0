import ArgumentParser
import Foundation
import SummitKB

extension SummitKBCommand {
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Score the knowledge base against a folder of gold files.",
            discussion: """
                Every *.json file of the folder is one gold document (format: the gold FORMAT.md). \
                Prints precision, recall and F1 for detections (entities, meetings, attendees, \
                merge pairs, proposals) and accuracy for properties of matched items (titles, \
                conveners, date texts, proposers, supporters), summed over all documents. \
                "-" marks a ratio with nothing to divide by. Scores an export file instead of the \
                database with --export.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json
        }

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("Folder of gold *.json files.", valueName: "dir"))
        var gold: String

        @Option(help: ArgumentHelp("Score this summitkb-export/1 file instead of the database.", valueName: "file"))
        var export: String?

        @Option(help: "Output format.")
        var format: Format = .table

        @Flag(help: "Also print one table per gold document (table format).")
        var byDocument = false

        func run() throws {
            do {
                let report: EvaluationReport
                if let export {
                    let document = try ExportDocument(contentsOf: URL(fileURLWithPath: export))
                    report = Evaluation.evaluate(export: document, gold: try GoldDocument.load(directory: gold))
                } else {
                    report = try database.openReadOnly().evaluate(goldDirectory: gold)
                }
                switch format {
                case .json:
                    FileHandle.standardOutput.write(try report.jsonData())
                case .table:
                    print(EvaluationTable.render(report, byDocument: byDocument), terminator: "")
                }
                for document in report.missingDocuments {
                    FileHandle.standardError.write(Data("summitkb: warning: \(document): no source with this file name; all its gold items count as missed\n".utf8))
                }
            } catch {
                throw fail(error)
            }
        }
    }
}

/// The aligned text table `summitkb eval` prints.
enum EvaluationTable {
    static func render(_ report: EvaluationReport, byDocument: Bool) -> String {
        let missing = report.missingDocuments.isEmpty ? "" : ", \(report.missingDocuments.count) without a matching source"
        var text = "\(report.documents.count) gold documents\(missing)\n" + render(report.total)
        if byDocument {
            for document in report.documents {
                let source = document.source.map { "source \($0)" } ?? "no matching source"
                text += "\n\(document.document) (\(source))\n" + render(document.scores)
            }
        }
        return text
    }

    static func render(_ scores: EvaluationReport.Scores) -> String {
        let header = ["metric", "precision", "recall", "f1", "accuracy", "counts"]
        let rows = scores.metrics.map { metric -> [String] in
            switch metric.score {
            case let .detection(counts):
                return [metric.name, ratio(counts.precision), ratio(counts.recall), ratio(counts.f1), "",
                        "tp \(counts.truePositives)  fp \(counts.falsePositives)  fn \(counts.falseNegatives)"]
            case let .accuracy(accuracy):
                return [metric.name, "", "", "", ratio(accuracy.accuracy), "\(accuracy.correct)/\(accuracy.total) correct"]
            }
        }
        let table = [header] + rows
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { row in
            row.indices.map { column in
                let cell = row[column]
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                // Names and counts read left to right; ratios line up on the right.
                return column == 0 || column == header.count - 1 ? cell + padding : padding + cell
            }
            .joined(separator: "  ")
            .trimmingCharacters(in: .whitespaces)
        }
        .joined(separator: "\n") + "\n"
    }

    static func ratio(_ value: Double?) -> String {
        value.map { String(format: "%.3f", $0) } ?? "-"
    }
}
