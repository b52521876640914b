#!/usr/bin/env python3
"""Drives a real MCP client (the official Python SDK) through `palisade proxy`.

    drive.py everything --palisade PATH --workdir DIR [--transport stdio|http|sse] [--direct] [--policy FILE]
    drive.py poisoned   --palisade PATH --workdir DIR [--transport stdio|http|sse] [--direct] [--policy FILE]

`everything`: the reference server @modelcontextprotocol/server-everything must work unchanged
through the proxy: every answer is compared with the same request sent to the server directly
(both in this run), plus a ~0.9 MB round trip, concurrent calls and progress notifications.

`poisoned`: tests/mcp/poisoned_server.py (tool poisoning in a description and in a schema, a
rug pull, an indirect prompt injection in a tool result) must be caught: blocked tools, the
rug pull, the injection, the audit log and `palisade pins list|diff|approve`.

`--transport` (default stdio): `stdio` runs `palisade proxy ... -- SERVER` and speaks to it over
its stdin/stdout. `http` starts the server over Streamable HTTP on a free loopback port, then
`palisade proxy --listen 127.0.0.1:PORT --upstream http://127.0.0.1:UPORT/mcp`, and connects the
SDK's Streamable HTTP client to the proxy; `sse` does the same with the older HTTP+SSE transport
(GET /sse, then POSTs to the path its `endpoint` event names). Over HTTP each session starts its
own server and proxy, as over stdio, and at its end the proxy gets SIGTERM and must exit 0.

`--direct` runs the server without the proxy: the checks that need the firewall are printed as
`skip:`, and the others show that the harness and the servers behave (a self-test).

One line per check: `ok: ...`, `FAIL: ...`, `skip: ...`, and `note: ...` for what is worth
knowing but is not a check; then a summary line. Exit status 1 when any check failed, 2 on bad
usage or a missing env (run tests/mcp/setup.sh first).

Run it with the venv's Python (it needs the SDK): target/mcp-env/bin/python tests/mcp/drive.py ...
The env is found like setup.sh does: $PALISADE_MCP_ENV, else target/mcp-env under the repo root.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import traceback
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import mcp_types as types
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import get_default_environment, stdio_client
from mcp.shared.message import SessionMessage

try:  # the HTTP transports' clients (an SDK without one skips that transport)
    import httpx2
    from mcp.client.streamable_http import streamable_http_client
except ImportError:
    streamable_http_client = None  # type: ignore[assignment]
try:
    from mcp.client.sse import sse_client
except ImportError:
    sse_client = None  # type: ignore[assignment]

try:  # SDK 2.x
    from mcp import MCPError
except ImportError:  # SDK 1.x spelled it McpError
    from mcp.shared.exceptions import McpError as MCPError  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import poisoned_server as P  # noqa: E402  (the texts the poisoned server serves)

# =================================================================================================
# The proxy's contract as these checks read it. Adjust here when the proxy says things differently.
# =================================================================================================

# Timeouts (seconds): one request, and one whole client session (start, checks, shutdown).
# The environment can change them (e.g. for a slow debug build).
REQUEST_TIMEOUT = float(os.environ.get("MCP_DRIVE_REQUEST_TIMEOUT", "30"))
SESSION_TIMEOUT = float(os.environ.get("MCP_DRIVE_SESSION_TIMEOUT", "90"))

# Server identities given to `palisade proxy --name`.
EVERYTHING_NAME = "server-everything"
POISONED_NAME = P.SERVER_NAME  # "poisoned-demo"

# A call to a tool the firewall blocked: a JSON-RPC error (MCPError in the SDK) whose message
# contains ALL of these (case-insensitive). `{tool}` is replaced by the tool's name.
BLOCKED_CALL_MESSAGE = ("blocked", "{tool}")
# ... and for a tool whose definition changed since it was pinned (the rug pull):
CHANGED_CALL_MESSAGE = ("changed", "{tool}")
# The error's `data` (when present) carries the diff: a list of changes at data[DIFF_KEY],
# each with the JSON pointer at change[DIFF_POINTER_KEY].
DIFF_KEY = "diff"
DIFF_POINTER_KEY = "pointer"
RUG_PULL_POINTER = "/description"

# A tool result the firewall withheld: isError true and the text mentions this (case-insensitive).
WITHHELD_RESULT_MENTIONS = "palisade"
# Datamarked text: the marker interleaved between words (policies/default.toml's marker).
DATAMARK = "\ue000"
DATAMARK_BETWEEN_WORDS = re.compile(r"\S" + DATAMARK + r"\S")

# The audit log (JSON Lines): fields every record has, and records that must be there, as
# (what, {field: value or set of accepted values}).
AUDIT_FIELDS = ("time", "server", "method", "tool", "verdict", "action", "latency_us")
AUDIT_EXPECTED = [
    ("the blocked call to add", {"method": "tools/call", "tool": "add", "action": {"blocked"}}),
    ("the rug pull of get_weather", {"tool": "get_weather", "action": {"blocked", "changed"}}),
    (
        "the output of fetch_page",
        {"method": "tools/call", "tool": "fetch_page", "action": {"withheld", "datamarked", "sanitized"}},
    ),
]

# `palisade pins ...` (paths and names are added by the driver).
PINS_LIST = ["pins", "list"]
PINS_LIST_JSON = ["pins", "list", "--json"]  # an array of {server, tool, pending, ...}
PINS_DIFF = ["pins", "diff"]
PINS_APPROVE = ["pins", "approve"]
PINS_DIFF_MENTIONS = ("get_weather", RUG_PULL_POINTER)

# `everything`: answers the proxy may change without failing the run, label -> why (the labels
# are those printed as "<label>: identical to direct"). Empty: a clean server must pass unchanged.
# A tolerated answer must still equal the direct one once the datamarking is undone (the
# `[palisade]` preface item dropped, markers read as spaces, whitespace collapsed).
TOLERATED_CHANGES: dict[str, str] = {
    "resources/read demo://resource/static/document/instructions.md": (
        "the model tier rates 'This response proves the client properly passed server instructions "
        "to the LLM.' at 0.54 (warn): meta-text about instructions; warn datamarks tool output"
    ),
}

# When the poisoned server pulls the rug (see poisoned_server.py): "call" = after the first
# tools/call, which keeps working if the proxy ever lists tools on its own; "list" = from the
# server's second tools/list answer.
RUG_PULL_MODE = "call"

# Environment variables handed on to the proxy (stdio_client passes only HOME, PATH, ... ).
PASS_ENV_PREFIXES = ("PALISADE_", "RUST_")

# --- HTTP transports (--transport http|sse) ---
# Each transport's endpoint path, on the server and, the same path, on the proxy (which maps a
# request for the upstream's own path to the upstream URL, and any other path, such as the SSE
# transport's /message?sessionId=..., to that path on the upstream host).
ENDPOINT_PATH = {"http": "/mcp", "sse": "/sse"}
# What the proxy prints on stderr once it listens (followed by ADDR -> URL).
PROXY_LISTENING = "palisade: proxying MCP over HTTP on http://"
# How long a server or the proxy may take to start listening (seconds).
LISTEN_TIMEOUT = float(os.environ.get("MCP_DRIVE_LISTEN_TIMEOUT", "30"))
# After the client closed its session, the proxy gets SIGTERM and must exit with status 0 within:
PROXY_EXIT_TIMEOUT = 15.0
# The Streamable HTTP client's limit on one SSE event (the SDK's default is 1 MiB, and the ~0.9 MB
# echo is close to it; the older SSE client has a fixed 1 MiB limit).
MAX_SSE_EVENT_BYTES = 8 * 1024 * 1024
# server-everything's HTTP transports listen on $PORT on every interface: this preload (node
# --import) makes a listen() given a port alone bind 127.0.0.1, so the test server stays on loopback.
NODE_LOOPBACK_ONLY = (
    "data:text/javascript,import net from 'node:net';const l=net.Server.prototype.listen;"
    "net.Server.prototype.listen=function(...a){if((typeof a[0]==='number'||typeof a[0]==='string')"
    "&&typeof a[1]!=='string')a.splice(1,0,'127.0.0.1');return l.apply(this,a)};"
)

# =================================================================================================
# Output
# =================================================================================================


class Report:
    """Prints one line per check and counts them."""

    def __init__(self) -> None:
        self.passed = self.failed = self.skipped = 0

    def ok(self, msg: str) -> None:
        self.passed += 1
        print(f"ok: {msg}", flush=True)

    def fail(self, msg: str) -> None:
        self.failed += 1
        print(f"FAIL: {msg}", flush=True)

    def skip(self, msg: str) -> None:
        self.skipped += 1
        print(f"skip: {msg}", flush=True)

    def note(self, msg: str) -> None:
        print(f"note: {msg}", flush=True)

    def check(self, cond: bool, msg: str, why: str = "") -> bool:
        if cond:
            self.ok(msg)
        else:
            self.fail(f"{msg}{' — ' + why if why else ''}")
        return cond

    def summary(self) -> str:
        return f"{self.passed} passed, {self.failed} failed, {self.skipped} skipped"


R = Report()


def short(v: Any, n: int = 300) -> str:
    s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True)
    return s if len(s) <= n else s[:n] + f"... ({len(s)} chars)"


def first_difference(a: Any, b: Any, path: str = "") -> str:
    """Where two JSON values first differ, as a JSON pointer with both sides."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                left = short(a[k], 120) if k in a else "missing"
                right = short(b[k], 120) if k in b else "missing"
                return f"{path}/{k}: {left} vs {right}"
            if a[k] != b[k]:
                return first_difference(a[k], b[k], f"{path}/{k}")
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return first_difference(x, y, f"{path}/{i}")
    if isinstance(a, str) and isinstance(b, str):
        i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        lo = max(0, i - 30)
        return (
            f"{path or '/'}: strings of {len(a)} and {len(b)} chars differ at {i}: "
            f"{json.dumps(a[lo : i + 60], ensure_ascii=False)} vs {json.dumps(b[lo : i + 60], ensure_ascii=False)}"
        )
    return f"{path or '/'}: {short(a, 120)} vs {short(b, 120)}"


# =================================================================================================
# Environment, commands
# =================================================================================================


@dataclass
class Env:
    root: Path
    python: str
    node: str
    everything_entry: Path

    @staticmethod
    def locate() -> Env:
        env = Path(os.environ.get("PALISADE_MCP_ENV", "target/mcp-env"))
        if not env.is_absolute():
            env = ROOT / env
        entry = env / "node/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
        node_path = env / "node-path"
        python = env / "bin/python"
        missing = [str(p) for p in (entry, node_path, python) if not p.exists()]
        if missing:
            print(
                f"drive: the MCP test env is incomplete ({', '.join(missing)}): run tests/mcp/setup.sh", file=sys.stderr
            )
            raise SystemExit(2)
        return Env(ROOT, str(python), node_path.read_text().strip(), entry)


@dataclass
class Target:
    """How to start one client session: the server, directly or behind the proxy, over a transport."""

    label: str  # for messages: "direct" or "proxy"
    transport: str  # "stdio", "http" or "sse"
    server: list[str]  # the server's command; over HTTP, "{port}" in it or in server_env is its port
    server_env: dict[str, str]  # the server's own variables
    proxy: list[str] | None  # `palisade proxy OPTIONS`; the driver adds `-- SERVER` or --listen/--upstream
    env: dict[str, str]  # the driver's PALISADE_* and RUST_* variables, for the proxy (and the server)
    stderr_path: Path  # stdio: the stderr of what the client runs; HTTP: the proxy's (the server's when direct)
    server_log: Path  # HTTP via the proxy: the server's stdout and stderr
    wire: Wire | None = None  # the session's traffic, set by session()
    proxy_process: subprocess.Popen[bytes] | None = None  # HTTP: the running proxy, set by serve_http()

    @property
    def command(self) -> list[str]:
        """stdio: what the client runs."""
        return [*self.proxy, "--", *self.server] if self.proxy else list(self.server)

    @property
    def logs(self) -> list[Path]:
        return [self.stderr_path] + ([self.server_log] if self.transport != "stdio" and self.proxy else [])

    def describe(self) -> str:
        if self.transport == "stdio":
            return f"{self.label}: {' '.join(self.command)}"
        return f"{self.label} over {self.transport}: server {shown(self.server)}" + (
            f"; {' '.join(self.proxy)} --listen ... --upstream ..." if self.proxy else ""
        )


@dataclass
class Scenario:
    env: Env
    palisade: str | None
    workdir: Path
    direct: bool
    policy: str | None
    transport: str = "stdio"

    @property
    def pins(self) -> Path:
        return self.workdir / "pins.db"

    @property
    def audit(self) -> Path:
        return self.workdir / "audit.jsonl"

    def target(
        self, server: list[str], name: str, via_proxy: bool, tag: str, extra_env: dict[str, str] | None = None
    ) -> Target:
        env = {k: v for k, v in os.environ.items() if k.startswith(PASS_ENV_PREFIXES)}
        stderr = self.workdir / f"{tag}.stderr.log"
        server_log = self.workdir / f"{tag}.server.log"
        proxy = None
        if via_proxy:
            assert self.palisade is not None
            policy = ["--policy", self.policy] if self.policy else []
            proxy = [self.palisade, "proxy", *policy, "--name", name, "--pins", str(self.pins), "--audit", str(self.audit)]
        label = "proxy" if via_proxy else "direct"
        return Target(label, self.transport, server, dict(extra_env or {}), proxy, env, stderr, server_log)

    def palisade_cmd(self, *args: str, show: int = 40) -> subprocess.CompletedProcess[str]:
        """Runs `palisade ARGS`, echoing the command and the first `show` lines of its output."""
        assert self.palisade is not None
        cmd = [self.palisade, *args]
        print(f"  $ {' '.join(cmd)}", flush=True)
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=REQUEST_TIMEOUT, cwd=ROOT)
        lines = (p.stdout + p.stderr).splitlines()
        for line in lines[:show]:
            print(f"  | {line}", flush=True)
        if len(lines) > show:
            print(f"  | ... ({len(lines) - show} more lines)", flush=True)
        return p


# =================================================================================================
# A client session that also keeps the raw JSON-RPC messages it exchanged
# =================================================================================================


@dataclass
class Wire:
    """The raw JSON-RPC traffic of a session, as JSON values (before the SDK parses them)."""

    methods: dict[Any, str] = field(default_factory=dict)  # request id -> method
    responses: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (method, raw message)
    notifications: list[dict[str, Any]] = field(default_factory=list)
    # HTTP transports: one entry per HTTP response, {method, path, status, type, session, sent_session}
    http: list[dict[str, Any]] = field(default_factory=list)

    def last(self, method: str) -> dict[str, Any]:
        """The raw response (`result` or `error` member) to the latest request of `method`."""
        for m, msg in reversed(self.responses):
            if m == method:
                return msg.get("result", {"error": msg.get("error")})
        raise AssertionError(f"no response to {method} on the wire")

    def notified(self, method: str) -> int:
        return sum(1 for n in self.notifications if n.get("method") == method)


def raw(message: Any) -> dict[str, Any]:
    return message.model_dump(by_alias=True, mode="json", exclude_unset=True)


@asynccontextmanager
async def recorded(read: Any, write: Any, wire: Wire, **client_kw: Any) -> AsyncIterator[ClientSession]:
    """An initialised ClientSession over a transport's streams, recording the messages in `wire`.

    The messages are recorded as the SDK parsed them (model_dump of each JSON-RPC message, by
    alias, unset fields left out), the same for every transport."""
    # Interpose memory streams that record what goes each way.
    up_send, up_recv = anyio.create_memory_object_stream[SessionMessage](0)
    down_send, down_recv = anyio.create_memory_object_stream[Any](0)

    async def pump_up() -> None:
        async with up_recv:
            async for sm in up_recv:
                m = raw(sm.message)
                if "method" in m and "id" in m:
                    wire.methods[m["id"]] = m["method"]
                await write.send(sm)

    async def pump_down() -> None:
        async with down_send:
            async for item in read:
                if isinstance(item, SessionMessage):
                    m = raw(item.message)
                    if "id" in m and ("result" in m or "error" in m):
                        wire.responses.append((wire.methods.get(m["id"], "?"), m))
                    elif "method" in m and "id" not in m:
                        wire.notifications.append(m)
                await down_send.send(item)

    async with anyio.create_task_group() as tg:
        tg.start_soon(pump_up)
        tg.start_soon(pump_down)
        try:
            async with ClientSession(down_recv, up_send, read_timeout_seconds=REQUEST_TIMEOUT, **client_kw) as s:
                await s.initialize()
                yield s
        finally:
            tg.cancel_scope.cancel()


@asynccontextmanager
async def session(t: Target, **client_kw: Any) -> AsyncIterator[tuple[ClientSession, Wire]]:
    """Starts `t`, yields an initialised ClientSession and its Wire."""
    wire = t.wire = Wire()
    if t.transport != "stdio":
        try:
            async with http_session(t, wire, **client_kw) as s:
                yield s, wire
        finally:  # each HTTP response's method, path, status, content type, Mcp-Session-Id
            t.stderr_path.with_name(t.stderr_path.name.replace(".stderr.log", ".http.json")).write_text(
                json.dumps(wire.http, indent=1)
            )
        return
    cmd = t.command
    params = StdioServerParameters(command=cmd[0], args=cmd[1:], env={**t.env, **t.server_env}, cwd=str(ROOT))
    with open(t.stderr_path, "w") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write):
            async with recorded(read, write, wire, **client_kw) as s:
                yield s, wire


# ---- HTTP transports ------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (the OS's pick; free when this returns)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def shown(cmd: list[str]) -> str:
    return " ".join("<loopback-only preload>" if a == NODE_LOOPBACK_ONLY else a for a in cmd)


def spawn(cmd: list[str], env: dict[str, str], log: Any) -> subprocess.Popen[bytes]:
    print(f"  $ {'PORT=' + env['PORT'] + ' ' if 'PORT' in env else ''}{shown(cmd)}", flush=True)
    return subprocess.Popen(
        cmd,
        env={**get_default_environment(), **env},
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


async def wait_listening(proc: subprocess.Popen[bytes], port: int, what: str) -> None:
    """Polls 127.0.0.1:`port` until it accepts a connection; fails if `proc` exits or time runs out."""
    deadline = time.monotonic() + LISTEN_TIMEOUT
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with status {proc.returncode} before listening on 127.0.0.1:{port}")
        try:
            conn = await anyio.connect_tcp("127.0.0.1", port)
            await conn.aclose()
            return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} within {LISTEN_TIMEOUT:g} s")
        await anyio.sleep(0.1)


async def stop(proc: subprocess.Popen[bytes], grace: float) -> tuple[int | None, bool, float]:
    """SIGTERM, then up to `grace` seconds for it to exit, then SIGKILL.

    Returns (its exit status or None when it had to be killed, whether it had exited before the
    SIGTERM, the seconds it took). Runs to the end even when the session was cancelled."""
    with anyio.CancelScope(shield=True):
        already = proc.poll() is not None
        start = time.monotonic()
        if not already:
            proc.send_signal(signal.SIGTERM)
            while proc.poll() is None and time.monotonic() - start < grace:
                await anyio.sleep(0.05)
        took = time.monotonic() - start
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
            return None, False, took
        return proc.returncode, already, took


async def sigterm_proxy(t: Target, when: str = "") -> None:
    """Sends the proxy SIGTERM (once): it must exit with status 0 within PROXY_EXIT_TIMEOUT."""
    proxy, t.proxy_process = t.proxy_process, None
    if proxy is None:
        return
    status, already, took = await stop(proxy, PROXY_EXIT_TIMEOUT)
    what = f"proxy exited 0 on SIGTERM{when}"
    if already:
        R.fail(f"{what} — it had already exited, with status {status}")
    elif status is None:
        R.fail(f"{what} — still running {PROXY_EXIT_TIMEOUT:g} s after SIGTERM: killed")
    else:
        R.check(status == 0, f"{what} ({took:.1f} s)", f"exit status {status}")


@asynccontextmanager
async def serve_http(t: Target) -> AsyncIterator[str]:
    """Starts `t`'s server over HTTP on a free loopback port, and the proxy in front of it unless
    direct; yields the URL the client connects to. Afterwards the proxy gets SIGTERM and must exit
    with status 0 within PROXY_EXIT_TIMEOUT (a check line); then the server is stopped."""
    path = ENDPOINT_PATH[t.transport]
    port = free_port()
    sub = lambda x: x.replace("{port}", str(port))  # noqa: E731
    cmd = [sub(a) for a in t.server]
    env = {**t.env, **{k: sub(v) for k, v in t.server_env.items()}}
    with open(t.server_log if t.proxy else t.stderr_path, "wb") as slog:
        server = spawn(cmd, env, slog)
        try:
            await wait_listening(server, port, "the server")
            upstream = f"http://127.0.0.1:{port}{path}"
            if t.proxy is None:
                yield upstream
                return
            pport = free_port()
            with open(t.stderr_path, "wb") as plog:
                proxy = spawn([*t.proxy, "--listen", f"127.0.0.1:{pport}", "--upstream", upstream], t.env, plog)
                try:
                    await wait_listening(proxy, pport, "the proxy")
                    said = ""
                    for _ in range(20):  # the line may come a moment after the port opens
                        said = next((ln for ln in t.stderr_path.read_text(errors="replace").splitlines() if PROXY_LISTENING in ln), "")
                        if said:
                            break
                        await anyio.sleep(0.1)
                    R.check(
                        said.endswith(f"127.0.0.1:{pport} -> {upstream}"),
                        f"proxy says it listens: {said.strip()}",
                        f"stderr has no line '{PROXY_LISTENING}127.0.0.1:{pport} -> {upstream}'",
                    )
                    t.proxy_process = proxy
                    yield f"http://127.0.0.1:{pport}{path}"
                finally:
                    await sigterm_proxy(t)
        finally:
            await stop(server, 5)


@asynccontextmanager
async def http_session(t: Target, wire: Wire, **client_kw: Any) -> AsyncIterator[ClientSession]:
    """A ClientSession over Streamable HTTP or HTTP+SSE, with each HTTP response noted in wire.http."""

    async def on_response(response: Any) -> None:
        request = response.request
        wire.http.append(
            {
                "method": request.method,
                "path": request.url.path,
                "status": response.status_code,
                "type": response.headers.get("content-type", "").split(";")[0].strip(),
                "session": response.headers.get("mcp-session-id"),
                "sent_session": request.headers.get("mcp-session-id"),
            }
        )

    def client(headers: Any = None, timeout: Any = None, auth: Any = None) -> Any:
        # The SDK's defaults (create_mcp_http_client), plus the hook.
        timeout = timeout or httpx2.Timeout(REQUEST_TIMEOUT, read=SESSION_TIMEOUT)
        return httpx2.AsyncClient(headers=headers, timeout=timeout, auth=auth, event_hooks={"response": [on_response]})

    async with serve_http(t) as url:
        if t.transport == "http":
            async with client() as http:
                async with streamable_http_client(url, http_client=http, max_sse_event_size=MAX_SSE_EVENT_BYTES) as (
                    read,
                    write,
                ):
                    async with recorded(read, write, wire, **client_kw) as s:
                        yield s
        else:
            async with sse_client(
                url, timeout=REQUEST_TIMEOUT, sse_read_timeout=SESSION_TIMEOUT, httpx_client_factory=client
            ) as (read, write):
                async with recorded(read, write, wire, **client_kw) as s:
                    yield s


def check_http(t: Target, what: str) -> None:
    """The HTTP exchanges of a finished session: statuses, and the Mcp-Session-Id passed through."""
    if t.wire is None or t.transport == "stdio":
        return
    kinds = sorted({(h["method"], h["path"], h["status"], h["type"]) for h in t.wire.http}, key=str)
    R.note(f"{what}: HTTP (method, path, status, content type) seen: {kinds}")
    bad = [h for h in t.wire.http if not 200 <= h["status"] < 300]
    R.check(not bad, f"{what}: {len(t.wire.http)} HTTP responses, all 2xx", f"not 2xx: {short(bad, 400)}")
    if t.transport == "http":
        ids = {h["session"] for h in t.wire.http if h["session"]}
        sent = {h["sent_session"] for h in t.wire.http if h["sent_session"]}
        R.check(
            len(ids) == 1 and sent <= ids,
            f"{what}: one Mcp-Session-Id ({short(sorted(ids), 60)}), sent back on every later request",
            f"answered {sorted(ids)}, sent {sorted(sent)}",
        )
        deletes = [h for h in t.wire.http if h["method"] == "DELETE"]
        R.check(bool(deletes), f"{what}: the session was ended with DELETE ({[h['status'] for h in deletes]})")


async def run_session(what: str, t: Target, body: Callable[[ClientSession, Wire], Any], **client_kw: Any) -> bool:
    """Runs `body` in a fresh session under a timeout; an exception is one FAIL line."""
    print(f"-- {what} ({t.describe()})", flush=True)
    try:
        with anyio.fail_after(SESSION_TIMEOUT):
            async with session(t, **client_kw) as (s, wire):
                await body(s, wire)
        check_http(t, what)
        return True
    except BaseException as e:  # noqa: BLE001  (report and go on; Ctrl-C still ends the run)
        if isinstance(e, KeyboardInterrupt):
            raise
        err = e
        while isinstance(err, BaseExceptionGroup) and len(err.exceptions) == 1:
            err = err.exceptions[0]
        kind = "timed out" if isinstance(err, TimeoutError) else f"died: {type(err).__name__}: {err}"
        R.fail(f"{what}: the session {kind}")
        if not isinstance(err, (TimeoutError, MCPError)):
            traceback.print_exception(err, limit=6, file=sys.stdout)
        for log in t.logs:
            tail = log.read_text(errors="replace").splitlines()[-15:] if log.exists() else []
            for line in tail:
                print(f"  {'server' if log == t.server_log else 'stderr'}| {line}", flush=True)
        return False


def texts(result: dict[str, Any]) -> str:
    """All text of a raw tools/call result's content, joined by newlines."""
    return "\n".join(c.get("text", "") for c in result.get("content", []) if c.get("type") == "text")


def mentions_all(message: str, words: tuple[str, ...], tool: str) -> bool:
    low = message.lower()
    return all(w.replace("{tool}", tool).lower() in low for w in words)


# =================================================================================================
# Scenario `everything`
# =================================================================================================

BIG_UNIT = 'héllo "wörld" \\ ✓\t{json}\n'  # non-ASCII, quotes, backslash, tab, newline
# Under the default policy's `max_string_bytes` (1 MiB): a string above it is not inspected
# whole, and the policy's `on_limit = "warn"` then spotlights (datamarks) the output on purpose.
BIG = (BIG_UNIT * (1024 * 1024 // len(BIG_UNIT.encode()) + 1))[: 700 * 1024]
EVERYTHING_TOOLS = {"echo", "get-sum", "get-tiny-image", "get-structured-content", "get-annotated-message"}
TIMESTAMP = re.compile(r"created at \d{1,2}:\d{2}:\d{2}(\s?[AP]M)?")


def undatamarked(x: Any) -> str:
    """The answer with the proxy's datamarking undone (see TOLERATED_CHANGES)."""
    if isinstance(x, dict):
        x = dict(x)
        for key in ("content", "contents"):
            items = x.get(key)
            if isinstance(items, list):
                x[key] = [i for i in items if not (isinstance(i, dict) and str(i.get("text", "")).startswith("[palisade]"))]
    s = json.dumps(x, ensure_ascii=False, sort_keys=True).replace(DATAMARK, " ").replace("\\n", " ")
    return " ".join(s.split())


def firewall_touch(got: Any, want: Any) -> str:
    """Says how the firewall changed an answer, when it shows (a clean server's false positive)."""
    g, w = json.dumps(got, ensure_ascii=False), json.dumps(want, ensure_ascii=False)
    how = []
    if DATAMARK in g and DATAMARK not in w:
        how.append("datamarked")
    if "[redacted" in g and "[redacted" not in w:
        how.append("sanitised ([redacted ...])")
    if "[palisade]" in g and "[palisade]" not in w:
        how.append("annotated ([palisade] ...)")
    return f"the proxy {' and '.join(how)} it (a false positive on a clean server?); " if how else ""


def normalise(v: Any) -> Any:
    """Drops what differs from one run of the server to the next (timestamps in dynamic resources).

    Applied to both sides before comparing."""
    if isinstance(v, str):
        return TIMESTAMP.sub("created at <time>", v)
    if isinstance(v, list):
        return [normalise(x) for x in v]
    if isinstance(v, dict):
        return {k: normalise(x) for k, x in v.items()}
    return v


async def observe_everything(s: ClientSession, wire: Wire, seen: dict[str, Any], verbose: bool) -> None:
    """Sends one fixed series of requests; keeps each raw answer under a label in `seen`."""
    seen["initialize"] = (
        s.initialize_result.model_dump(by_alias=True, mode="json", exclude_none=True) if s.initialize_result else None
    )
    await s.send_ping()
    seen["ping"] = wire.last("ping")

    await s.list_tools()
    seen["tools/list"] = wire.last("tools/list")
    names = {t["name"] for t in seen["tools/list"].get("tools", [])}
    if verbose:
        R.note(f"server-everything tools: {', '.join(t['name'] for t in seen['tools/list'].get('tools', []))}")
    missing = EVERYTHING_TOOLS - names
    if missing:
        R.note(f"tools this driver uses are not listed: {sorted(missing)} (the calls below will fail)")

    async def call(label: str, name: str, args: dict[str, Any]) -> None:
        try:
            await s.call_tool(name, args)
            seen[label] = wire.last("tools/call")
        except MCPError as e:
            seen[label] = {"error": e.error.model_dump(mode="json", exclude_none=True)}

    await call("call echo", "echo", {"message": "hello through palisade"})
    await call("call get-sum", "get-sum", {"a": 2, "b": 40})
    await call("call get-tiny-image", "get-tiny-image", {})
    await call("call get-structured-content", "get-structured-content", {"location": "Chicago"})
    await call("call get-annotated-message", "get-annotated-message", {"messageType": "success", "includeImage": True})
    await call("call get-resource-reference", "get-resource-reference", {"resourceType": "Text", "resourceId": 2})
    await call("call get-resource-links", "get-resource-links", {"count": 3})
    payload = base64.b64encode(b"palisade gzip test\n" * 50).decode()
    await call(
        "call gzip-file-as-resource",
        "gzip-file-as-resource",
        {"name": "t.txt.gz", "data": f"data:text/plain;base64,{payload}", "outputType": "resource"},
    )
    await call("call an unknown tool", "no-such-tool", {})

    # Progress notifications from a long-running tool.
    progress: list[float] = []

    async def on_progress(p: float, total: float | None, message: str | None) -> None:
        progress.append(p)

    await s.call_tool("trigger-long-running-operation", {"duration": 1, "steps": 3}, progress_callback=on_progress)
    seen["call trigger-long-running-operation"] = wire.last("tools/call")
    seen["progress notifications"] = progress

    await s.list_prompts()
    seen["prompts/list"] = wire.last("prompts/list")
    await s.get_prompt("simple-prompt")
    seen["prompts/get simple-prompt"] = wire.last("prompts/get")
    await s.get_prompt("args-prompt", {"city": "Seoul", "state": "n/a"})
    seen["prompts/get args-prompt"] = wire.last("prompts/get")
    await s.get_prompt("resource-prompt", {"resourceType": "Text", "resourceId": "3"})
    seen["prompts/get resource-prompt"] = wire.last("prompts/get")
    await s.complete(
        types.PromptReference(type="ref/prompt", name="completable-prompt"), {"name": "department", "value": "E"}
    )
    seen["completion/complete"] = wire.last("completion/complete")

    await s.list_resources()
    seen["resources/list"] = wire.last("resources/list")
    await s.list_resource_templates()
    seen["resources/templates/list"] = wire.last("resources/templates/list")
    for r in seen["resources/list"].get("resources", []):
        await s.read_resource(r["uri"])
        seen[f"resources/read {r['uri']}"] = wire.last("resources/read")
    await s.read_resource("demo://resource/dynamic/text/7")
    seen["resources/read dynamic text"] = wire.last("resources/read")


def check_http_like_direct(direct: Target, subject: Target) -> None:
    """Over HTTP: the proxy answers with the same kinds of HTTP responses as the server, and the
    client's Mcp-Session-Id is the one the server made (server-everything logs it)."""
    kinds = lambda t: {(h["method"], h["path"], h["status"], h["type"]) for h in (t.wire.http if t.wire else [])}  # noqa: E731
    b, s_ = kinds(direct), kinds(subject)
    R.check(
        s_ == b,
        f"HTTP: the same (method, path, status, content type) kinds as direct ({len(s_)})",
        f"only through the proxy: {sorted(s_ - b, key=str)}; only direct: {sorted(b - s_, key=str)}",
    )
    if subject.transport == "http" and subject.wire is not None:
        ids = {h["session"] for h in subject.wire.http if h["session"]}
        log = subject.server_log if subject.proxy else subject.stderr_path
        made = set(re.findall(r"Session initialized with ID: (\S+)", log.read_text(errors="replace"))) if log.exists() else set()
        R.check(
            bool(ids) and ids <= made,
            f"Mcp-Session-Id: the client got the server's own session id ({short(sorted(ids), 60)})",
            f"client got {sorted(ids)}, the server made {sorted(made)}",
        )


def everything_server(sc: Scenario) -> tuple[list[str], dict[str, str]]:
    """server-everything's command and environment for the scenario's transport."""
    entry = str(sc.env.everything_entry)
    if sc.transport == "stdio":
        return [sc.env.node, entry, "stdio"], {}
    # `streamableHttp` serves /mcp, `sse` serves GET /sse and POST /message?sessionId=..., on $PORT.
    mode = "streamableHttp" if sc.transport == "http" else "sse"
    return [sc.env.node, "--import", NODE_LOOPBACK_ONLY, entry, mode], {"PORT": "{port}"}


async def scenario_everything(sc: Scenario) -> None:
    server, server_env = everything_server(sc)
    for p in (sc.pins, sc.audit):
        p.unlink(missing_ok=True)

    base: dict[str, Any] = {}
    subj: dict[str, Any] = {}
    direct = sc.target(server, EVERYTHING_NAME, via_proxy=False, tag="everything-baseline", extra_env=server_env)
    if not await run_session(
        "baseline: server-everything directly", direct, lambda s, w: observe_everything(s, w, base, True)
    ):
        return
    R.ok(f"baseline session: {len(base)} answers from server-everything directly")

    subject = sc.target(server, EVERYTHING_NAME, via_proxy=not sc.direct, tag="everything-subject", extra_env=server_env)
    what = "server-everything directly again (--direct)" if sc.direct else "server-everything through palisade proxy"
    big_state: dict[str, Any] = {}

    async def body(s: ClientSession, wire: Wire) -> None:
        await observe_everything(s, wire, subj, False)
        # 1 MiB through both directions.
        await s.call_tool("echo", {"message": BIG})
        big_state["text"] = texts(wire.last("tools/call"))

        # Pipelined requests: 20 calls in flight at once, answers matched by id.
        sums: dict[int, str] = {}

        async def one(i: int) -> None:
            r = await s.call_tool("get-sum", {"a": i, "b": 1000})
            sums[i] = texts(raw(r))

        async with anyio.create_task_group() as tg:
            for i in range(20):
                tg.start_soon(one, i)
        big_state["sums"] = sums

    if not await run_session(what, subject, body):
        return

    if sc.transport != "stdio":
        check_http_like_direct(direct, subject)

    # Both sides' answers, for a look after the run.
    for name, seen in (("baseline", base), ("subject", subj)):
        (sc.workdir / f"everything-{name}.json").write_text(json.dumps(seen, indent=1, ensure_ascii=False))

    # Everything the subject saw must equal the baseline.
    init_b, init_s = base.get("initialize") or {}, subj.get("initialize") or {}
    R.check(
        init_s.get("serverInfo") == init_b.get("serverInfo"),
        f"initialize: serverInfo {short(init_s.get('serverInfo'))}",
        first_difference(init_s.get("serverInfo"), init_b.get("serverInfo")),
    )
    R.check(
        bool(init_s.get("instructions")) and init_s.get("instructions") == init_b.get("instructions"),
        f"initialize: server instructions came through unchanged ({len(init_s.get('instructions') or '')} chars)",
        first_difference(init_s.get("instructions"), init_b.get("instructions")),
    )
    R.check(
        init_s == init_b,
        "initialize: whole result (protocolVersion, capabilities) identical to direct",
        first_difference(init_s, init_b),
    )
    tb = [t["name"] for t in base.get("tools/list", {}).get("tools", [])]
    ts = [t["name"] for t in subj.get("tools/list", {}).get("tools", [])]
    R.check(ts == tb, f"tools/list: the same {len(ts)} tool names as direct", f"proxy {ts} vs direct {tb}")
    for label in base:
        if label in ("initialize",):
            continue
        b, s_ = normalise(base[label]), normalise(subj.get(label))
        if s_ == b:
            R.ok(f"{label}: identical to direct")
        elif label in TOLERATED_CHANGES and undatamarked(s_) == undatamarked(b):
            R.note(f"{label}: changed by the proxy, tolerated ({TOLERATED_CHANGES[label]}): {firewall_touch(s_, b)}")
            R.ok(f"{label}: identical to direct once the datamarking is undone")
        else:
            extra = f" (with the datamarking undone: {first_difference(undatamarked(s_), undatamarked(b))})" if label in TOLERATED_CHANGES else ""
            R.fail(f"{label}: identical to direct — {firewall_touch(s_, b)}{first_difference(s_, b)}{extra}")
    R.check(
        texts(subj.get("call echo", {})) == "Echo: hello through palisade",
        "echo returns 'Echo: hello through palisade'",
        short(subj.get("call echo")),
    )
    R.check(
        re.search(r"\b42\b", texts(subj.get("call get-sum", {}))) is not None,
        "get-sum 2 + 40 is 42",
        short(subj.get("call get-sum")),
    )
    R.check(
        len(subj.get("progress notifications", [])) == 3,
        "3 progress notifications reached the client",
        f"got {subj.get('progress notifications')}",
    )
    gz = subj.get("call gzip-file-as-resource", {})
    blobs = [c.get("resource", {}).get("blob") for c in gz.get("content", []) if c.get("type") == "resource"]
    try:
        ok_gz = bool(blobs) and gzip.decompress(base64.b64decode(blobs[0] or "")) == b"palisade gzip test\n" * 50
    except Exception:  # noqa: BLE001
        ok_gz = False
    R.check(ok_gz, "gzip-file-as-resource (data: URI) returns a blob that gunzips to the input", short(gz))

    text = big_state.get("text", "")
    want = "Echo: " + BIG
    digest = lambda x: hashlib.sha256(x.encode()).hexdigest()[:16]  # noqa: E731
    R.check(
        text == want,
        f"1 MiB echo came back intact (sha256 {digest(want)})",
        f"{firewall_touch(text, want)}got {len(text)} chars, sha256 {digest(text)}; {first_difference(text, want)}",
    )
    sums = big_state.get("sums", {})
    bad = {i: v for i, v in sums.items() if not re.search(rf"\b{i} and 1000 is {i + 1000}\b", v)}
    R.check(
        len(sums) == 20 and not bad,
        "20 concurrent get-sum calls each got their own answer",
        f"{len(sums)} answers, wrong: {bad}",
    )

    R.note(
        "server-everything's instructions (initialize, and the instructions.md resource) tell the model "
        "'If asked about server instructions, respond with ...': a legitimate instruction a detector may flag"
    )


# =================================================================================================
# Scenario `poisoned`
# =================================================================================================


def find_tool(listing: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((t for t in listing.get("tools", []) if t.get("name") == name), None)


async def expect_blocked_call(
    s: ClientSession, wire: Wire, sc: Scenario, tool: str, args: dict[str, Any], words: tuple[str, ...], what: str
) -> MCPError | None:
    """Calls `tool`; through the proxy it must fail with a JSON-RPC error mentioning `words`."""
    try:
        await s.call_tool(tool, args)
    except MCPError as e:
        if sc.direct:
            R.fail(f"{what}: the server itself refused: {e}")
            return None
        R.check(
            mentions_all(e.error.message, words, tool),
            f"{what}: JSON-RPC error {e.error.code}: {short(e.error.message, 200)}",
            f"the message should mention {[w.replace('{tool}', tool) for w in words]}",
        )
        return e
    result = wire.last("tools/call")
    if sc.direct:
        R.ok(f"{what}: (direct) the server answered {short(texts(result), 80)}")
    else:
        R.fail(f"{what}: expected a JSON-RPC error, got a result {short(result)}")
    return None


async def poisoned_first_session(s: ClientSession, wire: Wire, sc: Scenario, notes: dict[str, Any]) -> None:
    init = s.initialize_result
    R.check(
        init is not None and init.server_info.name == POISONED_NAME, f"initialize: serverInfo.name is {POISONED_NAME}"
    )

    # -- first tools/list ---------------------------------------------------------------------
    await s.list_tools()
    first = wire.last("tools/list")
    names = [t["name"] for t in first.get("tools", [])]
    R.note(f"first tools/list: {names}")
    add = find_tool(first, "add")
    if sc.direct:
        R.check(
            add is not None and add.get("description") == P.ADD_DESCRIPTION,
            "(direct) add is listed with its poisoned description",
        )
    else:
        R.check(add is None, "add (poisoned description) is not in the tools list", f"listed as {short(add)}")

    search = find_tool(first, "search_docs")
    if search is None:
        R.check(not sc.direct, "search_docs (poisoned schema) is absent: blocked", "(direct) the server should list it")
    else:
        poisoned_text_present = P.SEARCH_DOCS_POISON in json.dumps(search, ensure_ascii=False)
        if sc.direct:
            R.check(poisoned_text_present, "(direct) search_docs is listed with its poisoned schema")
        else:
            R.check(
                not poisoned_text_present,
                "search_docs is listed with its poisoned schema text sanitised",
                f"the poison is still there: {short(search.get('inputSchema'))}",
            )
            field_desc = (
                search.get("inputSchema", {})
                .get("properties", {})
                .get(P.SEARCH_DOCS_POISONED_FIELD, {})
                .get("description")
            )
            R.note(f"search_docs.{P.SEARCH_DOCS_POISONED_FIELD}.description is now {short(field_desc, 200)}")

    echo = find_tool(first, "echo")
    R.check(echo is not None, "echo (clean) is listed")
    weather = find_tool(first, "get_weather")
    R.check(
        weather is not None and weather.get("description") == P.WEATHER_CLEAN,
        "get_weather is listed with its clean description in the first tools/list",
        short(weather),
    )
    fetch = find_tool(first, "fetch_page")
    R.check(fetch is not None, "fetch_page (clean definition) is listed")

    # -- calls ---------------------------------------------------------------------------------
    await expect_blocked_call(
        s, wire, sc, "add", {"a": 1, "b": 2, "sidenote": "x"}, BLOCKED_CALL_MESSAGE, "calling add"
    )

    r = await s.call_tool("echo", {"message": "hello, poisoned world"})
    R.check(
        not r.is_error and texts(raw(r)) == "hello, poisoned world",
        "echo works through and returns its message",
        short(raw(r)),
    )
    # The server sends notifications/tools/list_changed after the first call it served.
    with anyio.move_on_after(3):
        while not wire.notified("notifications/tools/list_changed"):
            await anyio.sleep(0.05)
    R.check(
        wire.notified("notifications/tools/list_changed") > 0, "notifications/tools/list_changed reached the client"
    )

    # -- the injection in fetch_page's result ---------------------------------------------------
    try:
        await s.call_tool("fetch_page", {"url": "https://docs.example/start"})
        result = wire.last("tools/call")
        notes["fetch_page"] = result
    except MCPError as e:
        result = {"error": e.error.model_dump(mode="json")}
        notes["fetch_page"] = result
    body = texts(result) if "content" in result else json.dumps(result)
    R.note(f"fetch_page result: {short(result, 400)}")
    if sc.direct:
        R.check(
            P.INJECTION in body, "(direct) fetch_page delivers the injection verbatim (what the firewall must stop)"
        )
    else:
        verbatim = P.INJECTION in body
        blocked = bool(result.get("isError")) and WITHHELD_RESULT_MENTIONS in body.lower()
        marked = bool(DATAMARK_BETWEEN_WORDS.search(body))
        R.check(not verbatim, "fetch_page: the injection sentence does not reach the client verbatim")
        how = (
            "blocked (withheld)"
            if blocked
            else "datamarked (U+E000 between words)"
            if marked
            else "neither blocked nor datamarked"
        )
        R.check(blocked or marked, f"fetch_page result was {how}", f"result {short(result)}")
        if "error" in result:
            R.note("fetch_page came back as a JSON-RPC error, not a tool result")

    # -- second tools/list: the rug pull ---------------------------------------------------------
    await s.list_tools()
    second = wire.last("tools/list")
    R.note(f"second tools/list: {[t['name'] for t in second.get('tools', [])]}")
    weather2 = find_tool(second, "get_weather")
    if sc.direct:
        R.check(
            weather2 is not None and weather2.get("description") == P.WEATHER_PULLED,
            "(direct) the second tools/list shows get_weather's changed description (the rug pull)",
            short(weather2),
        )
    else:
        R.check(
            weather2 is None,
            "get_weather is gone from the second tools/list (rug pull blocked)",
            f"listed as {short(weather2)}",
        )
    err = await expect_blocked_call(
        s, wire, sc, "get_weather", {"city": "Seoul"}, CHANGED_CALL_MESSAGE, "calling get_weather after the rug pull"
    )
    if err is not None:
        data = err.error.data
        if isinstance(data, dict) and DIFF_KEY in data:
            pointers = [c.get(DIFF_POINTER_KEY) for c in data[DIFF_KEY] if isinstance(c, dict)]
            R.check(
                RUG_PULL_POINTER in pointers,
                f"the error's data.{DIFF_KEY} lists {RUG_PULL_POINTER}",
                f"pointers {pointers}",
            )
        else:
            R.note(f"the rug-pull error carries no data.{DIFF_KEY}: data = {short(data)}")


def check_audit(sc: Scenario) -> None:
    if not sc.audit.exists():
        R.fail(f"audit log {sc.audit} was not written")
        return
    records, bad = [], []
    for n, line in enumerate(sc.audit.read_text().splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as e:
            bad.append(f"line {n}: {e}")
    R.check(not bad and bool(records), f"audit log: {len(records)} JSON lines", "; ".join(bad[:3]))
    missing = [(i, [f for f in AUDIT_FIELDS if f not in r]) for i, r in enumerate(records, 1)]
    missing = [m for m in missing if m[1]]
    R.check(
        not missing, f"audit log: every record has {', '.join(AUDIT_FIELDS)}", f"records missing fields: {missing[:3]}"
    )
    R.check(
        all(r.get("server") == POISONED_NAME for r in records),
        f"audit log: server is {POISONED_NAME} in every record",
        str({r.get("server") for r in records}),
    )
    R.check(
        all(isinstance(r.get("latency_us"), int) and r["latency_us"] >= 0 for r in records),
        "audit log: latency_us is a count of microseconds",
    )

    def matches(r: dict[str, Any], want: dict[str, Any]) -> bool:
        return all(r.get(k) in v if isinstance(v, set) else r.get(k) == v for k, v in want.items())

    for what, want in AUDIT_EXPECTED:
        hit = [r for r in records if matches(r, want)]
        shown = {k: sorted(v) if isinstance(v, set) else v for k, v in want.items()}
        R.check(
            bool(hit), f"audit log records {what}: {short(hit[0], 250) if hit else ''}", f"no record matching {shown}"
        )
    actions = sorted({(r.get("method"), r.get("tool"), r.get("action")) for r in records}, key=str)
    R.note(f"audit (method, tool, action) seen: {actions}")


def check_pins(sc: Scenario) -> None:
    pins = ["--pins", str(sc.pins)]
    p = sc.palisade_cmd(*PINS_LIST, *pins)
    R.check(
        p.returncode == 0 and "get_weather" in p.stdout,
        "`pins list` exits 0 and lists get_weather",
        f"exit {p.returncode}",
    )
    p = sc.palisade_cmd(*PINS_DIFF, *pins, POISONED_NAME, "get_weather")
    R.check(
        p.returncode == 0 and all(w in p.stdout for w in PINS_DIFF_MENTIONS),
        f"`pins diff {POISONED_NAME} get_weather` exits 0 and mentions {', '.join(PINS_DIFF_MENTIONS)}",
        f"exit {p.returncode}",
    )
    p = sc.palisade_cmd(*PINS_APPROVE, *pins, POISONED_NAME, "get_weather")
    R.check(p.returncode == 0, f"`pins approve {POISONED_NAME} get_weather` exits 0", f"exit {p.returncode}")
    p = sc.palisade_cmd(*PINS_LIST_JSON, *pins, show=0)
    try:
        entries = json.loads(p.stdout)
        entry = next(e for e in entries if e.get("server") == POISONED_NAME and e.get("tool") == "get_weather")
        R.check(
            entry.get("pending") is None, "`pins list --json`: get_weather is approved (nothing pending)", short(entry)
        )
    except (json.JSONDecodeError, StopIteration, AttributeError, TypeError):
        p = sc.palisade_cmd(*PINS_LIST, *pins)
        line = next((ln for ln in p.stdout.splitlines() if "get_weather" in ln), "")
        R.check("approved" in line, "`pins list`: get_weather is approved", f"line {line!r}")


async def poisoned_after_approve(s: ClientSession, wire: Wire, sc: Scenario) -> None:
    """A new session after `pins approve`: the server now serves the changed definition."""
    await s.list_tools()
    listing = wire.last("tools/list")
    weather = find_tool(listing, "get_weather")
    if sc.direct:
        R.check(
            weather is not None and weather.get("description") == P.WEATHER_PULLED,
            "(direct) a new server process serves the changed get_weather from the start (state file)",
            short(weather),
        )
        return
    if weather is None:
        R.note(
            "after approve: get_weather is still not listed (its new description carries an instruction, "
            "so inspection may block it: see the error below)"
        )
    else:
        R.note(f"after approve: get_weather is listed, description {short(weather.get('description'), 200)}")
    try:
        r = await s.call_tool("get_weather", {"city": "Seoul"})
        R.ok(f"after approve: calling get_weather is no longer refused as changed ({short(texts(raw(r)), 80)})")
    except MCPError as e:
        still_changed = mentions_all(e.error.message, CHANGED_CALL_MESSAGE, "get_weather")
        # Refused for another reason (inspection), the error is still the firewall's: a timeout
        # or a transport error is not an answer.
        refused = mentions_all(e.error.message, BLOCKED_CALL_MESSAGE, "get_weather")
        R.check(
            refused and not still_changed,
            f"after approve: get_weather is not refused as changed (error: {short(e.error.message, 200)})",
            "the approval did not take" if still_changed else "not the firewall's refusal",
        )


async def scenario_poisoned(sc: Scenario) -> None:
    state = sc.workdir / "poisoned-state.json"
    for p in (sc.pins, sc.audit, state):
        p.unlink(missing_ok=True)
    server = [sc.env.python, str(HERE / "poisoned_server.py")]
    if sc.transport != "stdio":
        server += ["--transport", sc.transport, "--port", "{port}"]
    extra = {"POISONED_RUG_PULL": RUG_PULL_MODE, "POISONED_STATE_FILE": str(state)}
    via_proxy = not sc.direct
    notes: dict[str, Any] = {}

    t = sc.target(server, POISONED_NAME, via_proxy, "poisoned-1", extra)
    await run_session("poisoned server: first session", t, lambda s, w: poisoned_first_session(s, w, sc, notes))

    if sc.direct:
        R.skip("audit log checks (direct)")
        R.skip("pins list / diff / approve (direct)")
    else:
        check_audit(sc)
        check_pins(sc)

    t = sc.target(server, POISONED_NAME, via_proxy, "poisoned-2", extra)
    await run_session(
        "poisoned server: a session after `pins approve`", t, lambda s, w: poisoned_after_approve(s, w, sc)
    )

    if sc.transport != "stdio" and via_proxy:
        await sigterm_with_open_stream(sc.target(server, POISONED_NAME, True, "poisoned-3", extra))


async def sigterm_with_open_stream(t: Target) -> None:
    """Over HTTP: SIGTERM reaches the proxy while a client still holds an event stream open (the
    SSE transport's GET /sse; Streamable HTTP's GET after initialize). Draining must not wait
    for that client: the proxy must still exit 0 within PROXY_EXIT_TIMEOUT."""
    what = "the proxy gets SIGTERM while a client's event stream is open"
    print(f"-- {what} ({t.describe()})", flush=True)
    try:
        with anyio.fail_after(SESSION_TIMEOUT):
            async with serve_http(t) as url, httpx2.AsyncClient(timeout=httpx2.Timeout(REQUEST_TIMEOUT)) as http:
                headers = {"accept": "text/event-stream"}
                if t.transport == "http":
                    init = {
                        "jsonrpc": "2.0",
                        "id": 1,
                        "method": "initialize",
                        "params": {
                            "protocolVersion": "2025-06-18",
                            "capabilities": {},
                            "clientInfo": {"name": "drive.py", "version": "0"},
                        },
                    }
                    r = await http.post(url, json=init, headers={"accept": "application/json, text/event-stream"})
                    headers["mcp-session-id"] = r.headers.get("mcp-session-id", "")
                    await http.post(
                        url,
                        json={"jsonrpc": "2.0", "method": "notifications/initialized"},
                        headers={"accept": "application/json, text/event-stream", **headers},
                    )
                async with http.stream("GET", url, headers=headers) as stream:
                    R.check(
                        stream.status_code == 200 and stream.headers.get("content-type", "").startswith("text/event-stream"),
                        f"GET {url}: an event stream is open through the proxy",
                        f"status {stream.status_code}, content type {stream.headers.get('content-type')}",
                    )
                    await sigterm_proxy(t, " with a client's event stream open")
    except BaseException as e:  # noqa: BLE001
        if isinstance(e, KeyboardInterrupt):
            raise
        while isinstance(e, BaseExceptionGroup) and len(e.exceptions) == 1:
            e = e.exceptions[0]
        R.fail(f"{what}: {'timed out' if isinstance(e, TimeoutError) else f'{type(e).__name__}: {e}'}")


# =================================================================================================


def transport_missing(scenario: str, sc: Scenario) -> str:
    """Why `scenario` cannot run over sc.transport here ("" when it can)."""
    if sc.transport == "stdio":
        return ""
    if sc.transport == "http" and streamable_http_client is None:
        return "this SDK has no Streamable HTTP client (mcp.client.streamable_http)"
    if sc.transport == "sse" and sse_client is None:
        return "this SDK has no HTTP+SSE client (mcp.client.sse)"
    js = "transports/streamableHttp.js" if sc.transport == "http" else "transports/sse.js"
    if scenario == "everything" and not (sc.env.everything_entry.parent / js).exists():
        return f"this server-everything has no {sc.transport} transport (no dist/{js})"
    return ""


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("scenario", choices=["everything", "poisoned"])
    ap.add_argument("--palisade", help="the palisade binary (needed unless --direct)")
    ap.add_argument("--workdir", required=True, help="scratch directory: pins.db, audit.jsonl, stderr logs")
    ap.add_argument(
        "--direct", action="store_true", help="run the server without the proxy (a self-test of the harness)"
    )
    ap.add_argument("--policy", help="pass --policy FILE to the proxy")
    ap.add_argument(
        "--transport",
        choices=["stdio", "http", "sse"],
        default="stdio",
        help="stdio (default), http (Streamable HTTP) or sse (the older HTTP+SSE transport)",
    )
    a = ap.parse_args()
    if not a.direct and not a.palisade:
        ap.error("--palisade is required unless --direct")
    palisade = str(Path(a.palisade).resolve()) if a.palisade else None
    if palisade and not os.access(palisade, os.X_OK):
        ap.error(f"{palisade} is not an executable")
    workdir = Path(a.workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    sc = Scenario(Env.locate(), palisade, workdir, a.direct, a.policy, a.transport)
    print(
        f"drive: {a.scenario} over {a.transport} {'--direct' if a.direct else 'via ' + str(palisade)}; workdir {workdir}",
        flush=True,
    )
    missing = transport_missing(a.scenario, sc)
    if missing:
        R.skip(f"--transport {a.transport}: {missing}")
        print(f"drive: {R.summary()}", flush=True)
        return 0
    run = scenario_everything if a.scenario == "everything" else scenario_poisoned
    anyio.run(run, sc)
    print(f"drive: {R.summary()}", flush=True)
    return 1 if R.failed or not R.passed else 0


if __name__ == "__main__":
    sys.exit(main())
