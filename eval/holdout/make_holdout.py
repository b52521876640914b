"""Write palisade_holdout.jsonl from the hand-written rows in holdout_*.py, then verify it.

Run from anywhere: python3 eval/holdout/make_holdout.py
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from _common import ROWS  # noqa: E402
import holdout_mal_schema_en  # noqa: E402,F401
import holdout_mal_output_en  # noqa: E402,F401
import holdout_evasion  # noqa: E402,F401
import holdout_mal_multilingual  # noqa: E402,F401
import holdout_benign_schema_en  # noqa: E402,F401
import holdout_benign_output_en  # noqa: E402,F401
import holdout_benign_multilingual  # noqa: E402,F401

ATTACKS = {"tool_poisoning", "full_schema", "shadowing", "preference_manipulation",
           "indirect_pi", "atpa", "exfiltration", "evasion"}
OUT = os.path.join(HERE, "palisade_holdout.jsonl")


def main():
    ids = [r["id"] for r in ROWS]
    dup = [i for i, c in collections.Counter(ids).items() if c > 1]
    assert not dup, dup
    with open(OUT, "w", encoding="utf-8") as f:
        for r in ROWS:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    # verify what was written
    rows = []
    with open(OUT, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            r = json.loads(line)
            assert set(r) == {"id", "text", "kind", "label", "attack", "source", "meta"}, n
            assert r["kind"] in ("tool_schema", "tool_output"), n
            assert r["label"] in ("malicious", "benign"), n
            if r["label"] == "malicious":
                assert r["attack"] in ATTACKS, (n, r["attack"])
            else:
                assert r["attack"] is None, n
            if r["kind"] == "tool_schema":
                t = json.loads(r["text"])
                assert set(t) == {"name", "description", "inputSchema"}, n
                assert t["inputSchema"]["type"] == "object", n
                assert isinstance(t["inputSchema"]["properties"], dict), n
                for req in t["inputSchema"]["required"]:
                    assert req in t["inputSchema"]["properties"], (n, req)
            rows.append(r)

    def show(title, counter):
        print(title)
        for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            print(f"  {k!s:28} {v}")

    print(f"{len(rows)} rows written to {os.path.relpath(OUT)}")
    show("by label:", collections.Counter(r["label"] for r in rows))
    show("by kind:", collections.Counter(r["kind"] for r in rows))
    show("by kind/label:", collections.Counter(f'{r["kind"]}/{r["label"]}' for r in rows))
    show("by attack (malicious):", collections.Counter(r["attack"] for r in rows if r["attack"]))
    show("by lang:", collections.Counter(r["meta"]["lang"] for r in rows))
    show("by lang/label:", collections.Counter(f'{r["meta"]["lang"]}/{r["label"]}' for r in rows))
    show("by technique (malicious):", collections.Counter(r["meta"]["technique"] for r in rows if r["label"] == "malicious"))
    show("by technique (benign):", collections.Counter(r["meta"]["technique"] for r in rows if r["label"] == "benign"))
    print("max text length:", max(len(r["text"]) for r in rows))


if __name__ == "__main__":
    main()
