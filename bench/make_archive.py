#!/usr/bin/env python3
"""Build a synthetic archive of council report appendices for the archive
benchmark (bench/archive.sh).

Copies the reports in samples/ many times over with varied REF numbers,
years and row orders, some concatenated (two-section appendices), and
re-encoded the way real archives come: UTF-8 with LF, CRLF or a BOM,
Windows-1252, UTF-16 LE with BOM, some with form feeds between pages.
About a tenth of the reports are packed into one zip per year, so both the
directory walk and the zip reader are exercised.

Layout:  OUT/<year>/<council>/appendix_<n>.txt
         OUT/zips/archive-<year>.zip  (entries <council>/appendix_<n>.txt)
         OUT/.bench-stats.json        (hidden, so the walk skips it)

The output is deterministic for a given --seed. It stops once both
--reports and --min-mb are reached.
"""

import argparse
import json
import random
import re
import shutil
import sys
import zipfile
from pathlib import Path

YEAR = re.compile(r"\b(199\d|200\d|201[0-2])\b")
# A record starts with a REF such as "12", "3." or "1. MTCS/CYP" in column 0.
REF_LINE = re.compile(r"^(\d{1,3})(?=[.\t])", re.MULTILINE)
COUNCILS = ["northshire", "southvale", "eastborough", "westmere", "midford", "highdale", "lowbridge", "kingsmoor"]
ENCODINGS = [
    ("utf-8", 60),
    ("utf-8-crlf", 12),
    ("utf-8-bom", 6),
    ("windows-1252", 12),
    ("utf-16-bom", 6),
    ("utf-8-formfeed", 4),
]


def vary(text, rng):
    """Shift years and REF numbers, and reorder some adjacent records."""
    delta = rng.randint(-4, 2)
    text = YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)
    offset = rng.randint(0, 40)
    text = REF_LINE.sub(lambda m: str(int(m.group(1)) + offset), text)
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if REF_LINE.match(line)]
    records = list(zip(starts, starts[1:]))
    for _ in range(rng.randint(0, 3)):
        if len(records) < 2:
            break
        k = rng.randrange(len(records) - 1)
        (a, b), (_, c) = records[k], records[k + 1]
        lines[a:c] = lines[b:c] + lines[a:b]
        records[k], records[k + 1] = (a, a + c - b), (a + c - b, c)
    return "\n".join(lines)


def encode(text, encoding):
    """Bytes of `text` in one of the archive's encodings."""
    if encoding == "utf-8":
        return text.encode("utf-8")
    if encoding == "utf-8-crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if encoding == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    if encoding == "windows-1252":
        return text.replace("\n", "\r\n").encode("cp1252", errors="replace")
    if encoding == "utf-16-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if encoding == "utf-8-formfeed":
        return re.sub(r"\n(?=Appendix|APPENDIX|REF\t)", "\n\f", text).encode("utf-8")
    raise ValueError(encoding)


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="directory to create (replaced if it exists)")
    parser.add_argument("--samples", type=Path, default=here.parent / "samples")
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--min-mb", type=float, default=400.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    samples = [p.read_text(encoding="utf-8") for p in sorted(args.samples.glob("*.txt"))]
    if not samples:
        sys.exit(f"no samples/*.txt under {args.samples}")
    rng = random.Random(args.seed)
    names, weights = zip(*ENCODINGS)
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    (args.out / "zips").mkdir()

    zips = {}
    stats = {"reports": 0, "bytes": 0, "zipped_reports": 0, "encodings": {}}
    try:
        n = 0
        while stats["reports"] < args.reports or stats["bytes"] < args.min_mb * 1e6:
            text = vary(rng.choice(samples), rng)
            if rng.random() < 0.2:
                text += "\n\n" + vary(rng.choice(samples), rng)
            encoding = rng.choices(names, weights)[0]
            data = encode(text, encoding)
            year = str(rng.randint(2002, 2010))
            council = rng.choice(COUNCILS)
            entry = f"{council}/appendix_{n:06d}.txt"
            if rng.random() < 0.1:
                if year not in zips:
                    zips[year] = zipfile.ZipFile(args.out / "zips" / f"archive-{year}.zip", "w", zipfile.ZIP_DEFLATED)
                zips[year].writestr(entry, data)
                stats["zipped_reports"] += 1
            else:
                path = args.out / year / entry
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            stats["reports"] += 1
            stats["bytes"] += len(data)
            stats["encodings"][encoding] = stats["encodings"].get(encoding, 0) + 1
            n += 1
    finally:
        for archive in zips.values():
            archive.close()
    (args.out / ".bench-stats.json").write_text(json.dumps(stats, indent=1, sort_keys=True) + "\n")
    print(
        f"{stats['reports']} reports ({stats['zipped_reports']} in zips), "
        f"{stats['bytes'] / 1e6:.1f} MB in {args.out}: {stats['encodings']}"
    )


if __name__ == "__main__":
    main()
