#!/usr/bin/env python3
"""Synthetic council monitoring reports with known tables (reportmine test data).

Builds reports like ../shared/pdf/synth_01..06 (A4 landscape, running head,
title, colour key, section headings, tables with group rows, sub-rows and rows
that break across pages under a repeated header, footer) and renders each in
four variants:

  b14-ruled, b14-unruled   reportlab canvas, base-14 Helvetica/Times (WinAnsi)
  ttf-ruled, ttf-unruled   fpdf2, embedded TrueType subset (Identity-H + ToUnicode),
                           Liberation Sans or DejaVu Sans

For every report: <out>/<variant>/synth_NN.pdf, .truth.json (same schema as the
reference truth files) and .layout.txt (pdftotext -layout).

The layout (column widths, wrapping, pagination, row splitting) is computed here
with the fonts' metrics, so the truth is exact; the PDF back-ends only draw.

Usage: gen.py [--out DIR] [--first 7] [--count 12] [--seed 2024]
              [--variants b14-ruled,b14-unruled,ttf-ruled,ttf-unruled]
              [--style mixed|reference] [--no-layout]
"""
import argparse
import copy
import datetime
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vocab as V  # noqa: E402

PAGE_W, PAGE_H = 841.8898, 595.2756
LEFT = 40.0
TABLE_W = PAGE_W - 2 * LEFT          # 761.8898
HEAD_Y = 30.0                        # running head baseline, from the top
TOP_Y = 52.0                         # content top on a fresh page
BOTTOM_Y = 550.6                     # lowest a table row may reach (from the top)
FOOT_Y = PAGE_H - 22.0               # footer baseline (from the top)
ROW_PAD = 2.2                        # vertical padding above/below cell text
LEGEND_RGB = {"red": (.85, .1, .1), "amber": (1, .75, 0), "green": (0, .62, .27), "achieved": (.2, .4, .85)}
RAG_FILL = {"red": (.93, .35, .35), "amber": (1, .8, .3), "green": (.45, .8, .5), "achieved": (.55, .7, .95)}
VARIANTS = ["b14-ruled", "b14-unruled", "ttf-ruled", "ttf-unruled"]
FONT_FILES = {
    "liberation-sans": ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"],
    "dejavu": ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
               "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
}
WINANSI_SUBST = {"▪": "•"}


# --------------------------------------------------------------------------
# content
# --------------------------------------------------------------------------
class Filler:
    """Fills {placeholders} of vocabulary templates with numbers and dates near the report year."""

    def __init__(self, rng, year):
        self.rng, self.year = rng, year

    def fill(self, s, ref=None):
        r, y = self.rng, self.year
        y0 = y + r.choice([-1, 0, 0, 1])
        vals = {
            "n": r.randint(2, 140), "n2": r.randint(2, 99), "n3": r.randint(1, 9), "p": r.randint(2, 60),
            "p2": r.randint(40, 95), "k": r.randint(20, 900), "k2": r.randint(100, 990), "q": r.randint(1, 4),
            "q2": r.randint(1, 12), "d": r.randint(1, 28), "month": r.choice(V.MONTHS), "y": y + r.choice([0, 1]),
            "y0": y0, "yy": "%02d" % ((y0 + 1) % 100), "fy": "%d/%02d" % (y0, (y0 + 1) % 100),
            "isodate": "%d-%02d-%02d" % (y + 1, r.randint(1, 12), r.randint(1, 28)),
            "fyd": "%02d-%02d" % (y0 % 100, (y0 + 1) % 100), "ord": r.choice(V.ORDINALS),
            "ref": ref or "1. AP/CEX",
        }
        if "{date}" in s:
            vals["date"] = self.date()
        return s.format(**vals)

    def date(self):
        return self.fill(self.rng.choice(V.DATES))


STYLE = {"name": "mixed"}


def officer(rng):
    f, l = rng.choice(V.FIRST), rng.choice(V.LAST)
    k = rng.random()
    if STYLE["name"] == "reference" and 0.68 <= k < 0.76:
        k = 0.5
    if k < 0.45:
        return f"{f} {l}"
    if k < 0.55:
        return f"{f[0]}. {l}"
    if k < 0.68:
        return f"{f} {l}/{rng.choice(V.FIRST)} {rng.choice(V.LAST)}"
    if k < 0.76:
        return f"{f} {l}/ {rng.choice(V.FIRST)} {rng.choice(V.LAST)}"      # "X/ Y"
    if k < 0.84:
        return f"{f} {l} ({rng.choice(V.FIRST)[0]}. {rng.choice(V.LAST)})"
    if k < 0.87 and STYLE["name"] != "reference":
        return f"{f} {l}/ {rng.choice(V.ROLES)}"
    return rng.choice(V.ROLES)


def money(rng, style):
    v = rng.choice([rng.randint(1, 99) * 500, rng.randint(1, 400) * 1000, rng.randint(10, 2500) * 100])
    k = rng.random()
    if k < 0.06:
        return rng.choice(["Nil", "-", "0"])
    if style == "k":
        return "{:,}".format(v // 1000 or 1)
    if style == "pound":
        return "£{:,}".format(v)
    if style == "plain":
        return "{:,}".format(v)
    return rng.choice(["£{:,}".format(v), "£%.1fm" % (v / 1e6 * 10), "£%dk" % (v // 1000 or 1)])


class RefStyle:
    """A table's REF numbering: '1. AP/RES', 'CPA SCH 3', '4 MTCS/CYP', 'EAT/07/02', 'LAA 1.12.1', 'NI 195' ..."""

    def __init__(self, rng, year):
        self.rng = rng
        code = rng.choice(V.DEPT_CODES)
        yy = "%02d" % (year % 100)
        kinds = ["cpa", "ap", "mtcs", "slash", "laa", "ni", "dot", "plain", "cpadash", "mtcsdot"]
        self.kind = rng.choice(kinds[:4] if STYLE["name"] == "reference" else kinds)
        self.code, self.yy, self.n, self.a = code, yy, 0, rng.randint(1, 4)

    def next(self):
        self.n += 1
        n, c = self.n, self.code
        return {
            "cpa": f"CPA {c} {n}", "ap": f"{n}. AP/{c}", "mtcs": f"{n} MTCS/{c}",
            "slash": f"{c}/{self.yy}/{n:02d}", "laa": f"LAA {self.a}.{(n - 1) // 3 + 1}.{(n - 1) % 3 + 1}",
            "ni": f"NI {self.rng.randint(1, 198)}", "dot": f"{self.a}.{n}", "plain": f"{n}",
            "cpadash": f"{n}. CPA –{c}", "mtcsdot": f"{n}. MTCS/{c}",
        }[self.kind]


def sentences(rng, fl, k, ref):
    pool = rng.sample(V.SENTENCES, min(k, len(V.SENTENCES)))
    if k > 3 and rng.random() < 0.1:
        pool.append(pool[0])          # the odd repeated sentence, as in the samples
    return " ".join(fl.fill(t, ref=ref) for t in pool)


def comments_cell(rng, fl, ref, long_rows):
    """A progress comment: prose, bullets, or several paragraphs."""
    r = rng.random()
    if r < 0.05:
        return []
    paras = []
    if long_rows and rng.random() < 0.12:
        k = rng.randint(9, 16)
    else:
        k = rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6])
    bullet_char = "▪" if rng.random() < 0.3 else "•"
    mode = rng.random()
    if mode < 0.25:      # optional lead sentence + bullets
        if rng.random() < 0.5:
            paras.append({"text": sentences(rng, fl, 1, ref), "bullet": None, "gap": False})
        for b in rng.sample(V.BULLETS, rng.randint(2, 7)):
            paras.append({"text": fl.fill(b), "bullet": bullet_char, "gap": False})
    elif mode < 0.40 and STYLE["name"] != "reference":    # several paragraphs, separated by an empty line
        for i in range(rng.randint(2, 3)):
            paras.append({"text": sentences(rng, fl, rng.randint(1, 3), ref), "bullet": None, "gap": i > 0})
        if rng.random() < 0.3:
            paras.append({"text": fl.fill(rng.choice(V.BULLETS)), "bullet": bullet_char, "gap": True})
    else:
        paras.append({"text": sentences(rng, fl, k, ref), "bullet": None, "gap": False})
    return paras


def commitment(rng, fl, ref):
    s = f"{rng.choice(V.VERBS)} {fl.fill(rng.choice(V.OBJECTS))} {fl.fill(rng.choice(V.BY_WHEN))}"
    if rng.random() < 0.2:
        s += " " + fl.fill(rng.choice(V.TAILS), ref=ref)
    elif rng.random() < 0.08:
        s += ". " + fl.fill(rng.choice(V.SENTENCES), ref=ref)
    return s


def plain(text):
    return [{"text": text, "bullet": None, "gap": False}] if text else []


def gen_cell(kind, rng, fl, tab, ref, long_rows):
    """Paragraphs of one cell of the given column kind."""
    def maybe_empty(p):
        return rng.random() < p
    if kind == "ref":
        return plain(ref)
    if kind == "no":
        return plain(ref)
    if kind == "piref":
        return plain(fl.fill(rng.choice(["NI {n}", "BV {n}", "BVPI {n}a", "NI {n}", "LAA {q}.{q2}.1"])))
    if kind == "dept":
        return plain(rng.choice(V.DEPTS))
    if kind == "level":
        return plain(rng.choice(V.LEVELS[:4] if "Quartile" not in tab["labels"] else ["1", "2", "3", "4", "Top", "Bottom"]))
    if kind == "risklevel":
        return plain(rng.choice(V.RISK_LEVELS))
    if kind == "priority":
        return plain(rng.choice(V.PRIORITIES))
    if kind == "commitment":
        return plain(commitment(rng, fl, ref))
    if kind == "officer":
        return [] if maybe_empty(0.03) else plain(officer(rng))
    if kind == "status":
        return [] if maybe_empty(0.07) else plain(rng.choice(V.STATUS_RAG))
    if kind == "status2":
        return [] if maybe_empty(0.07) else plain(rng.choice(V.STATUS_WORDS))
    if kind == "comments":
        return comments_cell(rng, fl, ref, long_rows)
    if kind == "date":
        return [] if maybe_empty(0.08) else plain(fl.date())
    if kind == "pi":
        return [] if maybe_empty(0.05) else plain(fl.fill(rng.choice(V.PI_CODES)))
    if kind == "target":
        return plain(fl.fill(rng.choice(V.TARGETS)))
    if kind == "resources":
        return [] if maybe_empty(0.12) else plain(fl.fill(rng.choice(V.RESOURCES)))
    if kind == "milestones":
        return [] if maybe_empty(0.15) else plain(fl.fill(rng.choice(V.MILESTONES)))
    if kind == "outcome":
        return plain(rng.choice(V.OUTCOMES))
    if kind == "money":
        return [] if maybe_empty(0.06) else plain(money(rng, tab["money_style"]))
    if kind == "number":
        return plain(rng.choice(["%d" % rng.randint(1, 900), "%.1f" % (rng.random() * 100),
                                 "%d%%" % rng.randint(1, 99), "%.2f" % (rng.random() * 10), "n/a"]))
    if kind == "indicator":
        return plain(rng.choice(V.INDICATORS))
    if kind == "risk":
        return plain(rng.choice(V.RISKS))
    raise ValueError(kind)


def text_of(paras):
    return " ".join(((p["bullet"] + " ") if p["bullet"] else "") + p["text"] for p in paras)


def compose_columns(rng):
    """A column set outside the templates: 4-8 columns built from kinds and header synonyms."""
    cols = [rng.choice(["ref", "ref", "no", "priority"])]
    if cols[0] != "priority" and rng.random() < 0.5:
        cols.append("priority")
    cols.append("commitment")
    extras = ["date", "officer", "status", "pi", "target", "dept", "money", "outcome", "resources", "milestones"]
    rng.shuffle(extras)
    want = rng.randint(4, 8)
    need = ["officer"] if rng.random() < 0.85 else []
    for k in need + extras:
        if len(cols) >= want - 1:
            break
        if k not in cols:
            cols.append(k)
    if rng.random() < 0.9:
        cols.append("comments")
    elif "status" not in cols:
        cols.append("status")
    # keep a natural order: ref/no, priority, commitment, ..., officer, status, comments
    order = {"ref": 0, "no": 0, "priority": 1, "dept": 1.5, "commitment": 2, "outcome": 3, "target": 3.2, "pi": 3.4,
             "money": 3.5, "resources": 3.6, "date": 4, "milestones": 4.2, "officer": 5, "status": 6, "comments": 7}
    cols.sort(key=lambda k: order[k] + rng.random() * 0.3)
    seen = set()
    out = []
    for k in cols:
        lab = rng.choice(V.SYNONYMS[k])
        if lab in seen:
            lab = lab + " (2)"
        seen.add(lab)
        out.append((lab, k))
    return out


def make_table(rng, fl, style, year, nrec, long_rows, columns=None):
    if columns is None:
        k = rng.random()
        if style == "reference" or k < 0.45:
            columns = rng.choice(V.FAMILIAR)
        elif k < 0.8:
            columns = rng.choice(V.UNFAMILIAR)
        else:
            columns = compose_columns(rng)
    labels = [c[0] for c in columns]
    kinds = [c[1] for c in columns]
    tab = {"labels": labels, "kinds": kinds, "money_style": rng.choice(["pound", "plain", "k", "mixed"])}
    refs = RefStyle(rng, year)
    first = kinds[0]
    has_groups = rng.random() < 0.45
    group_names = rng.sample(V.GROUPS, 6)
    gi, group = 0, None
    records = []
    for i in range(nrec):
        if has_groups and (i == 0 or rng.random() < 0.18):
            group = group_names[gi % len(group_names)]
            gi += 1
        sub = i > 0 and rng.random() < 0.12 and first in ("ref", "no", "priority", "piref")
        ref = refs.next() if not sub else ""
        if sub:
            refs.n -= 0  # a sub-row does not use a number
        cells = []
        for ci, kind in enumerate(kinds):
            if sub and ci == 0:
                cells.append([])
                continue
            if sub and kind == "priority" and ci <= 1:
                cells.append([])
                continue
            if sub and kind in ("dept", "level") and rng.random() < 0.5 and records:
                cells.append(copy.deepcopy(records[-1]["cells"][ci]))
                continue
            if sub and kind == "officer" and rng.random() < 0.25:
                cells.append([])
                continue
            cells.append(gen_cell(kind, rng, fl, tab, ref if kind in ("ref", "no") else (ref or "1. AP/CEX"), long_rows))
        if kind_is_no(first) and not sub:
            cells[0] = plain(str(refs.n))
        if first == "priority" and not sub and i > 0 and rng.random() < 0.25:
            cells[0] = []          # a new action under the same priority (empty first cell)
        records.append({"cells": cells, "group": group if has_groups else None})
    cls = "familiar" if columns in V.FAMILIAR else ("unfamiliar" if columns in V.UNFAMILIAR else "composed")
    return {"columns": columns, "labels": labels, "kinds": kinds, "records": records, "template": cls,
            "ref_wrap": rng.random() < 0.25 and STYLE["name"] != "reference", "cap_jitter": rng.uniform(0.9, 1.15), "weights_jitter": [rng.uniform(0.85, 1.15) for _ in kinds]}


def kind_is_no(k):
    return k == "no"


PLAN = {  # per batch of 12 reports, each value list is permuted by the seed: balanced coverage
    "b14_family": ["helvetica"] * 8 + ["times"] * 4,
    "ttf_family": ["liberation-sans"] * 6 + ["dejavu"] * 6,
    "compress": [True] * 6 + [False] * 6,
    "pdf_version": ["1.3", "1.3", "1.4", "1.4", "1.4", "1.5", "1.5", "1.6", "1.6", "1.7", "1.7", "1.7"],
    "objstm": [True] * 8 + [False] * 4,          # only where pdf_version >= 1.5
    "split_rows": [True] * 8 + [False] * 4,
    "repeat_header": [True] * 8 + [False] * 4,
    "b14_word_runs": [True] * 6 + [False] * 6,
    "ttf_word_runs": [True] * 4 + [False] * 8,
    "text_order": ["natural"] * 6 + ["line", "line", "column", "column", "random", "random"],
    "rag_fill": [True] * 4 + [False] * 8,
    "body_size": [7.5, 8.0, 8.0, 8.5, 8.5, 8.5, 9.0, 9.0, 9.0, 9.0, 9.5, 9.5],
}


def plan(seed, idx):
    """Rendering parameters of report idx: each feature cycles through a seed-permuted list of 12."""
    out = {}
    for k, vals in PLAN.items():
        vals = list(vals)
        random.Random(f"{seed}-plan-{k}").shuffle(vals)
        out[k] = vals[idx % len(vals)]
    out["objstm"] = out["objstm"] and out["pdf_version"] >= "1.5"
    return out


def make_report(seed, idx, style="mixed"):
    STYLE["name"] = style
    rng = random.Random(f"{seed}-{idx}")
    year = rng.randint(2003, 2010)
    fl = Filler(rng, year)
    long_rows = rng.random() < 0.6
    ntab = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
    tables = []
    familiar_first = rng.random() < 0.5
    for t in range(ntab):
        nrec = rng.randint(4, 40) if ntab > 1 else rng.randint(25, 90)
        if style == "mixed" and ntab > 1 and t == 0 and familiar_first:
            cols = rng.choice(V.FAMILIAR)
        elif style == "mixed" and ntab > 1 and t > 0 and rng.random() < 0.45:
            cols = tables[-1]["columns"]          # several tables with the same header
        else:
            cols = None
        tab = make_table(rng, fl, style, year, nrec, long_rows, cols)
        tab["section"] = rng.choice(V.SECTIONS) if (t == 0 and rng.random() < 0.7) or (t > 0 and rng.random() < 0.8) else None
        tables.append(tab)
    legend = rng.choice(V.LEGENDS)
    legend_first = rng.random() < 0.75
    lbt = sorted(rng.sample(range(1, ntab), k=min(ntab - 1, rng.choice([0, 1, 1, 2])))) if ntab > 1 else []
    noise = {
        "title": fl.fill(rng.choice(V.TITLES)),
        "running_head": fl.fill(rng.choice(V.RUNNING_HEADS)),
        "head_right": rng.choice(V.HEAD_RIGHT),
        "footer": rng.choice(V.FOOTERS),
        "footer_left": fl.fill(rng.choice(V.FOOTER_LEFT)),
        "legend": legend, "legend_first": legend_first, "legend_before_tables": lbt,
    }
    params = plan(seed, idx)
    if style == "reference":
        params.update(split_rows=True, repeat_header=True, text_order="natural", rag_fill=False, ttf_word_runs=False)
    return {"name": "synth_%02d" % idx, "tables": tables, "noise": noise, "params": params, "seed": f"{seed}-{idx}"}


# --------------------------------------------------------------------------
# fonts and metrics
# --------------------------------------------------------------------------
class Metrics:
    def __init__(self, engine, family):
        self.engine, self.family, self.cache = engine, family, {}
        if engine == "b14":
            from reportlab.pdfbase.pdfmetrics import stringWidth
            self._sw = stringWidth
            self.names = {"helvetica": ("Helvetica", "Helvetica-Bold"), "times": ("Times-Roman", "Times-Bold")}[family]
        else:
            from fpdf import FPDF
            self.pdf = FPDF(orientation="L", unit="pt", format="A4")
            reg, bold = FONT_FILES[family]
            self.pdf.add_font("Body", "", reg)
            self.pdf.add_font("Body", "B", bold)

    def w(self, text, bold, size):
        key = (text, bold, size)
        v = self.cache.get(key)
        if v is None:
            if self.engine == "b14":
                v = self._sw(text, self.names[1 if bold else 0], size)
            else:
                self.pdf.set_font("Body", "B" if bold else "", size)
                v = self.pdf.get_string_width(text)
            self.cache[key] = v
        return v


def subst(text, engine):
    if engine == "b14":
        for a, b in WINANSI_SUBST.items():
            text = text.replace(a, b)
    return text


def wrap_words(words, width, m, bold, size, first_prefix="", indent=0.0):
    """Greedy wrap; returns [(dx, text)]. Words never break (column widths are wide enough)."""
    lines, cur = [], ""
    for w in words:
        cand = w if not cur else cur + " " + w
        avail = width - (indent if lines else 0.0)
        shown = (first_prefix + cand) if not lines else cand
        if not cur or m.w(shown, bold, size) <= avail + 1e-6:
            cur = cand
        else:
            lines.append(cur)
            cur = w
    lines.append(cur)
    out = []
    for i, l in enumerate(lines):
        out.append((0.0, first_prefix + l) if i == 0 else (indent, l))
    return out


def cell_lines(paras, width, m, size, bold=False):
    """Lines of a cell: [(dx, text)], ('', '') entries for the empty line between paragraphs."""
    out = []
    for p in paras:
        if p["gap"] and out:
            out.append((0.0, ""))
        if p["bullet"]:
            pre = p["bullet"] + " "
            out += wrap_words(p["text"].split(" "), width, m, bold, size, pre, m.w(pre, bold, size))
        else:
            out += wrap_words(p["text"].split(" "), width, m, bold, size)
    return out


# --------------------------------------------------------------------------
# layout
# --------------------------------------------------------------------------
SHORT_CAP = {"ref": 95, "no": 40, "piref": 60, "dept": 85, "level": 55, "risklevel": 55, "officer": 112,
             "status": 75, "status2": 70, "date": 80, "pi": 72, "money": 75, "number": 65}
WEIGHT = {"priority": 1.55, "commitment": 2.0, "comments": 3.1, "outcome": 1.6, "resources": 1.4,
          "milestones": 1.5, "target": 1.2, "indicator": 1.8, "risk": 1.8}


def col_widths(tab, m, size, pad, engine):
    kinds = tab["kinds"]
    texts = [[subst(text_of(r["cells"][ci]), engine) for r in tab["records"]] for ci in range(len(kinds))]
    words = [[w for t in col for w in t.split()] for col in texts]
    hdr_word = [max([m.w(w, True, size) for w in lab.split()] + [0]) for lab in tab["labels"]]
    minw = []
    for ci in range(len(kinds)):
        mw = max([m.w(w, False, size) for w in words[ci]] + [0])
        # bullets: "• word" on the first line
        minw.append(max(mw + m.w("• ", False, size) + 1, hdr_word[ci]) + 2 * pad)
    widths = [None] * len(kinds)
    for ci, k in enumerate(kinds):
        if k in SHORT_CAP:
            nat = max([m.w(t, False, size) for t in texts[ci]] + [hdr_word[ci]]) + 2 * pad
            cap = SHORT_CAP[k] * tab["cap_jitter"] * (1 - 0.04 * max(0, len(kinds) - 5)) * size / 8.5
            w = min(nat, cap)
            if k == "ref" and tab["ref_wrap"]:
                w = minw[ci] + 1          # REFs like "10 MTCS/CORP" wrap onto two lines
            widths[ci] = max(w, minw[ci])
    fixed = sum(w for w in widths if w is not None)
    flex = [ci for ci, w in enumerate(widths) if w is None]
    rest = TABLE_W - fixed
    if flex:
        wts = [WEIGHT.get(kinds[ci], 1.0) * tab["weights_jitter"][ci] for ci in flex]
        # distribute, respecting minimum widths
        alloc = {}
        todo = list(zip(flex, wts))
        while todo:
            tot = sum(w for _, w in todo)
            bad = [(ci, w) for ci, w in todo if rest * w / tot < minw[ci]]
            if not bad:
                for ci, w in todo:
                    alloc[ci] = rest * w / tot
                break
            for ci, w in bad:
                alloc[ci] = minw[ci]
                rest -= minw[ci]
                todo.remove((ci, w))
        for ci in flex:
            widths[ci] = alloc[ci]
    else:  # no flexible column: stretch the last one
        widths[-1] += TABLE_W - sum(widths)
    total = sum(widths)
    if abs(total - TABLE_W) > 0.01:   # over-full: shrink the widest flexible ones proportionally
        scale = TABLE_W / total
        widths = [w * scale for w in widths]
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    xs[-1] = LEFT + TABLE_W
    return xs


class Page:
    def __init__(self, no):
        self.no, self.ops = no, []


class Layout:
    """Places everything on pages; collects drawing ops and the truth."""

    def __init__(self, rep, engine, ruled):
        p = rep["params"]
        self.rep, self.engine, self.ruled = rep, engine, ruled
        self.family = p["b14_family"] if engine == "b14" else p["ttf_family"]
        self.m = Metrics(engine, self.family)
        self.size = p["body_size"]
        self.lead = round(self.size * 1.2, 4)
        self.pad = 3.0 if ruled else 4.0
        self.p = p
        self.pages = []
        self.meta_records = []
        self.seq = 0
        self.new_page()

    # --- page handling
    def new_page(self):
        pg = Page(len(self.pages) + 1)
        self.pages.append(pg)
        self.y = TOP_Y
        self.fresh = True
        return pg

    @property
    def page(self):
        return self.pages[-1]

    def op(self, *a, **meta):
        self.seq += 1
        self.page.ops.append((a, dict(meta, seq=self.seq)))

    def text(self, x, y, s, bold, size, rgb=(0, 0, 0), **meta):
        if s:
            self.op("text", x, y, subst(s, self.engine), bold, size, rgb, **meta)

    # --- blocks
    def gap_before_block(self, size):
        """Baseline for a heading-like block (title, key, section)."""
        if self.fresh:
            return self.y + 0.85 * size
        return self.y + 18 + size

    def title(self):
        n = self.rep["noise"]
        s = self.size + 4
        lines = wrap_words(n["title"].split(" "), TABLE_W, self.m, True, s)
        y = 63.05
        for _, l in lines:
            self.text(LEFT, y, l, True, s, kind="title")
            y += s * 1.2
        self.y = y - s * 1.2 + 4
        self.fresh = False
        self.after_title = True

    def legend_height(self):
        s = self.size + 0.5
        return 1.45 * s * len(self.rep["noise"]["legend"]) + 21.3

    def legend(self):
        s = self.size + 0.5
        if getattr(self, "after_title", False):
            y = self.y - 4 + 21.28
        else:
            y = self.gap_before_block(s)
        self.text(LEFT, y, "Key", True, s, kind="legend")
        for item in self.rep["noise"]["legend"]:
            y += 1.45 * s
            colour = item.split()[0].lower().split("-")[0].strip("–")
            rgb = LEGEND_RGB.get(colour, (.5, .5, .5))
            self.op("fill", LEFT, y + 0.1526 * s, 1.6 * s, 0.95 * s, rgb)
            self.text(LEFT + 2.4 * s, y, item, False, s, kind="legend")
        self.y = y + 0.25 * s
        self.fresh = False
        self.after_title = False
        self.after_legend = True

    def section(self, name):
        s = self.size + 2.5
        if getattr(self, "after_legend", False):
            y = self.y - 0.25 * (self.size + 0.5) + 23.48
        elif getattr(self, "after_title", False):
            y = self.y - 4 + 22.98
        else:
            y = self.gap_before_block(s)
        self.text(LEFT, y, name, True, s, kind="section")
        self.y = y + 10.6
        self.fresh = False
        self.after_title = self.after_legend = False

    def table_start_gap(self):
        if self.fresh:
            return
        if getattr(self, "after_legend", False):
            self.y += 12
        elif getattr(self, "after_title", False):
            self.y += 10
        elif not getattr(self, "after_section", False):
            self.y += 22
        self.after_title = self.after_legend = False

    # --- table rows
    def header_lines(self, tab, xs):
        return [cell_lines([{"text": lab, "bullet": None, "gap": False}] if lab else [],
                           xs[i + 1] - xs[i] - 2 * self.pad, self.m, self.size, True)
                for i, lab in enumerate(tab["labels"])]

    def page_lines(self, hdr_h):
        return int((BOTTOM_Y - TOP_Y - hdr_h * self.p["repeat_header"] - 2 * ROW_PAD) // self.lead)

    def row_height(self, n):
        return n * self.lead + 2 * ROW_PAD

    def draw_cells(self, xs, y0, nlines, cells, bold, row_meta, fill=None, statuses=None):
        """cells: per column list of (dx,text) lines to show in this fragment."""
        y1 = y0 + self.row_height(nlines)
        if fill:
            self.op("fill", xs[0], y1, xs[-1] - xs[0], y1 - y0, fill)
        if statuses:
            for ci, rgb in statuses.items():
                self.op("fill", xs[ci], y1, xs[ci + 1] - xs[ci], y1 - y0, rgb)
        base = y0 + ROW_PAD + 0.86 * self.size
        for ci, lines in enumerate(cells):
            for li, (dx, t) in enumerate(lines):
                if t:
                    self.text(xs[ci] + self.pad + dx, base + li * self.lead, t, bold, self.size,
                              kind="cell", col=ci, row=row_meta, line=li)
        if self.ruled:
            self.op("line", xs[0], y0, xs[-1], y0)
            self.op("line", xs[0], y1, xs[-1], y1)
            for x in xs:
                self.op("line", x, y0, x, y1)
        return y1

    def draw_header(self, tab, xs, hl):
        n = max([len(c) for c in hl] + [1])
        y1 = self.draw_cells(xs, self.y, n, hl, True, ("hdr",), fill=(.85, .85, .85) if self.ruled else None)
        self.y = y1

    def draw_group(self, name, xs):
        y0 = self.y
        y1 = y0 + self.row_height(1)
        if self.ruled:
            self.op("fill", xs[0], y1, xs[-1] - xs[0], y1 - y0, (.93, .93, .93))
        self.text(xs[0] + self.pad, y0 + ROW_PAD + 0.86 * self.size, name, True, self.size, kind="group", col=0,
                  row=("grp",), line=0)
        if self.ruled:
            self.op("line", xs[0], y0, xs[-1], y0)
            self.op("line", xs[0], y1, xs[-1], y1)
            self.op("line", xs[0], y0, xs[0], y1)
            self.op("line", xs[-1], y0, xs[-1], y1)
        self.y = y1

    def continue_page(self, tab, xs, hl):
        self.new_page()
        self.fresh = False
        if self.p["repeat_header"]:
            self.draw_header(tab, xs, hl)

    def status_fill(self, tab, cells_text):
        if not self.p["rag_fill"]:
            return None
        out = {}
        for ci, k in enumerate(tab["kinds"]):
            if k == "status":
                v = cells_text[ci].strip().lower()
                if v in RAG_FILL:
                    out[ci] = RAG_FILL[v]
        return out or None

    def table(self, ti, tab, section, legend_here):
        xs = col_widths(tab, self.m, self.size, self.pad, self.engine)
        hl = self.header_lines(tab, xs)
        hdr_h = self.row_height(max([len(c) for c in hl] + [1]))
        widths = [xs[i + 1] - xs[i] - 2 * self.pad for i in range(len(xs) - 1)]
        recs = []
        for r in tab["records"]:
            cells = [[dict(p, text=subst(p["text"], self.engine),
                           bullet=subst(p["bullet"], self.engine) if p["bullet"] else None) for p in c]
                     for c in r["cells"]]
            cl = [cell_lines(c, widths[ci], self.m, self.size) for ci, c in enumerate(cells)]
            recs.append(cl)
        # keep legend/section/header/first lines together
        first_lines = max(len(c) for c in recs[0]) if recs else 1
        if self.p["split_rows"] or first_lines > self.page_lines(hdr_h):
            first_lines = min(2, first_lines)
        need = hdr_h + self.row_height(first_lines) + (self.row_height(1) if tab["records"][0]["group"] else 0)
        if legend_here:
            need += self.legend_height() + 24
        if section:
            need += self.size + 2.5 + 24
        if not self.fresh and self.y + need + 30 > BOTTOM_Y:
            self.new_page()
        if legend_here:
            self.legend()
        self.after_section = False
        if section:
            self.section(section)
            self.after_section = True
        self.table_start_gap()
        self.after_section = False
        self.fresh = False
        self.draw_header(tab, xs, hl)
        out_records = []
        group = None
        short_cols = [ci for ci, k in enumerate(tab["kinds"]) if k not in WEIGHT]
        for ri, (r, cl) in enumerate(zip(tab["records"], recs)):
            nl = max([len(c) for c in cl] + [1])
            if r["group"] != group and r["group"] is not None:
                # group row must keep company with the first lines of its record
                keep = nl if (not self.p["split_rows"] and nl <= self.page_lines(hdr_h)) else min(nl, 2)
                if self.y + self.row_height(1) + self.row_height(keep) > BOTTOM_Y:
                    self.continue_page(tab, xs, hl)
                self.draw_group(r["group"], xs)
            group = r["group"]
            texts = [subst(text_of(c), self.engine) for c in r["cells"]]
            fills = self.status_fill(tab, texts)
            frags = []
            start = 0
            min_first = max([len(cl[ci]) for ci in short_cols] + [2])
            while True:
                remaining = nl - start
                avail = int((BOTTOM_Y - self.y - 2 * ROW_PAD + 1e-6) // self.lead)
                if remaining <= avail:
                    take = remaining
                else:
                    can_split = self.p["split_rows"] and avail >= (min_first if start == 0 else 1) and avail >= 1
                    page_lines = self.page_lines(hdr_h)
                    if not can_split and remaining <= page_lines:
                        self.continue_page(tab, xs, hl)
                        continue
                    if not can_split and avail < 1:
                        self.continue_page(tab, xs, hl)
                        continue
                    take = avail
                part = []
                for c in cl:
                    seg = c[start:start + take]
                    # drop leading empty lines of a continuation segment
                    while start and seg and seg[0][1] == "":
                        seg = seg[1:]
                    part.append(seg)
                y0 = self.y
                y1 = self.draw_cells(xs, y0, take, part, False, (ti, ri), statuses=fills)
                frags.append({"page": self.page.no, "y0": round(y0, 2), "y1": round(y1, 2), "lines": take,
                              "cells": [" ".join(t for _, t in seg if t) for seg in part]})
                self.y = y1
                start += take
                if start >= nl:
                    break
                self.continue_page(tab, xs, hl)
            self.meta_records.append({
                "table": ti, "record": ri, "sub_row": not texts[0], "split": len(frags) > 1,
                "para_gap": any(p["gap"] for c in r["cells"] for p in c),
                "bullets": any(p["bullet"] for c in r["cells"] for p in c),
                "ref_wrap": tab["kinds"][0] in ("ref", "no", "piref") and len(cl[0]) > 1,
                "short_wrap": any(len(cl[ci]) > 1 for ci in short_cols if ci > 0),
                "group_first": r["group"] is not None and (ri == 0 or tab["records"][ri - 1]["group"] != r["group"]),
                "top_of_page": any(abs(f["y0"] - (TOP_Y + hdr_h * self.p["repeat_header"])) < 0.05 for f in frags[:1]),
                "repeat_prev_value": ri > 0 and any(texts[ci] and texts[ci] == text_of(tab["records"][ri - 1]["cells"][ci])
                                                    for ci, k in enumerate(tab["kinds"]) if k in ("dept", "level", "officer", "date", "status", "priority")),
                "empty_officer": any(k == "officer" and not texts[ci] for ci, k in enumerate(tab["kinds"])),
                "lines": nl, "cont_lines": frags[-1]["lines"] if len(frags) > 1 else 0,
                "template": tab["template"], "ncols": len(tab["kinds"]), "header_lines": max([len(c) for c in hl] + [1]),
                "first_kind": tab["kinds"][0],
            })
            out_records.append({"cells": texts, "group": r["group"],
                                "pages": sorted({f["page"] for f in frags}), "split": len(frags) > 1,
                                "fragments": frags})
        return {"section": section, "header": [subst(l, self.engine) for l in tab["labels"]],
                "records": out_records, "pages": sorted({p for r in out_records for p in r["pages"]}),
                "col_x": [round(x, 2) for x in xs]}

    def run(self):
        n = self.rep["noise"]
        self.title()
        if n["legend_first"]:
            self.legend()
        tables = []
        for ti, tab in enumerate(self.rep["tables"]):
            tables.append(self.table(ti, tab, tab["section"], ti in n["legend_before_tables"]))
        self.furniture()
        return tables

    def furniture(self):
        n = self.rep["noise"]
        m = len(self.pages)
        hs = self.size - 0.5
        for pg in self.pages:
            ops = []
            ops.append((("text", LEFT, HEAD_Y, subst(n["running_head"], self.engine), False, hs, (.2, .2, .2)),
                        {"seq": -3, "kind": "head"}))
            if n["head_right"]:
                w = self.m.w(n["head_right"], True, hs)
                ops.append((("text", LEFT + TABLE_W - w, HEAD_Y, n["head_right"], True, hs, (0, 0, 0)),
                            {"seq": -2, "kind": "head"}))
            foot = n["footer"].format(n=pg.no, m=m)
            fs = self.size - 0.5
            w = self.m.w(foot, False, fs)
            tail = [(("text", PAGE_W / 2 - w / 2, FOOT_Y, foot, False, fs, (0, 0, 0)), {"seq": 10 ** 9, "kind": "foot"})]
            if n["footer_left"]:
                tail.append((("text", LEFT, FOOT_Y, subst(n["footer_left"], self.engine), False, self.size - 1.5,
                              (.3, .3, .3)), {"seq": 10 ** 9 + 1, "kind": "foot"}))
            pg.ops = ops + pg.ops + tail


def ordered_ops(ops, order, rng):
    """Drawing order of a page's ops. natural: as laid out (row by row, cell by cell);
    line: text sorted by baseline then x (visual lines across cells); column: text sorted by
    column then baseline; random: shuffled text. Fills come first and rules last when reordering."""
    if order == "natural":
        return ops
    texts = [o for o in ops if o[0][0] == "text"]
    fills = [o for o in ops if o[0][0] == "fill"]
    lines = [o for o in ops if o[0][0] == "line"]
    if order == "line":
        texts.sort(key=lambda o: (round(o[0][2], 1), o[0][1]))
    elif order == "column":
        texts.sort(key=lambda o: (o[1].get("kind") != "cell", o[1].get("col", -1), o[0][2], o[0][1]))
    else:
        rng.shuffle(texts)
    return fills + texts + lines


# --------------------------------------------------------------------------
# PDF back-ends
# --------------------------------------------------------------------------
def split_runs(op, m, word_runs):
    """A text op as one run, or one run per word (each word at its own x)."""
    _, x, y, s, bold, size, rgb = op
    if not word_runs or " " not in s:
        return [(x, y, s)]
    out = []
    pos = 0
    for mt in re.finditer(r"\S+", s):
        out.append((x + m.w(s[:mt.start()], bold, size), y, mt.group()))
    return out


def render_b14(path, lay, rep, word_runs):
    from reportlab.pdfgen import canvas
    p = rep["params"]
    fam = {"helvetica": ("Helvetica", "Helvetica-Bold"), "times": ("Times-Roman", "Times-Bold")}[lay.family]
    c = canvas.Canvas(path, pagesize=(PAGE_W, PAGE_H), pageCompression=1 if p["compress"] else 0, invariant=1)
    c.setAuthor("Policy and Performance Unit")
    c.setTitle(rep["noise"]["title"])
    c.setSubject("unspecified")
    c.setCreator("Microsoft Word - %s.doc" % rep["name"])
    c.setProducer("Acrobat Distiller 5.0.5 (Windows)")
    rng = random.Random(rep["seed"] + "-order")
    for pg in lay.pages:
        cur = None
        for (op, meta) in ordered_ops(pg.ops, p["text_order"], rng):
            if op[0] == "text":
                _, x, y, s, bold, size, rgb = op
                if cur != (bold, size):
                    c.setFont(fam[1 if bold else 0], size, leading=size * 1.2)
                    cur = (bold, size)
                for (rx, ry, rs) in split_runs(op, lay.m, word_runs):
                    c.setFillColorRGB(*rgb)
                    c.drawString(rx, PAGE_H - ry, rs)
            elif op[0] == "fill":
                _, x, y, w, h, rgb = op     # y = bottom edge from the top
                c.setFillColorRGB(*rgb)
                c.rect(x, PAGE_H - y, w, h, stroke=0, fill=1)
            else:
                _, x1, y1, x2, y2 = op
                c.setLineWidth(.5)
                c.setStrokeColorRGB(0, 0, 0)
                c.line(x1, PAGE_H - y1, x2, PAGE_H - y2)
        c.showPage()
    c.save()


def render_ttf(path, lay, rep, word_runs):
    from fpdf import FPDF
    p = rep["params"]
    pdf = FPDF(orientation="L", unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    reg, bold = FONT_FILES[lay.family]
    pdf.add_font("Body", "", reg)
    pdf.add_font("Body", "B", bold)
    pdf.set_compression(bool(p["compress"]))
    pdf.set_author("Policy and Performance Unit")
    pdf.set_title(rep["noise"]["title"])
    pdf.set_creator("Microsoft Word - %s.doc" % rep["name"])
    pdf.set_producer("Microsoft® Office Word 2007")
    pdf.set_creation_date(datetime.datetime(2008, 7, 14, 10, 0, 0, tzinfo=datetime.timezone.utc))
    pdf.set_line_width(.5)
    rng = random.Random(rep["seed"] + "-order")
    for pg in lay.pages:
        pdf.add_page()
        for (op, meta) in ordered_ops(pg.ops, p["text_order"], rng):
            if op[0] == "text":
                _, x, y, s, b, size, rgb = op
                pdf.set_font("Body", "B" if b else "", size)
                pdf.set_text_color(*(int(round(v * 255)) for v in rgb))
                for (rx, ry, rs) in split_runs(op, lay.m, word_runs):
                    pdf.text(rx, ry, rs)
            elif op[0] == "fill":
                _, x, y, w, h, rgb = op
                pdf.set_fill_color(*(int(round(v * 255)) for v in rgb))
                pdf.rect(x, y - h, w, h, style="F")
            else:
                _, x1, y1, x2, y2 = op
                pdf.set_draw_color(0, 0, 0)
                pdf.line(x1, y1, x2, y2)
    pdf.output(path)


def finish_pdf(path, version, objstm, compress):
    """Set the header version; object streams (and an xref stream) via qpdf."""
    if objstm:
        tmp = path + ".tmp"
        cmd = ["qpdf", "--object-streams=generate", "--force-version=" + version,
               "--compress-streams=" + ("y" if compress else "n"), "--decode-level=none", "--deterministic-id", path, tmp]
        subprocess.run(cmd, check=True)
        os.replace(tmp, path)
        return
    with open(path, "r+b") as f:
        head = f.read(9)
        if head.startswith(b"%PDF-1.") and len(version) == 3:
            f.seek(0)
            f.write(b"%PDF-" + version.encode())


# --------------------------------------------------------------------------
# driver
# --------------------------------------------------------------------------
def build_variant(rep, variant, outdir, layout_txt=True):
    engine, rule = variant.split("-")
    ruled = rule == "ruled"
    p = rep["params"]
    lay = Layout(rep, engine, ruled)
    tables = lay.run()
    word_runs = p["b14_word_runs"] if engine == "b14" else p["ttf_word_runs"]
    os.makedirs(outdir, exist_ok=True)
    pdf = os.path.join(outdir, rep["name"] + ".pdf")
    (render_b14 if engine == "b14" else render_ttf)(pdf, lay, rep, word_runs)
    finish_pdf(pdf, p["pdf_version"], p["objstm"], p["compress"])
    noise = dict(rep["noise"])
    noise = {k: (subst(v, engine) if isinstance(v, str) else v) for k, v in noise.items()}
    truth = {
        "source": rep["name"], "pdf": rep["name"] + ".pdf",
        "variant": {"font": "base14" if engine == "b14" else "ttf", "family": lay.family, "ruled": ruled,
                    "compress": p["compress"], "pdf_version": p["pdf_version"], "objstm": p["objstm"],
                    "engine": "reportlab" if engine == "b14" else "fpdf2", "split_rows": p["split_rows"],
                    "repeat_header": p["repeat_header"], "word_runs": word_runs, "text_order": p["text_order"],
                    "rag_fill": p["rag_fill"], "body_size": p["body_size"], "page": "A4 landscape"},
        "page_count": len(lay.pages), "synthetic": True, "tables": tables,
        "page_size": [841.89, 595.28], "noise": noise,
        "substitutions": dict(WINANSI_SUBST) if engine == "b14" else {},
    }
    with open(os.path.join(outdir, rep["name"] + ".truth.json"), "w") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    meta_dir = os.path.join(os.path.dirname(os.path.abspath(outdir)), "_meta", variant)
    os.makedirs(meta_dir, exist_ok=True)
    with open(os.path.join(meta_dir, rep["name"] + ".meta.json"), "w") as f:
        json.dump({"seed": rep["seed"], "params": p,
                   "tables": [{"template": t["template"], "labels": t["labels"], "kinds": t["kinds"],
                               "section": t["section"]} for t in rep["tables"]],
                   "records": lay.meta_records}, f, ensure_ascii=False, indent=0)
    if layout_txt:
        subprocess.run(["pdftotext", "-layout", pdf, os.path.join(outdir, rep["name"] + ".layout.txt")], check=True)
    return truth


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "reportmine-synth"))
    ap.add_argument("--first", type=int, default=7)
    ap.add_argument("--count", type=int, default=12)
    ap.add_argument("--seed", default="2024")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--style", choices=["mixed", "reference"], default="mixed",
                    help="reference: only the six sample column sets and sample-like settings")
    ap.add_argument("--no-layout", action="store_true", help="skip pdftotext -layout")
    a = ap.parse_args(argv)
    for i in range(a.first, a.first + a.count):
        rep = make_report(a.seed, i, a.style)
        for v in a.variants.split(","):
            t = build_variant(rep, v, os.path.join(a.out, v), not a.no_layout)
            recs = sum(len(x["records"]) for x in t["tables"])
            splits = sum(r["split"] for x in t["tables"] for r in x["records"])
            print(f"{v:<12} {rep['name']}: {t['page_count']:>2} pages, {len(t['tables'])} tables, {recs:>3} records, "
                  f"{splits:>2} split  [{t['variant']['family']}, {t['variant']['body_size']}pt, "
                  f"split={int(t['variant']['split_rows'])} rephdr={int(t['variant']['repeat_header'])} "
                  f"words={int(t['variant']['word_runs'])} order={t['variant']['text_order']} "
                  f"rag={int(t['variant']['rag_fill'])} v{t['variant']['pdf_version']}"
                  f"{' objstm' if t['variant']['objstm'] else ''}{' z' if t['variant']['compress'] else ''}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
