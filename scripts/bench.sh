#!/usr/bin/env bash
# Builds summitkb-bench in release mode and runs the default benchmark (issue 8).
#
#   scripts/bench.sh                          # sizes 1000,10000,100000, seed 1
#   SIZES=1000,10000 scripts/bench.sh         # other sizes
#   SEED=7 WORK=/var/tmp/sb scripts/bench.sh  # another corpus, another scratch folder
#   scripts/bench.sh --json                   # extra arguments go to `summitkb-bench run`
#
# For each size it writes a generated corpus under $WORK, stores it bare (raw text + FTS5,
# one transaction) and ingests it with SummitKB, each in its own process, and prints
# articles/s, MB/s, words/s, peak memory, database size per article and the ingest/bare
# ratio; then it times the canned reports on the largest database. It ends with the
# per-stage extraction throughput (normalize, segment, tag, whole pipeline) on $STAGES_MB MB.
# Needs several GB free under $WORK for 100,000 articles.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-1000,10000,100000}"
SEED="${SEED:-1}"
WORK="${WORK:-${TMPDIR:-/tmp}/summitkb-bench}"
STAGES_MB="${STAGES_MB:-20}"

swift build -c release --product summitkb-bench
BENCH="$(swift build -c release --show-bin-path)/summitkb-bench"

"$BENCH" run --sizes "$SIZES" --seed "$SEED" --work "$WORK" "$@"
echo
"$BENCH" stages --mb "$STAGES_MB" --seed "$SEED" "$@"
