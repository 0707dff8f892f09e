#!/usr/bin/env python3
"""Record-level accuracy of reportmine on rendered reports with known tables.

For every `<name>.truth.json` in the given variant folders (default: all of
../shared/pdf/*/), runs `reportmine extract` on `<name>.pdf` and on
`<name>.layout.txt` (the same report as fixed-width text) and counts the truth
records that the output reproduces exactly: some output row whose cells, in
column order, equal the record's cells after whitespace normalisation (each
output row matches at most one record), and the output rows that match no
record ("extra rows": wrong or invented rows). Prints one line per variant and
input kind, and with -v the records that were missed.

Usage: bench/score_tables.py [-v] [--raw] [VARIANT_DIR...]
  --raw   compare the cells' `raw` text instead of the cleaned `value`
  REPORTMINE=path/to/binary to use a prebuilt binary (default: cargo build --release)
"""
import collections, glob, json, os, re, shutil, subprocess, sys, tempfile

def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()

def rows_of(doc, field):
    out = []
    for t in doc.get("tables", []):
        keys = [c["key"] for c in t["columns"]]
        for r in t["rows"]:
            out.append(tuple(norm(r["cells"].get(k, {}).get(field, "")) for k in keys))
    return out

def score(truth, doc, field):
    have = collections.Counter(rows_of(doc, field))
    hit, missed = 0, []
    for t in truth["tables"]:
        for r in t["records"]:
            key = tuple(norm(c) for c in r["cells"])
            if have[key] > 0:
                have[key] -= 1
                hit += 1
            else:
                missed.append(key)
    # Output rows left unmatched: table rows the truth does not have (or
    # records reproduced wrongly).
    return hit, missed, sum(have.values())

def main(argv):
    verbose = "-v" in argv
    field = "raw" if "--raw" in argv else "value"
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    dirs = [a for a in argv if not a.startswith("-")] or sorted(
        d for d in glob.glob(os.path.join(repo, "..", "shared", "pdf", "*")) if os.path.isdir(d))
    binary = os.environ.get("REPORTMINE")
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=repo, check=True)
        binary = os.path.join(repo, "target", "release", "reportmine")
    totals = collections.Counter()
    print(f"{'variant':<14} {'input':<12} {'records':>8} {'exact':>6} {'share':>7} {'extra rows':>10}")
    for d in dirs:
        truths = sorted(glob.glob(os.path.join(d, "*.truth.json")))
        for kind, suffix in (("pdf", ".pdf"), ("layout.txt", ".layout.txt")):
            hit = total = extra = 0
            with tempfile.TemporaryDirectory() as tmp:
                src = os.path.join(tmp, "in")
                os.mkdir(src)
                for t in truths:
                    name = os.path.basename(t)[: -len(".truth.json")]
                    shutil.copy(os.path.join(d, name + suffix), src)
                out = os.path.join(tmp, "out")
                subprocess.run([binary, "extract", src, "-o", out, "-q"], check=False)
                for t in truths:
                    name = os.path.basename(t)[: -len(".truth.json")]
                    truth = json.load(open(t))
                    n = sum(len(x["records"]) for x in truth["tables"])
                    total += n
                    found = glob.glob(os.path.join(out, name + suffix.replace(".", "*.", 1) + "*.json")) or \
                        glob.glob(os.path.join(out, name + "*" + suffix + ".json"))
                    if not found:
                        if verbose:
                            print(f"  {name}{suffix}: no output")
                        continue
                    h, missed, x = score(truth, json.load(open(found[0])), field)
                    hit += h
                    extra += x
                    if verbose:
                        for m in missed:
                            print(f"  {os.path.basename(d)}/{name}{suffix} missed: {[c[:30] for c in m]}")
            totals[kind, "hit"] += hit
            totals[kind, "total"] += total
            share = hit / total if total else 0.0
            print(f"{os.path.basename(d):<14} {kind:<12} {total:>8} {hit:>6} {share:>7.1%} {extra:>10}")
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
