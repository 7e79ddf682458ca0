#!/usr/bin/env bash
# What stored corrections cost an ingest (issue 8: per-article cost must not grow with what
# people curated).
#
#   scripts/bench-corrections.sh                      # base of 10,000 articles, 3,000 new ones
#   BASE=2000 NEW=1000 WORK=/var/tmp/bc scripts/bench-corrections.sh
#
# Builds release, ingests a generated base (seed 1), then times the ingest of NEW other
# generated articles (seed 9) into three copies of the base: without corrections, with 200
# participant verifications, and with 1,000 meeting splits (each keeping a report apart from
# the other reports of its meeting). The corrections are made with sqlite3 and imported with
# `summitkb curate import`. Needs the sqlite3 CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE="${BASE:-10000}"
NEW="${NEW:-3000}"
WORK="${WORK:-${TMPDIR:-/tmp}/summitkb-bench-corrections}"

swift build -c release --product summitkb >/dev/null
swift build -c release --product summitkb-bench >/dev/null
BIN="$(swift build -c release --show-bin-path)"
rm -rf "$WORK" && mkdir -p "$WORK"
"$BIN/summitkb-bench" generate --count "$BASE" --seed 1 --out "$WORK/base" >/dev/null
"$BIN/summitkb-bench" generate --count "$NEW" --seed 9 --out "$WORK/new" >/dev/null
"$BIN/summitkb" ingest "$WORK/base" --db "$WORK/base.sqlite" --quiet

sqlite3 "$WORK/base.sqlite" "
    SELECT json_object('action', 'verify', 'target_type', 'participant', 'target', key, 'payload', json_object())
    FROM participants ORDER BY id LIMIT 200" > "$WORK/verifications.jsonl"
sqlite3 "$WORK/base.sqlite" "
    SELECT json_object('action', 'split', 'target_type', 'meeting', 'target', s.path || '#' || r.ordinal,
        'payload', json_object('apart_from', (
            SELECT json_group_array(s2.path || '#' || r2.ordinal) FROM meeting_reports r2
            JOIN sources s2 ON s2.id = r2.source_id WHERE r2.meeting_id = r.meeting_id AND r2.id <> r.id)))
    FROM meeting_reports r JOIN sources s ON s.id = r.source_id JOIN meetings m ON m.id = r.meeting_id
    WHERE m.report_count > 1 ORDER BY r.id LIMIT 1000" > "$WORK/splits.jsonl"

echo "ingest of $NEW new articles into a base of $BASE (seconds, wall)"
for corrections in none verifications splits; do
    cp "$WORK/base.sqlite" "$WORK/$corrections.sqlite"
    if [ "$corrections" != none ]; then
        "$BIN/summitkb" curate import "$WORK/$corrections.jsonl" --db "$WORK/$corrections.sqlite" >/dev/null
    fi
    stored=$(sqlite3 "$WORK/$corrections.sqlite" "SELECT count(*) FROM corrections")
    start=$(date +%s.%N)
    "$BIN/summitkb" ingest "$WORK/new" --db "$WORK/$corrections.sqlite" --quiet
    end=$(date +%s.%N)
    printf '%-14s %5s corrections  %6.2f s\n' "$corrections" "$stored" "$(echo "$end - $start" | bc)"
done
