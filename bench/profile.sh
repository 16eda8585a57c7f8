#!/usr/bin/env bash
# Profile one khula build of a generated corpus (default 100 councils) and list the top
# inclusive costs by function.
#
#   bench/profile.sh [--councils N] [--tool perf|callgrind]
#
# Uses a release build with debug symbols in target/profile, or $CARGO_TARGET_DIR/profile
# (it does not touch the release folder). perf samples CPU time with DWARF call stacks; callgrind counts
# instructions, which is reproducible on a busy machine but runs ~50x slower.
# The corpus comes from the cache bench/run.sh fills (KHULA_BENCH_CACHE).
# Output: target/bench/profile-<tool>-<N>.txt
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEN=$(cd "$ROOT/../shared/bench" && pwd)
CACHE=${KHULA_BENCH_CACHE:-$HOME/.cache/khula-bench}
N=100
TOOL=perf
while [ $# -gt 0 ]; do
    case "$1" in
        --councils) N=$2; shift ;;
        --tool) TOOL=$2; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

if [ ! -d "$CACHE/khula-$N" ]; then
    python3 "$GEN/gen_corpus.py" "$CACHE/khula-$N.tmp" --councils "$N" --messy
    mv "$CACHE/khula-$N.tmp" "$CACHE/khula-$N"
fi
PROFILE_TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/profile"
(cd "$ROOT" && CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release --quiet --target-dir "$PROFILE_TARGET")
BIN="$PROFILE_TARGET/release/khula"
OUT="$CACHE/work/profile-out"
RES="$ROOT/target/bench"
mkdir -p "$RES" "$CACHE/work"
rm -rf "$OUT"
REPORT="$RES/profile-$TOOL-$N.txt"

case "$TOOL" in
    perf)
        DATA="$CACHE/work/perf-$N.data"
        perf record -q -F 499 --call-graph dwarf,32768 -o "$DATA" \
            "$BIN" build --quiet --content "$CACHE/khula-$N" --out "$OUT"
        perf report -i "$DATA" --children --stdio --sort symbol -g none --percent-limit 1 \
            2>/dev/null | grep -v '^$' >"$REPORT"
        ;;
    callgrind)
        command -v valgrind >/dev/null || apt-get install -y valgrind >/dev/null
        DATA="$CACHE/work/callgrind-$N.out"
        RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$DATA" \
            "$BIN" build --quiet --content "$CACHE/khula-$N" --out "$OUT"
        callgrind_annotate --inclusive=yes "$DATA" 2>/dev/null | head -60 >"$REPORT"
        ;;
    *) echo "error: --tool is perf or callgrind" >&2; exit 2 ;;
esac
rm -rf "$OUT"
head -45 "$REPORT"
echo "(full report: ${REPORT#"$ROOT"/})"
