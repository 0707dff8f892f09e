#!/usr/bin/env bash
# Whole PDF to JSON, in pages per second, against `pdftotext -layout` alone
# (issue 7's speed bar), over the rendered reports of ../shared/pdf (or the
# folders given). Single thread for both (`--jobs 1`), best of 3 runs.
#
# Usage: bench/pdf_pages.sh [DIR...]
#   REPORTMINE=path/to/binary skips the release build.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dirs=("$@")
[[ ${#dirs[@]} -gt 0 ]] || dirs=("$repo"/../shared/pdf/*/)
command -v pdftotext >/dev/null || apt-get install -y poppler-utils >/dev/null
bin=${REPORTMINE:-}
if [[ -z $bin ]]; then
    (cd "$repo" && cargo build --release --quiet)
    bin=$repo/target/release/reportmine
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
n=0
for d in "${dirs[@]}"; do
    for f in "$d"/*.pdf; do
        n=$((n + 1))
        cp "$f" "$work/in/$n.pdf"
    done
done
pages=0
for f in "$work"/in/*.pdf; do
    pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
done
best() { # best wall time of 3 runs of "$@", in seconds
    local b=999999
    for _ in 1 2 3; do
        local s e
        s=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        e=$(date +%s.%N)
        b=$(python3 -c "print(min($b, $e - $s))")
    done
    echo "$b"
}
ours=$(best "$bin" extract "$work/in" -o "$work/out" --jobs 1 --force --quiet)
theirs=$(best bash -c "for f in '$work'/in/*.pdf; do pdftotext -layout \"\$f\" /dev/null; done")
python3 - "$n" "$pages" "$ours" "$theirs" <<'PY'
import sys
n, pages, ours, theirs = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"{n} PDFs, {pages} pages")
print(f"reportmine extract (PDF -> JSON, 1 thread): {ours:.2f} s, {pages/ours:.0f} pages/s")
print(f"pdftotext -layout:                          {theirs:.2f} s, {pages/theirs:.0f} pages/s")
PY
