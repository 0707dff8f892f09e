#!/usr/bin/env bash
# Benchmark of the archive stage through the real CLI:
#   reportmine extract ARCHIVE -o OUT --jobs N --quiet
# at --jobs 1 and --jobs 2 (fresh output directory each), then a resume run
# at --jobs 2 over the finished output (everything skipped). For each run it
# prints wall time, MB/s and reports/s over the archive's uncompressed input
# bytes, peak RSS (from /usr/bin/time -v) and the ok/failed/skipped counts
# read back from OUT/manifest.jsonl.
#
# Usage: bench/archive.sh [ARCHIVE_DIR]
#   ARCHIVE_DIR defaults to $BENCH_DIR/archive, built by bench/make_archive.py
#   (>= 10,000 reports, >= 400 MB) when missing. BENCH_DIR defaults to
#   ${TMPDIR:-/tmp}/reportmine-bench; outputs go to $BENCH_DIR/out-*.
#   REPORTMINE=path/to/binary skips the release build and runs that binary.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bench_dir=${BENCH_DIR:-${TMPDIR:-/tmp}/reportmine-bench}
archive=${1:-$bench_dir/archive}
mkdir -p "$bench_dir"

if [[ ! -d $archive ]]; then
    python3 "$repo/bench/make_archive.py" "$archive"
fi
stats=$archive/.bench-stats.json
if [[ ! -f $stats ]]; then
    echo "no $stats: build the archive with bench/make_archive.py" >&2
    exit 2
fi
read -r reports bytes < <(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["reports"], s["bytes"])' "$stats")

if [[ ! -x /usr/bin/time ]]; then
    apt-get install -y time >/dev/null
fi
# REPORTMINE overrides the binary (e.g. to benchmark another build).
bin=${REPORTMINE:-}
if [[ -z $bin ]]; then
    (cd "$repo" && cargo build --release --quiet)
    bin=$repo/target/release/reportmine
fi

# run LABEL JOBS OUT: one timed extract; prints one result line.
run() {
    local label=$1 jobs=$2 out=$3 log=$bench_dir/time-$1.log status=0
    /usr/bin/time -v "$bin" extract "$archive" -o "$out" --jobs "$jobs" --quiet 2>"$log" || status=$?
    if ((status > 1)); then
        echo "$label: reportmine exited $status" >&2
        cat "$log" >&2
        exit 1
    fi
    python3 - "$label" "$jobs" "$log" "$out/manifest.jsonl" "$reports" "$bytes" <<'EOF'
import json, sys
label, jobs, log, manifest, reports, nbytes = sys.argv[1:]
wall = rss_kb = None
for line in open(log):
    line = line.strip()
    if line.startswith("Elapsed (wall clock) time"):
        parts = [float(p) for p in line.rsplit(" ", 1)[1].split(":")]
        wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    elif line.startswith("Maximum resident set size"):
        rss_kb = int(line.rsplit(" ", 1)[1])
counts = {}
for line in open(manifest):
    status = json.loads(line)["status"]
    counts[status] = counts.get(status, 0) + 1
wall = max(wall, 1e-3)
print(f"{label:8} jobs={jobs}  {wall:8.2f} s  {int(nbytes) / 1e6 / wall:8.1f} MB/s  "
      f"{int(reports) / wall:8.1f} reports/s  peak RSS {rss_kb / 1024:7.1f} MiB  "
      f"ok={counts.get('ok', 0)} failed={counts.get('error', 0)} skipped={counts.get('skipped', 0)}")
EOF
}

echo "archive: $archive ($reports reports, $((bytes / 1000000)) MB)"
for jobs in 1 2; do
    rm -rf "$bench_dir/out-j$jobs"
    run "fresh" "$jobs" "$bench_dir/out-j$jobs"
done
run "resume" 2 "$bench_dir/out-j2"
