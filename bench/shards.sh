#!/usr/bin/env bash
# Sharded build simulation: N small councils built in S shards one after the other on this
# machine (as S CI runners would, each from an empty output), their records gathered, then
# the site pages; reports the time and peak memory of each shard and of the site pages, the
# per-council cost, and the largest site page gzipped.
#
#   bench/shards.sh [--councils N] [--shards S] [--country IN|BD|NP|ALL] [--keep]
#
#   --councils   councils to generate (default 50000)
#   --shards     shards (default 8)
#   --country    the generator's country mix (default IN: an India-like hierarchy)
#   --keep       keep the shards' outputs (they are removed after each shard is measured,
#                keeping only its records, as a CI runner would upload them)
#
# The corpus comes from bench/gen_small.py (a few rows per file) and is cached in
# KHULA_BENCH_CACHE (default ~/.cache/khula-bench). Uses target/release/khula, built first.
# Writes target/bench/shards-<N>-<S>.md and prints it. Timings are reported, never asserted.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${KHULA_BENCH_CACHE:-$HOME/.cache/khula-bench}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
N=50000
S=8
COUNTRY=IN
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --councils) N=$2; shift ;;
        --shards) S=$2; shift ;;
        --country) COUNTRY=$2; shift ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
for v in "$N" "$S"; do
    case "$v" in ''|*[!0-9]*|0) echo "error: --councils and --shards take positive numbers" >&2; exit 2 ;; esac
done
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time (Debian package time) is needed" >&2; exit 2; }

(cd "$ROOT" && cargo build --release --quiet)
KHULA="$TARGET/release/khula"
CORPUS="$CACHE/small-$COUNTRY-$N"
WORK="$CACHE/work/shards-$N-$S"
if [ ! -d "$CORPUS" ]; then
    echo "== generating $N small councils ($COUNTRY)"
    python3 "$ROOT/bench/gen_small.py" "$CORPUS.tmp" --councils "$N" --country "$COUNTRY"
    mv "$CORPUS.tmp" "$CORPUS"
fi
rm -rf "$WORK"
mkdir -p "$WORK/gathered" "$ROOT/target/bench"
REPORT="$ROOT/target/bench/shards-$N-$S.md"

# measure NAME CMD...: one line of "wall user sys rss_kb" into $WORK/NAME.time
measure() {
    local name=$1; shift
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/$name.time" "$@" >/dev/null 2>"$WORK/$name.err" || {
        cat "$WORK/$name.err" >&2
        echo "error: $name failed" >&2
        exit 1
    }
}

{
    echo "## Sharded build: $N small councils in $S shards — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $(free -h | awk '/Mem:/{print $2}') RAM, $(uname -sr)"
    echo "- khula: $("$KHULA" --version) (commit $(git -C "$ROOT" rev-parse --short HEAD))"
    echo "- corpus: bench/gen_small.py --councils $N --country $COUNTRY"
    echo
    echo "| step | councils | wall s | user s | sys s | peak RSS MB | user ms per council | output MB |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
} >"$REPORT"

for k in $(seq 1 "$S"); do
    out="$WORK/shard-$k"
    echo "== shard $k/$S"
    measure "shard-$k" "$KHULA" build --quiet --content "$CORPUS" --out "$out" --shard "$k/$S"
    councils=$(find "$out" -mindepth 2 -maxdepth 2 -name .khula-build.json | wc -l)
    mb=$(du -sm "$out" | cut -f1)
    read -r wall user sys rss <"$WORK/shard-$k.time"
    awk -v k="$k" -v s="$S" -v c="$councils" -v w="$wall" -v u="$user" -v sy="$sys" -v r="$rss" -v mb="$mb" \
        'BEGIN { printf "| shard %s/%s | %d | %.1f | %.1f | %.1f | %.0f | %.2f | %d |\n", k, s, c, w, u, sy, r/1024, (c ? u*1000/c : 0), mb }' >>"$REPORT"
    # Gather the records, as the CI workflow in docs/deploy.md does.
    (cd "$out" && find . -mindepth 2 -maxdepth 2 -name .khula-build.json -print0 | tar --null -cf - -T -) | tar -xf - -C "$WORK/gathered"
    [ "$KEEP" = 1 ] || rm -rf "$out"
done

echo "== site pages"
measure site-pages "$KHULA" build --quiet --out "$WORK/gathered" --site-pages
read -r wall user sys rss <"$WORK/site-pages.time"
pages=$(find "$WORK/gathered" -name '*.html' | wc -l)
mb=$(du -sm --exclude=.khula-build.json "$WORK/gathered" | cut -f1)
awk -v n="$N" -v w="$wall" -v u="$user" -v sy="$sys" -v r="$rss" -v mb="$mb" \
    'BEGIN { printf "| site pages | %d | %.1f | %.1f | %.1f | %.0f | %.3f | %d |\n", n, w, u, sy, r/1024, u*1000/n, mb }' >>"$REPORT"

python3 - "$WORK/gathered" "$pages" >>"$REPORT" <<'PY'
import gzip, os, sys
root, pages = sys.argv[1], int(sys.argv[2])
sizes = []
for d, _, files in os.walk(root):
    for f in files:
        if f.endswith(".html"):
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                sizes.append((len(gzip.compress(fh.read(), 6)), os.path.relpath(p, root)))
sizes.sort()
print()
print(f"Site pages: {pages}; largest gzipped: " + ", ".join(f"{p} {s / 1024:.1f} KB" for s, p in reversed(sizes[-3:])))
print(f"Pages over 50 KB gzipped: {sum(1 for s, _ in sizes if s > 50 * 1024)}")
PY
cat "$REPORT"
