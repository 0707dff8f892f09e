#!/usr/bin/env bash
# Pages per second of the PDF glyph stage (reportmine::pdf::load: parse,
# interpret, decode fonts, position every glyph) against poppler's
# `pdftotext -bbox` on the same files. Usage:
#   bench/pdf_glyphs.sh [PDF...]      (default: ../shared/pdf and pdf-peers)
# pdftotext runs once per file per round, so its figure includes process
# start-up; ours is measured in one process. Needs poppler-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
if [ "$#" -gt 0 ]; then files=("$@"); else
  mapfile -t files < <(find "$shared/pdf" "$shared/pdf-peers" -name '*.pdf' | sort)
fi
rounds=5
cargo build --release --quiet --example pdf_glyphs
echo "reportmine glyph stage:"
target/release/examples/pdf_glyphs bench "${files[@]}"

command -v pdftotext >/dev/null || { echo "pdftotext not installed (apt-get install poppler-utils)"; exit 0; }
pages=0
for f in "${files[@]}"; do
  n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)
  pages=$((pages + ${n:-0}))
done
start=$(date +%s.%N)
for _ in $(seq "$rounds"); do
  for f in "${files[@]}"; do pdftotext -bbox "$f" /dev/null 2>/dev/null || true; done
done
end=$(date +%s.%N)
awk -v p="$pages" -v r="$rounds" -v s="$start" -v e="$end" -v n="${#files[@]}" 'BEGIN {
  t = e - s; printf "pdftotext -bbox:\n%d files x %d rounds: %d pages in %.3f s = %.1f pages/s\n", n, r, p * r, t, p * r / t }'
