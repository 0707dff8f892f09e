#!/usr/bin/env bash
# Fraction of truth cells (shared/pdf/*/*.truth.json, tables[].records[].cells,
# whitespace-normalised) whose words are found, in order, in the glyph text
# that reportmine::pdf extracts; one line per variant folder.
#   bench/pdf_truth.sh [DIR...]     (default: every folder of ../shared/pdf)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
if [ "$#" -gt 0 ]; then dirs=("$@"); else
  mapfile -t dirs < <(find "$shared/pdf" -mindepth 1 -maxdepth 1 -type d | sort)
fi
cargo build --release --quiet --example pdf_glyphs
target/release/examples/pdf_glyphs score "${dirs[@]}"
