#!/usr/bin/env bash
# Crash-safety test for `summitkb ingest` (issue 9): SIGKILL at random moments.
#
#   scripts/crash-test.sh                 # 50 trials over a 500-article corpus (~10 min)
#   scripts/crash-test.sh 50 3000         # the issue's full measurement (hours on 2 loaded cores)
#   scripts/crash-test.sh 10 1000         # TRIALS COUNT
#   SEED=7 WORK=/var/tmp/crash KEEP=1 scripts/crash-test.sh
#
# 1. Builds summitkb and summitkb-bench in release mode, writes a generated corpus of COUNT
#    articles (seed $SEED) and ingests it once, uninterrupted, into a reference database.
# 2. Each trial ingests the corpus into a fresh database and SIGKILLs the process after a
#    random delay between 0 and 110% of the reference run's time (so some kills land during
#    migration, most mid-ingest, a few after the end). Every other trial also kills the
#    re-run once more, so recovery from a partially filled database is exercised too.
# 3. After every kill, with the sqlite3 CLI:
#      - PRAGMA integrity_check is ok and PRAGMA foreign_key_check is empty; the FTS5
#        index passes its own integrity-check;
#      - every source present is whole: its path, fingerprint, text length and its counts
#        of evidence, meeting reports, proposal reports, roles and positions equal the
#        reference database's for the same path (no half-written document);
#      - no merged meeting or proposal is left without a report.
# 4. Re-runs the ingest to completion (exit status 0) and compares a canonical dump of the
#    database (sources by path and sha256, participants by key, aliases, meetings with their
#    reports, roles, proposals, positions and every evidence span, all as sorted text without
#    row ids) with the reference database's dump.
# Prints the trials run and the failures; exits non-zero on any failure. Failing databases
# are kept under $WORK/failures. Runtime is about TRIALS x (1.5 x the reference ingest + 2 s):
# 500 articles ingest in ~8 s on 2 busy cores, so the defaults take about 10 minutes after the build.
set -uo pipefail
cd "$(dirname "$0")/.."

TRIALS="${1:-${TRIALS:-50}}"
COUNT="${2:-${COUNT:-500}}"
SEED="${SEED:-11}"
WORK="${WORK:-${TMPDIR:-/tmp}/summitkb-crash}"
KEEP="${KEEP:-0}"

command -v sqlite3 >/dev/null || { echo "crash-test: needs the sqlite3 CLI (apt-get install sqlite3)" >&2; exit 2; }

swift build -c release --product summitkb >&2 || exit 2
swift build -c release --product summitkb-bench >&2 || exit 2
BIN="$(swift build -c release --show-bin-path)"
SUMMITKB="$BIN/summitkb"
BENCH="$BIN/summitkb-bench"

# Two runs sharing $WORK would overwrite each other's databases: refuse the second.
exec 9>"$WORK.lock"
flock -n 9 || { echo "crash-test: another run is using $WORK (set WORK=...)" >&2; exit 2; }
rm -rf "$WORK"
mkdir -p "$WORK/failures"
CORPUS="$WORK/corpus"
"$BENCH" generate --count "$COUNT" --seed "$SEED" --out "$CORPUS" >&2 || exit 2

# Integrity: prints nothing when clean. SQLite 3.40 falsely reports
# "NULL value in participant_aliases.alias" (NOT NULL column before a primary-key column
# in a WITHOUT ROWID check); that line is dropped only when no alias is actually NULL.
integrity() {
    local db="$1" out nulls
    out="$(sqlite3 "$db" 'PRAGMA integrity_check;' 2>&1)"
    nulls="$(sqlite3 "$db" "SELECT count(*) FROM participant_aliases WHERE alias IS NULL;" 2>/dev/null || echo 0)"
    if [ "$nulls" = "0" ]; then
        out="$(printf '%s\n' "$out" | grep -v '^NULL value in participant_aliases.alias$' || true)"
        [ -z "$out" ] && out="ok"
    fi
    [ "$out" = "ok" ] || echo "integrity_check: $out"
    out="$(sqlite3 "$db" 'PRAGMA foreign_key_check;' 2>&1)"
    [ -z "$out" ] || echo "foreign_key_check: $out"
    # Only when the schema exists (a kill during migration may leave an empty file).
    if [ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE name = 'sources_fts';" 2>&1)" = "1" ]; then
        out="$(sqlite3 "$db" "INSERT INTO sources_fts(sources_fts) VALUES ('integrity-check');" 2>&1)"
        [ -z "$out" ] || echo "fts integrity-check: $out"
    fi
}

# One line per source: everything written for it, without row ids.
PER_SOURCE="SELECT s.path, s.sha256, length(s.text), s.word_count,
    (SELECT count(*) FROM evidence e WHERE e.source_id = s.id),
    (SELECT count(*) FROM meeting_reports r WHERE r.source_id = s.id),
    (SELECT count(*) FROM proposal_reports r WHERE r.source_id = s.id),
    (SELECT count(*) FROM meeting_participants mp JOIN meeting_reports r ON r.id = mp.meeting_report_id WHERE r.source_id = s.id),
    (SELECT count(*) FROM proposal_positions pp JOIN proposal_reports r ON r.id = pp.proposal_report_id WHERE r.source_id = s.id)
  FROM %s.sources s"

# Sources present in DB that differ from the reference's source at the same path, and
# merged rows left without any claim.
wholeness() {
    local db="$1"
    [ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE name = 'sources';" 2>&1)" = "1" ] || return 0
    # shellcheck disable=SC2059
    local query="ATTACH '$WORK/ref.sqlite' AS ref; $(printf "$PER_SOURCE" main) EXCEPT $(printf "$PER_SOURCE" ref);"
    local out
    out="$(sqlite3 "$db" "$query" 2>&1)"
    [ -z "$out" ] || echo "partial or different sources: $(printf '%s\n' "$out" | head -3)"
    out="$(sqlite3 "$db" "SELECT 'meeting ' || id FROM meetings m WHERE NOT EXISTS (SELECT 1 FROM meeting_reports WHERE meeting_id = m.id)
        UNION ALL SELECT 'proposal ' || id FROM proposals p WHERE NOT EXISTS (SELECT 1 FROM proposal_reports WHERE proposal_id = p.id);" 2>&1)"
    [ -z "$out" ] || echo "merged rows without reports: $(printf '%s\n' "$out" | head -3)"
}

# The canonical dump: the whole content as sorted lines that do not depend on row ids.
CANONICAL="
SELECT 'source|' || path || '|' || sha256 || '|' || ifnull(title, '') || '|' || ifnull(published, '') || '|'
    || ifnull(dateline, '') || '|' || byte_count || '|' || word_count || '|' || length(text) || '|' || hex(sha3(text))
  FROM sources
UNION ALL SELECT 'participant|' || kind || '|' || key || '|' || name || '|' || ifnull(title, '') || '|' || ifnull(country, '')
    || '|' || ifnull(lexicon, '') || '|' || origin FROM participants
UNION ALL SELECT 'alias|' || p.key || '|' || a.folded || '|' || a.alias
  FROM participant_aliases a JOIN participants p ON p.id = a.participant_id
UNION ALL SELECT 'meeting|' || m.kind || '|' || m.name || '|' || ifnull(m.city, '') || '|' || ifnull(m.country, '') || '|'
    || ifnull(m.date, '') || '|' || ifnull(m.date_text, '') || '|' || m.date_precision || '|' || m.status || '|'
    || ifnull((SELECT key FROM participants WHERE id = m.convener_id), '') || '|' || m.block_key || '|'
    || (SELECT group_concat(x, ' + ') FROM (SELECT s.path || '#' || r.ordinal || ':' || ifnull(r.merge_reason, '') AS x
        FROM meeting_reports r JOIN sources s ON s.id = r.source_id WHERE r.meeting_id = m.id ORDER BY 1))
  FROM meetings m
UNION ALL SELECT 'role|' || ifnull(s.path || '#' || r.ordinal, 'added') || '|' || p.key || '|' || mp.role
  FROM meeting_participants mp JOIN participants p ON p.id = mp.participant_id
  LEFT JOIN meeting_reports r ON r.id = mp.meeting_report_id LEFT JOIN sources s ON s.id = r.source_id
UNION ALL SELECT 'proposal|' || pr.kind || '|' || pr.status || '|' || pr.summary || '|' || ifnull(pr.conditions, '') || '|'
    || pr.merge_key || '|' || ifnull((SELECT group_concat(x, ' + ') FROM (SELECT s.path || '#' || r.ordinal AS x
        FROM meeting_reports r JOIN sources s ON s.id = r.source_id WHERE r.meeting_id = pr.meeting_id ORDER BY 1)), '') || '|'
    || (SELECT group_concat(x, ' + ') FROM (SELECT s.path || '#' || r.ordinal || ':' || ifnull(r.merge_reason, '') AS x
        FROM proposal_reports r JOIN sources s ON s.id = r.source_id WHERE r.proposal_id = pr.id ORDER BY 1))
  FROM proposals pr
UNION ALL SELECT 'position|' || ifnull(s.path || '#' || r.ordinal, 'added') || '|' || p.key || '|' || pp.stance
  FROM proposal_positions pp JOIN participants p ON p.id = pp.participant_id
  LEFT JOIN proposal_reports r ON r.id = pp.proposal_report_id LEFT JOIN sources s ON s.id = r.source_id
UNION ALL SELECT 'evidence|' || s.path || '|' || e.slot || '|' || ifnull(e.value, '') || '|' || e.start || '-' || e.end || '|'
    || e.extractor || '|' || e.confidence
  FROM evidence e JOIN sources s ON s.id = e.source_id
ORDER BY 1;"

dump() { sqlite3 "$1" "$CANONICAL"; }

# Runs ingest in the background, kills it after a random delay; prints what happened.
kill_ingest() {
    local db="$1" max_ms="$2" delay_ms pid
    delay_ms=$(( (RANDOM * 32768 + RANDOM) % (max_ms + 1) ))
    "$SUMMITKB" ingest --quiet --db "$db" "$CORPUS" 2>>"$WORK/ingest.stderr" &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    if kill -KILL "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null
        echo "killed after ${delay_ms} ms"
    else
        wait "$pid" 2>/dev/null
        echo "finished before the kill at ${delay_ms} ms"
    fi
}

# The reference run.
start_ns=$(date +%s%N)
"$SUMMITKB" ingest --quiet --db "$WORK/ref.sqlite" "$CORPUS" || { echo "crash-test: reference ingest failed" >&2; exit 2; }
REF_MS=$(( ($(date +%s%N) - start_ns) / 1000000 ))
dump "$WORK/ref.sqlite" > "$WORK/ref.dump"
REF_PROBLEMS="$(integrity "$WORK/ref.sqlite")"
[ -z "$REF_PROBLEMS" ] || { echo "crash-test: reference database fails its checks: $REF_PROBLEMS" >&2; exit 2; }
SOURCES=$(sqlite3 "$WORK/ref.sqlite" "SELECT count(*) FROM sources;")
echo "reference: $SOURCES sources from $COUNT articles in $REF_MS ms; $(wc -l < "$WORK/ref.dump") canonical lines"
MAX_MS=$(( REF_MS * 11 / 10 ))

failures=0
kills=0
suite_start=$(date +%s)
for trial in $(seq 1 "$TRIALS"); do
    db="$WORK/trial.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
    problems=""
    rounds=1
    [ $((trial % 2)) -eq 0 ] && rounds=2
    notes=""
    for round in $(seq 1 "$rounds"); do
        what="$(kill_ingest "$db" "$MAX_MS")"
        kills=$((kills + 1))
        present=$(sqlite3 "$db" "SELECT count(*) FROM sources;" 2>/dev/null || echo 0)
        notes="$notes; $what, $present sources"
        p="$(integrity "$db")$(wholeness "$db")"
        [ -z "$p" ] || problems="$problems round $round: $p"
    done
    if ! "$SUMMITKB" ingest --quiet --db "$db" "$CORPUS" 2>>"$WORK/ingest.stderr"; then
        problems="$problems re-run exited non-zero;"
    fi
    p="$(integrity "$db")"
    [ -z "$p" ] || problems="$problems after re-run: $p"
    if ! dump "$db" | cmp -s - "$WORK/ref.dump"; then
        problems="$problems final content differs from the reference: $(dump "$db" | diff - "$WORK/ref.dump" | head -4 | tr '\n' ' ')"
    fi
    if [ -n "$problems" ]; then
        failures=$((failures + 1))
        cp "$db" "$WORK/failures/trial-$trial.sqlite" 2>/dev/null
        echo "trial $trial FAILED${notes}:$problems"
    else
        echo "trial $trial ok${notes}"
    fi
done
elapsed=$(( $(date +%s) - suite_start ))
echo "crash-test: $TRIALS trials, $kills kills, $failures failures ($COUNT articles, reference ingest $REF_MS ms, trials took ${elapsed} s)"
[ "$KEEP" = "1" ] || [ "$failures" -gt 0 ] || rm -rf "$WORK"
[ "$failures" -eq 0 ]
