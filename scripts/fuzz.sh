#!/usr/bin/env bash
# Bounded fuzzing of decoding, normalization and the whole extraction pipeline (issue 9).
#
#   scripts/fuzz.sh                # 60 s of libFuzzer over Fuzz/corpus
#   FUZZ_SECONDS=600 scripts/fuzz.sh
#   FUZZ_MODE=random scripts/fuzz.sh   # the plain random-input driver, no libFuzzer
#   scripts/fuzz.sh path/to/crash-…    # re-run one saved input (libFuzzer mode)
#
# Builds the separate package in Fuzz/ (it compiles the real Sources/SummitKBExtraction and
# the real DocumentDecoder through symlinks) with `-sanitize=fuzzer` and runs libFuzzer for
# FUZZ_SECONDS (default 60) with a 10 s per-input hang limit and a 2 GB memory limit. If the
# libFuzzer build does not link on this machine it falls back to the random-input driver
# (same checks, same time bound). Each input is decoded as ingest decodes a file, then run
# through ExtractionPipeline; Fuzz/Sources/SummitKBFuzz/Harness.swift lists the invariants.
#
# Fuzz/corpus (the seed corpus, kept in git) is read, never written: new inputs go to
# $FUZZ_WORK/corpus, findings to $FUZZ_WORK/crash-* / timeout-* / oom-*. To keep useful new
# inputs, minimize them into the repo corpus by hand:
#   Fuzz/.build/release/SummitKBFuzz -merge=1 Fuzz/corpus "$FUZZ_WORK/corpus"
# Exit status: 0 when the run ends with no finding, non-zero otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
FUZZ_MODE="${FUZZ_MODE:-libfuzzer}"
FUZZ_WORK="${FUZZ_WORK:-${TMPDIR:-/tmp}/summitkb-fuzz}"
mkdir -p "$FUZZ_WORK/corpus"

cd Fuzz
if [ "$FUZZ_MODE" = "libfuzzer" ]; then
    # lld: gold crashes while reporting on libFuzzer's objects on this toolchain.
    if swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -DSUMMITKB_LIBFUZZER -Xswiftc -use-ld=lld >&2; then
        FUZZER="$(swift build -c release --show-bin-path)/SummitKBFuzz"
        if [ $# -gt 0 ]; then exec "$FUZZER" "$@"; fi
        echo "fuzz: libFuzzer for $FUZZ_SECONDS s over Fuzz/corpus; findings go to $FUZZ_WORK" >&2
        exec "$FUZZER" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -print_final_stats=1 -artifact_prefix="$FUZZ_WORK/" "$FUZZ_WORK/corpus" corpus
    fi
    echo "fuzz: the libFuzzer build did not link; using the random-input driver" >&2
fi
# The plain driver: a separate scratch folder, so the two builds never mix flags.
swift build -c release --scratch-path .build-random >&2
DRIVER="$(swift build -c release --scratch-path .build-random --show-bin-path)/SummitKBFuzz"
cd "$FUZZ_WORK"
exec "$DRIVER" "$FUZZ_SECONDS" "${FUZZ_SEED:-$RANDOM}" "$OLDPWD/corpus"
