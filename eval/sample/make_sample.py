#!/usr/bin/env python3
"""Draws the pinned CI sample in eval/sample/ from the shared datasets.

    python3 eval/sample/make_sample.py [--src ../shared/datasets] [--dst eval/sample]

Only licensed sets are sampled (never mcp_safetybench or invariant_mcp_injection, which have no
licence, nor wildguard_benign_prompts):

- msb, mcpsecbench, notinject: MIT.
- bipia: MIT; only the `email` contexts (OpenAI evals, MIT). The table and code contexts are
  CC BY-SA 4.0 and are left out.
- mcp_tools_docker_registry (MIT catalog), mcp_tools_livemcpbench (Apache-2.0 collection),
  mcp_tools_toolsdk_registry (MIT index; only rows whose package licence is MIT or Apache-2.0).

The draw is seeded and stratified by (label, attack, kind, context_dependent): every stratum keeps
its share of the file's quota, and at least one row. Rows are copied verbatim, in file order, to
files of the same name, so that dataset names (`by_dataset.msb`, ...) match the full sets.
Re-running the script gives the same files.
"""

import argparse
import json
import math
import random
from collections import defaultdict
from pathlib import Path

SEED = 20240917

# file stem -> (rows to draw, row filter)
PLAN = {
    "msb": (90, None),
    "mcpsecbench": (34, None),
    "bipia": (80, lambda r: r["meta"].get("task") == "email"),
    "notinject": (50, None),
    "mcp_tools_docker_registry": (50, None),
    "mcp_tools_livemcpbench": (50, None),
    "mcp_tools_toolsdk_registry": (60, lambda r: str(r["meta"].get("package_license", "")).lower() in ("mit", "apache-2.0")),
}

NEVER = {"mcp_safetybench", "invariant_mcp_injection"}


def stratum(row):
    return (row["label"], row["attack"] or "", row["kind"], bool(row["meta"].get("context_dependent")))


def draw(lines, quota, rng):
    rows = [(i, json.loads(l)) for i, l in enumerate(lines)]
    if quota >= len(rows):
        return [i for i, _ in rows]
    strata = defaultdict(list)
    for i, r in rows:
        strata[stratum(r)].append(i)
    picked = []
    for key in sorted(strata, key=str):
        members = strata[key]
        k = max(1, math.floor(quota * len(members) / len(rows) + 0.5))
        picked.extend(rng.sample(members, min(k, len(members))))
    return sorted(picked)


def main():
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=here.parent.parent.parent / "shared" / "datasets")
    ap.add_argument("--dst", type=Path, default=here)
    args = ap.parse_args()
    total = 0
    for stem, (quota, keep) in PLAN.items():
        assert stem not in NEVER
        lines = [l for l in (args.src / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
        if keep is not None:
            lines = [l for l in lines if keep(json.loads(l))]
        rng = random.Random(f"{SEED}:{stem}")
        chosen = [lines[i] for i in draw(lines, quota, rng)]
        (args.dst / f"{stem}.jsonl").write_text("".join(l + "\n" for l in chosen), encoding="utf-8")
        total += len(chosen)
        print(f"{stem}: {len(chosen)} rows")
    print(f"total: {total} rows")


if __name__ == "__main__":
    main()
