#!/usr/bin/env python3
"""Check and measure Palisade's deterministic detector rules (engine/rules/*.toml).

What it does:
  1. loads every rule file with tomllib and validates the schema (the engine
     rejects unknown fields, so this script does too);
  2. lints every pattern for syntax the Rust `regex` crate does not accept
     (lookaround, backreferences, `\\<`, `(?i)`, ...) and compiles it with `re`;
  3. checks every rule's `examples` (must match) and `counter_examples` (must
     not match), on the folded text, both with and without homoglyph folding
     (so patterns hold whatever exact lookalike table the engine uses);
  4. if ../shared/datasets exists (relative to the repository root), runs all
     rules and combos over every dataset and prints, per rule, the number of
     rows it fires on, split by label, plus a noisy-OR score summary.

Usage:
  python3 engine/rules/check_rules.py                  # validate + full table
  python3 engine/rules/check_rules.py --examples-only  # validate only (fast, no data)
  python3 engine/rules/check_rules.py --rule sink.url --show 10   # sample hits
  python3 engine/rules/check_rules.py --grep 'before using' --show 20
  python3 engine/rules/check_rules.py --datasets /path/to/datasets

Exit status: 1 if any rule is invalid or any example check fails, else 0.
Standard library only (Python >= 3.11 for tomllib).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    sys.exit("check_rules.py needs Python >= 3.11 (tomllib)")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_DATASETS = REPO / ".." / "shared" / "datasets"

CLASSES = {"injection", "tool_poisoning", "prompt_injection", "exfiltration", "evasion", "shadowing"}
SURFACES = {"tool_description", "tool_schema", "tool_output", "prompt"}
RULE_FIELDS = {"id", "class", "tags", "weight", "surfaces", "lang", "reason", "patterns",
               "examples", "counter_examples"}
RULE_REQUIRED = RULE_FIELDS - {"surfaces"}
COMBO_FIELDS = {"id", "class", "weight", "all", "within", "reason"}
COMBO_REQUIRED = COMBO_FIELDS - {"within"}
ID_RE = re.compile(r"^[a-z0-9_]+\.[a-z0-9_.]+$")
LANG_RE = re.compile(r"^(?:[a-z]{2}|any)$")

# Benign sets used for the false-positive budget of strong rules.
FP_SETS = ("mcp_tools_toolsdk_registry", "mcp_tools_docker_registry", "mcp_tools_livemcpbench", "notinject")
FP_BUDGET = 0.005       # a rule with weight >= STRONG must fire on < 0.5% of those rows
STRONG = 0.3

# ---------------------------------------------------------------------------
# Text folding (must mirror the engine's normaliser)
# ---------------------------------------------------------------------------
_INVISIBLE_RANGES = [
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0x1D173, 0x1D17A), (0xE0000, 0xE007F), (0xE0100, 0xE01EF),
]
_INVISIBLE = {cp for lo, hi in _INVISIBLE_RANGES for cp in range(lo, hi + 1)}
_INVISIBLE_TABLE = dict.fromkeys(_INVISIBLE)

# Cyrillic / Greek letters that look like Latin ones. Applied before lowercasing.
_HOMOGLYPHS = {
    # Cyrillic capitals
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԛ": "Q", "Ԝ": "W",
    # Cyrillic small
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Greek small
    "α": "a", "ο": "o", "ν": "v", "ι": "i", "κ": "k", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
}
_HOMOGLYPH_TABLE = str.maketrans(_HOMOGLYPHS)
_WS = re.compile(r"\s+")


def fold(text: str, homoglyphs: bool = True) -> str:
    """NFKC, drop invisibles, fold lookalikes, lowercase, collapse whitespace."""
    s = unicodedata.normalize("NFKC", text)
    s = s.translate(_INVISIBLE_TABLE)
    if homoglyphs:
        s = s.translate(_HOMOGLYPH_TABLE)
    s = s.lower()
    return _WS.sub(" ", s)


# ---------------------------------------------------------------------------
# Rule loading and validation
# ---------------------------------------------------------------------------
# Constructs the Rust regex crate rejects (or treats differently from Python).
_RUST_INCOMPATIBLE = [
    (re.compile(r"\(\?[=!]"), "lookahead"),
    (re.compile(r"\(\?<[=!]"), "lookbehind"),
    (re.compile(r"\(\?P="), "named backreference"),
    (re.compile(r"\(\?>"), "atomic group"),
    (re.compile(r"(?<!\\)\\[1-9]"), "numeric backreference"),
    (re.compile(r"(?<!\\)\\[<>]"), "\\< or \\> (a word-boundary assertion in Rust)"),
    (re.compile(r"(?<!\\)\\Z"), "\\Z (use \\z)"),
    (re.compile(r"\(\?[a-z]*i"), "(?i) flag (text is already lowercase)"),
    (re.compile(r"\{,\d"), "{,n} quantifier (use {0,n})"),
    (re.compile(r"[*+?}][+]"), "possessive quantifier"),
]


class RuleError(Exception):
    pass


def lint_pattern(p: str) -> list[str]:
    problems = [msg for rx, msg in _RUST_INCOMPATIBLE if rx.search(p)]
    if re.search(r"[A-Z]", re.sub(r"\\[A-Za-z]|\[:[a-z]+:\]", "", p)):
        problems.append("uppercase letter in pattern (text is lowercased)")
    if "  " in p:
        problems.append("double space in pattern (whitespace is collapsed)")
    if re.search(r"(?<!\\)\.\*", p) or re.search(r"(?<!\\)\.\+", p):
        problems.append("unbounded .* / .+ (use .{0,N})")
    return problems


def load_rules(rules_dir: Path):
    rules, combos, errors = [], [], []
    ids: dict[str, str] = {}
    files = sorted(rules_dir.glob("*.toml"))
    if not files:
        errors.append(f"no rule files in {rules_dir}")
    for f in files:
        try:
            doc = tomllib.loads(f.read_text(encoding="utf-8"))
        except Exception as e:  # noqa: BLE001
            errors.append(f"{f.name}: TOML error: {e}")
            continue
        extra = set(doc) - {"rule", "combo"}
        if extra:
            errors.append(f"{f.name}: unknown top-level keys {sorted(extra)}")
        for r in doc.get("rule", []):
            where = f"{f.name}:{r.get('id', '?')}"
            unk = set(r) - RULE_FIELDS
            miss = RULE_REQUIRED - set(r)
            if unk:
                errors.append(f"{where}: unknown fields {sorted(unk)}")
            if miss:
                errors.append(f"{where}: missing fields {sorted(miss)}")
                continue
            rid = r["id"]
            if not ID_RE.match(rid):
                errors.append(f"{where}: bad id")
            if rid in ids:
                errors.append(f"{where}: duplicate id (also in {ids[rid]})")
            ids[rid] = f.name
            if r["class"] not in CLASSES:
                errors.append(f"{where}: bad class {r['class']!r}")
            if not isinstance(r["weight"], float | int) or not 0 <= r["weight"] <= 1:
                errors.append(f"{where}: weight must be in 0..1")
            if not r["tags"] or not all(isinstance(t, str) and re.fullmatch(r"[a-z_]+", t) for t in r["tags"]):
                errors.append(f"{where}: tags must be non-empty lowercase words")
            surf = r.get("surfaces")
            if surf is not None and (not surf or set(surf) - SURFACES):
                errors.append(f"{where}: bad surfaces {surf}")
            if not LANG_RE.match(r["lang"]):
                errors.append(f"{where}: bad lang {r['lang']!r}")
            reason = r["reason"]
            if not reason or reason[0].isupper() or reason.endswith(".") or "\n" in reason:
                errors.append(f"{where}: reason must be one line, lowercase start, no final period")
            if not r["examples"] or not r["counter_examples"]:
                errors.append(f"{where}: needs >= 1 example and >= 1 counter_example")
            compiled = []
            for p in r["patterns"]:
                for prob in lint_pattern(p):
                    errors.append(f"{where}: pattern {p!r}: {prob}")
                try:
                    compiled.append(re.compile(p))
                except re.error as e:
                    errors.append(f"{where}: pattern {p!r} does not compile: {e}")
            if not r["patterns"]:
                errors.append(f"{where}: no patterns")
            r["_rx"] = compiled
            r["_file"] = f.name
            r["_surfaces"] = set(surf) if surf else set(SURFACES)
            rules.append(r)
        for c in doc.get("combo", []):
            where = f"{f.name}:{c.get('id', '?')}"
            unk = set(c) - COMBO_FIELDS
            miss = COMBO_REQUIRED - set(c)
            if unk:
                errors.append(f"{where}: unknown fields {sorted(unk)}")
            if miss:
                errors.append(f"{where}: missing fields {sorted(miss)}")
                continue
            if not ID_RE.match(c["id"]):
                errors.append(f"{where}: bad id")
            if c["id"] in ids:
                errors.append(f"{where}: duplicate id (also in {ids[c['id']]})")
            ids[c["id"]] = f.name
            if c["class"] not in CLASSES:
                errors.append(f"{where}: bad class {c['class']!r}")
            if not 0 <= c["weight"] <= 1:
                errors.append(f"{where}: weight must be in 0..1")
            if len(c["all"]) < 2:
                errors.append(f"{where}: a combo needs >= 2 tags")
            if "within" in c and (not isinstance(c["within"], int) or c["within"] <= 0):
                errors.append(f"{where}: within must be a positive integer")
            reason = c["reason"]
            if not reason or reason[0].isupper() or reason.endswith("."):
                errors.append(f"{where}: reason must be lowercase start, no final period")
            c["_file"] = f.name
            combos.append(c)
    all_tags = {t for r in rules for t in r["tags"]}
    for c in combos:
        for t in c["all"]:
            if t not in all_tags:
                errors.append(f"{c['_file']}:{c['id']}: tag {t!r} is not produced by any rule")
    return rules, combos, errors


def check_examples(rules) -> list[str]:
    errors = []
    for r in rules:
        for hg in (True, False):
            mode = "folded" if hg else "folded, no homoglyph table"
            for ex in r["examples"]:
                t = fold(ex, hg)
                if not any(rx.search(t) for rx in r["_rx"]):
                    errors.append(f"{r['_file']}:{r['id']}: example does not match ({mode}): {ex!r}")
            for ex in r["counter_examples"]:
                t = fold(ex, hg)
                hit = [rx.pattern for rx in r["_rx"] if rx.search(t)]
                if hit:
                    errors.append(f"{r['_file']}:{r['id']}: counter_example matches ({mode}) {hit[0]!r}: {ex!r}")
    return errors


# ---------------------------------------------------------------------------
# Datasets: split each row into (surface, text) segments like the engine does
# ---------------------------------------------------------------------------
def _walk(obj, out: list[str], keys: bool = True):
    if isinstance(obj, str):
        out.append(obj)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            if keys:
                out.append(str(k))
            _walk(v, out, keys)
    elif isinstance(obj, list):
        for v in obj:
            _walk(v, out, keys)


def segments(row) -> list[tuple[str, str]]:
    kind, text = row["kind"], row["text"]
    if kind == "tool_schema":
        try:
            tool = json.loads(text)
        except json.JSONDecodeError:
            return [("tool_description", text)]
        segs = []
        for field in ("name", "title", "description"):
            if isinstance(tool.get(field), str):
                segs.append(("tool_description", tool[field]))
        rest: list[str] = []
        for k, v in tool.items():
            if k in ("name", "title", "description"):
                continue
            _walk(v, rest)
        segs.extend(("tool_schema", s) for s in rest if s)
        return segs
    if kind == "tool_output":
        s = text.strip()
        if s[:1] in "{[":
            try:
                out: list[str] = []
                _walk(json.loads(s), out)
                return [("tool_output", x) for x in out if x]
            except json.JSONDecodeError:
                pass
        return [("tool_output", text)]
    if kind == "tool_description":
        return [("tool_description", text)]
    return [("prompt", text)]


def load_datasets(ddir: Path):
    sets = {}
    for f in sorted(ddir.glob("*.jsonl")):
        rows = []
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    r = json.loads(line)
                    r["_segs"] = [(surf, fold(t)) for surf, t in segments(r)]
                    rows.append(r)
        sets[f.stem] = rows
    return sets


def match_row(rules, row):
    """Return {rule_id: [(seg_index, start), ...]} for the rules firing on the row."""
    hits: dict[str, list[tuple[int, int]]] = {}
    for i, (surf, text) in enumerate(row["_segs"]):
        for r in rules:
            if surf not in r["_surfaces"]:
                continue
            for rx in r["_rx"]:
                m = rx.search(text)
                if m:
                    hits.setdefault(r["id"], []).append((i, m.start()))
                    break
    return hits


def combo_fires(combo, rules_by_id, hits) -> bool:
    tag_pos: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for rid, pos in hits.items():
        for t in rules_by_id[rid]["tags"]:
            tag_pos[t].extend(pos)
    need = combo["all"]
    if not all(tag_pos.get(t) for t in need):
        return False
    within = combo.get("within")
    if within is None:
        return True
    # same segment, all match starts within `within` characters of each other
    segs = set.intersection(*({s for s, _ in tag_pos[t]} for t in need))
    for s in segs:
        events = sorted((p, t) for t in need for sg, p in tag_pos[t] if sg == s)
        for i, (p0, _) in enumerate(events):
            seen = {t for p, t in events[i:] if p - p0 <= within}
            if seen >= set(need):
                return True
    return False


def noisy_or(ws) -> float:
    prod = 1.0
    for w in ws:
        prod *= 1.0 - w
    return 1.0 - prod


def short(name: str) -> str:
    return {
        "mcp_tools_toolsdk_registry": "toolsdk", "mcp_tools_docker_registry": "docker",
        "mcp_tools_livemcpbench": "livemcp", "wildguard_benign_prompts": "wildguard",
        "invariant_mcp_injection": "invariant", "mcp_safetybench": "safetyb",
    }.get(name, name)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    ap.add_argument("--examples-only", action="store_true", help="validate rules and examples, skip datasets")
    ap.add_argument("--rule", help="only this rule/combo id (or id prefix); with --show prints sample hits")
    ap.add_argument("--show", type=int, default=0, help="print up to N sample hits per rule and label")
    ap.add_argument("--label", choices=["benign", "malicious"], help="with --show: only this label")
    ap.add_argument("--grep", help="search the folded datasets with an ad-hoc regex instead of the rules")
    ap.add_argument("--top", type=int, default=0, help="only print the N rules with most benign hits")
    args = ap.parse_args()

    rules, combos, errors = load_rules(HERE)
    errors += check_examples(rules)
    n_ex = sum(len(r["examples"]) + len(r["counter_examples"]) for r in rules)
    print(f"loaded {len(rules)} rules and {len(combos)} combos from {len(set(r['_file'] for r in rules))} files; "
          f"{n_ex} examples/counter_examples checked")
    langs: dict[str, int] = defaultdict(int)
    for r in rules:
        langs[r["lang"]] += 1
    print("rules per lang: " + ", ".join(f"{k}={v}" for k, v in sorted(langs.items(), key=lambda kv: -kv[1])))
    if errors:
        print(f"\n{len(errors)} ERROR(S):")
        for e in errors:
            print("  " + e)
    if args.examples_only:
        return 1 if errors else 0
    if not args.datasets.is_dir():
        print(f"\nskipping dataset measurement: {args.datasets} is absent "
              "(pass --datasets DIR to point at the shared datasets)")
        return 1 if errors else 0

    sets = load_datasets(args.datasets)
    names = list(sets)

    if args.grep:
        rx = re.compile(args.grep)
        for name in names:
            cnt = {"benign": 0, "malicious": 0}
            shown = 0
            for row in sets[name]:
                for surf, t in row["_segs"]:
                    m = rx.search(t)
                    if m:
                        cnt[row["label"]] += 1
                        if shown < args.show and (not args.label or row["label"] == args.label):
                            shown += 1
                            a = max(0, m.start() - 80)
                            print(f"  [{name} {row['label']} {surf}] ...{t[a:m.end() + 80]}...")
                        break
            print(f"{name:28s} benign {cnt['benign']:5d}  malicious {cnt['malicious']:5d}")
        return 1 if errors else 0

    rules_by_id = {r["id"]: r for r in rules}
    counts: dict[str, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    samples: dict[str, list[str]] = defaultdict(list)
    totals = {(n, lab): sum(1 for r in sets[n] if r["label"] == lab) for n in names for lab in ("benign", "malicious")}
    score_hits = defaultdict(int)
    sel = [r for r in rules if not args.rule or r["id"].startswith(args.rule)] if args.show else rules
    for name in names:
        for row in sets[name]:
            hits = match_row(sel, row)
            fired_ids = list(hits)
            for c in combos:
                if combo_fires(c, rules_by_id, hits):
                    fired_ids.append(c["id"])
            ws = [rules_by_id[i]["weight"] if i in rules_by_id else next(c["weight"] for c in combos if c["id"] == i)
                  for i in fired_ids]
            if noisy_or(ws) >= 0.5:
                score_hits[(name, row["label"])] += 1
            for rid in fired_ids:
                counts[rid][(name, row["label"])] += 1
                if args.show and (not args.label or row["label"] == args.label) and \
                        (not args.rule or rid.startswith(args.rule)):
                    key = f"{rid}|{row['label']}"
                    if len(samples[key]) < args.show:
                        segs = " || ".join(t for _, t in row["_segs"])
                        pos = hits.get(rid, [(0, 0)])[0]
                        seg_text = row["_segs"][pos[0]][1]
                        a = max(0, pos[1] - 100)
                        samples[key].append(f"[{name} {row['id']}] ...{seg_text[a:pos[1] + 160]}..."
                                            if rid in hits else f"[{name} {row['id']}] {segs[:300]}")

    if args.show:
        for key, lst in sorted(samples.items()):
            print(f"\n== {key}")
            for s in lst:
                print("  " + s)
        return 1 if errors else 0

    fp_total = sum(totals[(n, "benign")] for n in FP_SETS if n in sets)
    cols = [(n, lab) for n in names for lab in ("benign", "malicious") if totals[(n, lab)]]
    hdr = f"{'id':42s} {'w':>4s} {'FPset%':>7s} {'benign':>11s} {'malicious':>11s} | " + " ".join(
        f"{short(n)[:9] + ('.b' if lab == 'benign' else '.m'):>11s}" for n, lab in cols)
    ben_all = sum(v for (n, lab), v in totals.items() if lab == "benign")
    mal_all = sum(v for (n, lab), v in totals.items() if lab == "malicious")
    print(f"\n{len(names)} datasets: {ben_all} benign rows, {mal_all} malicious rows; "
          f"FP budget set ({'+'.join(short(n) for n in FP_SETS)}) = {fp_total} rows")
    print(hdr)
    print("-" * len(hdr))
    lines = []
    warnings = []
    for item in [*rules, *combos]:
        rid = item["id"]
        c = counts.get(rid, {})
        b = sum(v for (n, lab), v in c.items() if lab == "benign")
        m = sum(v for (n, lab), v in c.items() if lab == "malicious")
        fp = sum(c.get((n, "benign"), 0) for n in FP_SETS)
        fpr = fp / fp_total if fp_total else 0.0
        flag = ""
        if item["weight"] >= STRONG and fpr >= FP_BUDGET:
            flag = " FP!"
            warnings.append(f"{rid} (w={item['weight']}) fires on {fpr:.2%} of the FP budget set")
        cells = " ".join(f"{c.get(k, 0):>11d}" for k in cols)
        lines.append((b, f"{rid:42s} {item['weight']:>4.2f} {fpr:>6.2%}{flag:4s}"
                         f"{b:>5d} {b / ben_all:>5.1%} {m:>5d} {m / mal_all:>5.1%} | {cells}"))
    if args.top:
        lines = sorted(lines, key=lambda x: -x[0])[: args.top]
    for _, line in lines:
        print(line)
    print("\nnoisy-OR score >= 0.5 (rules + combos), per dataset:")
    for n in names:
        parts = []
        for lab in ("benign", "malicious"):
            if totals[(n, lab)]:
                k = score_hits[(n, lab)]
                parts.append(f"{lab} {k}/{totals[(n, lab)]} ({k / totals[(n, lab)]:.1%})")
        print(f"  {n:30s} " + ", ".join(parts))
    if warnings:
        print("\nFP budget warnings (weight >= %.1f and >= %.1f%% of benign FP set):" % (STRONG, FP_BUDGET * 100))
        for w in warnings:
            print("  " + w)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
