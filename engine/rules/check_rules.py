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
ROLES = {"tool_name", "tool_title", "tool_description", "property_name", "schema_title", "schema_description",
         "enum_value", "default", "example", "const", "pattern", "schema_other", "output_text", "output_data", "text"}
# Mirrors engine/src/detect/rules.rs (RawRule / RawCombo, deny_unknown_fields).
RULE_FIELDS = {"id", "class", "tags", "weight", "surfaces", "roles", "lang", "reason", "patterns",
               "examples", "counter_examples"}
RULE_REQUIRED = {"id", "class", "tags", "weight", "lang", "reason", "patterns", "examples", "counter_examples"}
COMBO_FIELDS = {"id", "class", "weight", "all", "within", "reason", "tags"}
COMBO_REQUIRED = {"id", "class", "weight", "all", "reason"}
ID_RE = re.compile(r"^[a-z0-9_]+\.[a-z0-9_.]+$")
LANG_RE = re.compile(r"^(?:[a-z]{2}|any)$")

BUILTIN_TAGS = ("hidden", "evasion", "other_tool", "lookalike")
# Benign sets used for the false-positive budget of strong rules.
FP_SETS = ("mcp_tools_toolsdk_registry", "mcp_tools_docker_registry", "mcp_tools_livemcpbench", "notinject")
FP_BUDGET = 0.005       # a rule with weight >= STRONG must fire on < 0.5% of those rows
STRONG = 0.3

# ---------------------------------------------------------------------------
# Text folding (must mirror the engine's normaliser)
# ---------------------------------------------------------------------------
# engine/src/normalize/mod.rs: hidden_kind()
_INVISIBLE_RANGES = [
    (0x200B, 0x200D), (0x2060, 0x2064), (0xFEFF, 0xFEFF), (0x00AD, 0x00AD), (0x180E, 0x180E),
    (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069), (0x061C, 0x061C),
    (0xFE00, 0xFE0F), (0xE0100, 0xE01EF), (0xE0000, 0xE007F),
    (0x115F, 0x1160), (0x3164, 0x3164), (0xFFA0, 0xFFA0), (0x034F, 0x034F), (0x17B4, 0x17B5),
]
_INVISIBLE_TABLE = dict.fromkeys(cp for lo, hi in _INVISIBLE_RANGES for cp in range(lo, hi + 1))

# engine/src/normalize/confusables.rs: fold_char()
_HOMOGLYPHS = dict(zip(
    "авсԁеёһіїјкӏморԛѕтսѵԝхуАВСЕЁНІЇЈКМОРЅТХУԀԚԜ"  # Cyrillic
    "αεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"  # Greek
    "օոհցıɡɑɩʏǀ",  # Armenian, Latin extensions
    "abcdeehiijklmopqstuvwxyABCEEHIIJKMOPSTXYDQWaeikvoptuxABEZHIKMNOPTYXonhgigaiyl",
))
_WS = re.compile(r"\s+")


def _is_latin_letter(c: str) -> bool:
    o = ord(c)
    return ("a" <= c <= "z" or "A" <= c <= "Z") or (
        (0xC0 <= o <= 0xFF or 0x100 <= o <= 0x24F or 0x1E00 <= o <= 0x1EFF) and c.isalpha())


def _is_word_char(c: str) -> bool:
    return c.isalnum() or unicodedata.combining(c) != 0


def fold(text: str, homoglyphs: str = "engine") -> str:
    """The engine's matching view: NFKC, invisibles dropped, confusables folded to Latin in
    mixed-script words (homoglyphs="engine"), in every word ("all") or never ("none"),
    lower-cased, whitespace runs collapsed to one space."""
    s = unicodedata.normalize("NFKC", text.translate(_INVISIBLE_TABLE))
    out: list[str] = []
    i, n = 0, len(s)
    prev_word_latin = False
    while i < n:
        c = s[i]
        if c.isspace():
            while i + 1 < n and s[i + 1].isspace():
                i += 1
            out.append(" ")
            i += 1
            continue
        if c.isalnum():
            j = i
            while j < n and _is_word_char(s[j]):
                j += 1
            word = s[i:j]
            has_conf = any(w in _HOMOGLYPHS for w in word)
            if homoglyphs == "all":
                fold_word = has_conf
            elif homoglyphs == "none":
                fold_word = False
            else:
                has_latin = any(_is_latin_letter(w) for w in word)
                all_conf = all((w.isascii() and w.isalnum()) or w in _HOMOGLYPHS for w in word)
                fold_word = has_conf and (has_latin or (all_conf and prev_word_latin and len(word) >= 2))
            for w in word:
                if fold_word:
                    if 0x300 <= ord(w) <= 0x36F:
                        continue
                    w = _HOMOGLYPHS.get(w, w)
                out.append(w.lower())
            prev_word_latin = fold_word or any(_is_latin_letter(w) for w in word)
            i = j
            continue
        out.append(c.lower())
        i += 1
    return "".join(out)


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


def _classes(p: str) -> list[str]:
    """Bodies of the bracket expressions of a pattern (best effort)."""
    out, i, n = [], 0, len(p)
    while i < n:
        if p[i] == "\\":
            i += 2
            continue
        if p[i] == "[":
            j = i + 1
            if j < n and p[j] == "^":
                j += 1
            if j < n and p[j] == "]":
                j += 1
            start = j
            while j < n and p[j] != "]":
                j += 2 if p[j] == "\\" else 1
            out.append(p[start:j])
            i = j + 1
            continue
        i += 1
    return out


def lint_pattern(p: str) -> list[str]:
    problems = [msg for rx, msg in _RUST_INCOMPATIBLE if rx.search(p)]
    for body in _classes(p):
        unescaped = re.sub(r"\\.", "", body)
        if "[" in unescaped.replace("[:", ""):
            problems.append(f"unescaped '[' inside a class [{body}] (a nested class in Rust)")
        for op in ("&&", "--", "~~"):
            if op in unescaped:
                problems.append(f"'{op}' inside a class [{body}] (a set operation in Rust)")
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
            roles = r.get("roles")
            if roles is not None and (not roles or set(roles) - ROLES):
                errors.append(f"{where}: bad roles {roles}")
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
            r["_roles"] = set(roles) if roles else set(ROLES)
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
    # Tags of the built-in (code) detectors, engine/src/detect/rules.rs BUILTIN_TAGS; this
    # script does not run those detectors, so combos over them never fire here.
    all_tags = {t for r in rules for t in r["tags"]} | set(BUILTIN_TAGS)
    for c in combos:
        for r in rules:
            if set(c["all"]) <= set(r["tags"]):
                errors.append(f"{r['_file']}:{r['id']}: its tags alone satisfy {c['id']} (a combo needs separate evidence)")
    for c in combos:
        for t in c["all"]:
            if t not in all_tags:
                errors.append(f"{c['_file']}:{c['id']}: tag {t!r} is not produced by any rule")
    return rules, combos, errors


def check_examples(rules) -> list[str]:
    errors = []
    for r in rules:
        for hg in ("engine", "all"):
            mode = "engine fold" if hg == "engine" else "every confusable folded"
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
# Mirrors engine/src/extract.rs: each string is a segment (surface, role, text).
def _strings(v, role: str, surface: str, out: list) -> None:
    if isinstance(v, str):
        if v.strip():
            out.append((surface, role, v))
    elif isinstance(v, list):
        for x in v:
            _strings(x, role, surface, out)
    elif isinstance(v, dict):
        for k, x in v.items():
            if k.strip():
                out.append((surface, role, k))  # keys of free-form objects are read too
            _strings(x, role, surface, out)


_SCHEMA_ROLES = {"description": "schema_description", "title": "schema_title", "enum": "enum_value",
                 "default": "default", "examples": "example", "example": "example", "const": "const",
                 "pattern": "pattern"}


def _schema(v, surface: str, out: list) -> None:
    if not isinstance(v, dict):
        _strings(v, "schema_other", surface, out)
        return
    for k, x in v.items():
        if k in ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas"):
            if isinstance(x, dict):
                for name, sub in x.items():
                    if name.strip():
                        out.append((surface, "property_name", name))
                    _schema(sub, surface, out)
            else:
                _strings(x, "schema_other", surface, out)
        elif k in ("items", "additionalProperties", "additionalItems", "unevaluatedProperties", "unevaluatedItems",
                   "propertyNames", "contains", "not", "if", "then", "else", "anyOf", "oneOf", "allOf",
                   "prefixItems"):
            for sub in (x if isinstance(x, list) else [x]):
                _schema(sub, surface, out)
        elif k in _SCHEMA_ROLES:
            _strings(x, _SCHEMA_ROLES[k], surface, out)
        else:
            _strings(x, "schema_other", surface, out)


def segments(row) -> list[tuple[str, str, str]]:
    """(surface, role, raw text) for every string of a dataset row."""
    kind, text = row["kind"], row["text"]
    out: list[tuple[str, str, str]] = []
    if kind == "tool_schema":
        try:
            tool = json.loads(text)
        except json.JSONDecodeError:
            return [("tool_description", "tool_description", text)]
        for k, x in tool.items():
            if k == "name":
                _strings(x, "tool_name", "tool_description", out)
            elif k == "title":
                _strings(x, "tool_title", "tool_description", out)
            elif k == "description":
                _strings(x, "tool_description", "tool_description", out)
            elif k in ("inputSchema", "outputSchema", "input_schema", "parameters"):
                _schema(x, "tool_schema", out)
            else:
                _strings(x, "schema_other", "tool_schema", out)
        return out
    if kind == "tool_output":
        st = text.strip()
        if st[:1] in "{[":
            try:
                _strings(json.loads(st), "output_data", "tool_output", out)
                return out
            except json.JSONDecodeError:
                pass
        return [("tool_output", "text", text)]
    if kind == "tool_description":
        return [("tool_description", "tool_description", text)]
    return [("prompt", "text", text)]


def load_datasets(ddir: Path):
    sets = {}
    for f in sorted(ddir.glob("*.jsonl")):
        rows = []
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    r = json.loads(line)
                    r["_segs"] = [(surf, role, fold(t)) for surf, role, t in segments(r)]
                    rows.append(r)
        sets[f.stem] = rows
    return sets


def match_row(rules, row):
    """{rule_id: [(segment index, start, end), ...]} for the rules firing on the row."""
    hits: dict[str, list[tuple[int, int, int]]] = {}
    for i, (surf, role, text) in enumerate(row["_segs"]):
        for r in rules:
            if surf not in r["_surfaces"] or role not in r["_roles"] or r["weight"] <= 0:
                continue
            for rx in r["_rx"]:
                for m in rx.finditer(text):
                    hits.setdefault(r["id"], []).append((i, m.start(), m.end()))
    return hits


def combo_fires(combo, rules_by_id, hits) -> bool:
    """Engine semantics: some match of the first tag is the anchor; every other tag needs a
    match anywhere in the item, or (with `within`) in the same string at a gap <= within."""
    tag_pos: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for rid, pos in hits.items():
        for t in rules_by_id[rid]["tags"]:
            tag_pos[t].extend(pos)
    need = combo["all"]
    if not all(tag_pos.get(t) for t in need):
        return False
    w = combo.get("within")
    if w is None:
        return True
    for seg, a0, a1 in tag_pos[need[0]]:
        if all(any(s == seg and max(0, b0 - a1, a0 - b1) <= w for s, b0, b1 in tag_pos[t]) for t in need[1:]):
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
        "mcp_tools_livemcpbench": "livemcp", "wildguard_benign_prompts": "wildgrd",
        "invariant_mcp_injection": "invar", "mcp_safetybench": "sfbench", "mcpsecbench": "secbnch",
        "notinject": "notinj",
    }.get(name, name[:7])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    ap.add_argument("--examples-only", action="store_true", help="validate rules and examples, skip datasets")
    ap.add_argument("--rule", help="only this rule/combo id (or id prefix); with --show prints sample hits")
    ap.add_argument("--show", type=int, default=0, help="print up to N sample hits per rule and label")
    ap.add_argument("--label", choices=["benign", "malicious"], help="with --show: only this label")
    ap.add_argument("--grep", help="search the folded datasets with an ad-hoc regex instead of the rules")
    ap.add_argument("--top", type=int, default=0, help="only print the N rules with most hits (see --sort)")
    ap.add_argument("--sort", choices=["benign", "malicious"], default="benign", help="with --top: rank by this label")
    ap.add_argument("--fp", type=int, default=0, help="list up to N benign rows scoring >= 0.5, with what fired")
    ap.add_argument("--misses", type=int, default=0, help="list up to N malicious rows scoring < 0.5")
    ap.add_argument("--set", help="with --fp/--misses: only this dataset (file stem)")
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
                for surf, role, t in row["_segs"]:
                    m = rx.search(t)
                    if m:
                        cnt[row["label"]] += 1
                        if shown < args.show and (not args.label or row["label"] == args.label):
                            shown += 1
                            a = max(0, m.start() - 80)
                            print(f"  [{name} {row['label']} {surf}/{role}] ...{t[a:m.end() + 80]}...")
                        break
            print(f"{name:28s} benign {cnt['benign']:5d}  malicious {cnt['malicious']:5d}")
        return 1 if errors else 0

    rules_by_id = {r["id"]: r for r in rules}
    counts: dict[str, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    samples: dict[str, list[str]] = defaultdict(list)
    totals = {(n, lab): sum(1 for r in sets[n] if r["label"] == lab) for n in names for lab in ("benign", "malicious")}
    score_hits = defaultdict(int)
    fp_rows: list[str] = []
    miss_rows: list[str] = []
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
            score = noisy_or(ws)
            if score >= 0.5:
                score_hits[(name, row["label"])] += 1
            if (not args.set or args.set == name) and (
                    (args.fp and row["label"] == "benign" and score >= 0.5 and len(fp_rows) < args.fp)
                    or (args.misses and row["label"] == "malicious" and score < 0.5 and len(miss_rows) < args.misses)):
                (fp_rows if row["label"] == "benign" else miss_rows).append(
                    f"[{row['id']} attack={row.get('attack')} score={score:.2f}] fired={fired_ids}\n      "
                    + " || ".join(t for _, _, t in row["_segs"])[:600])
            for rid in fired_ids:
                counts[rid][(name, row["label"])] += 1
                if args.show and (not args.label or row["label"] == args.label) and \
                        (not args.rule or rid.startswith(args.rule)):
                    key = f"{rid}|{row['label']}"
                    if len(samples[key]) < args.show:
                        segs = " || ".join(t for _, _, t in row["_segs"])
                        pos = hits.get(rid, [(0, 0, 0)])[0]
                        seg_text = row["_segs"][pos[0]][2]
                        a = max(0, pos[1] - 100)
                        samples[key].append(f"[{name} {row['id']}] ...{seg_text[a:pos[1] + 160]}..."
                                            if rid in hits else f"[{name} {row['id']}] {segs[:300]}")

    if args.fp or args.misses:
        for title, lst in (("benign rows scoring >= 0.5", fp_rows), ("malicious rows scoring < 0.5", miss_rows)):
            if lst:
                print(f"\n== {title}")
                for line in lst:
                    print("  " + line)
        return 1 if errors else 0
    if args.show:
        for key, lst in sorted(samples.items()):
            print(f"\n== {key}")
            for s in lst:
                print("  " + s)
        return 1 if errors else 0

    fp_total = sum(totals[(n, "benign")] for n in FP_SETS if n in sets)
    cols = [(n, lab) for n in names for lab in ("benign", "malicious") if totals[(n, lab)]]
    hdr = f"{'id':38s} {'w':>4s} {'FPset%':>6s}     {'benign':>10s} {'malicious':>10s} | " + " ".join(
        f"{short(n) + ('.b' if lab == 'benign' else '.m'):>9s}" for n, lab in cols)
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
        cells = " ".join(f"{c.get(k, 0):>9d}" for k in cols)
        lines.append((b if args.sort == "benign" else m, f"{rid:38s} {item['weight']:>4.2f} {fpr:>6.2%}{flag:4s} "
                         f"{b:>5d} {b / ben_all:>4.1%} {m:>5d} {m / mal_all:>4.1%} | {cells}"))
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
