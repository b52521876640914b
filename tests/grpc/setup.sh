#!/usr/bin/env bash
# Sets up the Python gRPC client the service tests use (tests/grpc.rs runs tests/grpc/client.py
# with it): a venv with grpcio, grpcio-tools (protoc for Python, generating the stubs from
# server/proto at run time), and the health and reflection clients, pinned in requirements.txt.
#
# <env> is $PALISADE_GRPC_ENV, else target/grpc-env. PyPI only. Idempotent: a stamp of
# requirements.txt makes a second run return at once.
set -euo pipefail
cd "$(dirname "$0")/../.."
ENV_DIR=${PALISADE_GRPC_ENV:-target/grpc-env}
case $ENV_DIR in /*) ;; *) ENV_DIR=$PWD/$ENV_DIR ;; esac
REQS=$PWD/tests/grpc/requirements.txt
STAMP=$ENV_DIR/.setup-stamp
want=$(sha256sum "$REQS" | cut -d' ' -f1)
if [[ -f $STAMP && $(cat "$STAMP") == "$want" && -x $ENV_DIR/bin/python ]]; then
    echo "grpc-setup: $ENV_DIR is up to date"
    exit 0
fi
PY=${PALISADE_GRPC_PYTHON:-$(command -v python3.11 || command -v python3)}
rm -rf "$ENV_DIR"
"$PY" -m venv "$ENV_DIR"
"$ENV_DIR/bin/pip" install --quiet --disable-pip-version-check -r "$REQS"
"$ENV_DIR/bin/python" -c "import grpc, grpc_tools, grpc_health, grpc_reflection"
echo "$want" > "$STAMP"
echo "grpc-setup: ready in $ENV_DIR"
