import GRDB

/// Where an unresolved relative date ("last week", "Monday", "next month") falls in time,
/// as a rank: earlier expressions have smaller ranks.
///
/// The order: last year < last month < earlier this month < last week < earlier this week <
/// "last WEEKDAY" (Monday first) < yesterday / last night < today, tonight, this morning,
/// afternoon or evening < this week < tomorrow < WEEKDAY (Monday first) < weekend <
/// "next WEEKDAY" < next week < later this month / this month < next month < next year;
/// anything else ranks after all of them. Matching is case-insensitive and by substring,
/// first pattern first.
enum RelativeDate {
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// `LIKE` patterns and their ranks, in matching order.
    static let patterns: [(like: String, rank: Int)] = {
        var patterns: [(String, Int)] = []
        for (index, day) in weekdays.enumerated() {
            patterns += [("%last %\(day)%", 40 + index), ("%next %\(day)%", 80 + index), ("%\(day)%", 71 + index)]
        }
        return patterns + [
            ("%last year%", 10), ("%last month%", 20), ("%earlier this month%", 25), ("%last week%", 30),
            ("%earlier this week%", 35), ("%yesterday%", 50), ("%last night%", 50), ("%today%", 60),
            ("%tonight%", 60), ("%this morning%", 60), ("%this afternoon%", 60), ("%this evening%", 60),
            ("%weekend%", 78), ("%this week%", 65), ("%tomorrow%", 70), ("%next week%", 90),
            ("%later this month%", 95), ("%this month%", 95), ("%next month%", 100), ("%next year%", 110),
        ]
    }()

    /// The rank of an unmatched text.
    static let unknownRank = 500

    /// The rank of `column` as an SQL expression.
    static func rank(of column: Column) -> SQLExpression {
        let cases = patterns.map { _ in "WHEN lower(\(column.name)) LIKE ? THEN ?" }.joined(separator: " ")
        return SQL(sql: "(CASE \(cases) ELSE \(unknownRank) END)",
                   arguments: StatementArguments(patterns.flatMap { [$0.like.databaseValue, $0.rank.databaseValue] }))
            .sqlExpression
    }
}
