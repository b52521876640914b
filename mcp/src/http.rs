//! The HTTP proxy (feature `http`): sits in front of an MCP server that speaks Streamable HTTP
//! (revision 2025-03-26 and later) or the older HTTP+SSE transport (2024-11-05), and runs every
//! JSON-RPC message through the firewall.
//!
//! - `POST` bodies (client → server) go through [`Session::from_client`]; refused requests are
//!   answered by the proxy itself.
//! - Responses (`application/json`) and Server-Sent Event streams (`text/event-stream`, on
//!   `POST` and `GET`) go through [`Session::from_server`] message by message; an SSE event the
//!   firewall drops is left out of the stream.
//! - Anything else (`DELETE`, `202 Accepted`, other content types, the old transport's
//!   `endpoint` event) passes through.
//!
//! Paths: a request for `/` or for the upstream URL's own path goes to the upstream URL; any
//! other path (e.g. the old transport's `/messages?sessionId=…`) goes to the same path on the
//! upstream host. Firewall sessions follow the `Mcp-Session-Id` header; requests without one
//! (before `initialize`, or the old transport) share one session.
//!
//! Upstream: plain `http://` only in this build (a TLS upstream is reached through a local TLS
//! terminator); the listener is plain HTTP, meant for loopback.

use crate::error::{Error, Result};
use crate::firewall::{Firewall, Outcome, Session};
use bytes::Bytes;
use http_body::Frame;
use http_body_util::{combinators::BoxBody, BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderMap, HeaderValue, CONTENT_TYPE, HOST};
use hyper::{Method, Request, Response, StatusCode, Uri};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::{TokioExecutor, TokioIo};
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// The response body type of the proxy.
pub type Body = BoxBody<Bytes, std::io::Error>;

/// Options of the HTTP proxy.
#[derive(Debug, Clone)]
pub struct HttpOptions {
    /// The upstream MCP endpoint (`http://host:port/mcp`, or the old transport's `/sse` URL).
    pub upstream: String,
    /// Largest JSON-RPC body or SSE event accepted, in bytes.
    pub max_message_bytes: usize,
    /// How long in-flight requests may take to finish after SIGINT/SIGTERM.
    pub drain: Duration,
}

struct Upstream {
    scheme: String,
    authority: String,
    path_and_query: String,
    path: String,
}

impl Upstream {
    fn parse(url: &str) -> Result<Upstream> {
        let uri: Uri = url.parse().map_err(|e| Error::Malformed(format!("upstream `{url}`: {e}")))?;
        let scheme = uri.scheme_str().unwrap_or("http").to_owned();
        if scheme != "http" {
            return Err(Error::Malformed(format!(
                "upstream `{url}`: only http:// upstreams are supported by this build (put a local TLS terminator in front of an https:// server)"
            )));
        }
        let authority = uri.authority().map(|a| a.as_str().to_owned()).ok_or_else(|| Error::Malformed(format!("upstream `{url}` has no host")))?;
        let path_and_query = uri.path_and_query().map_or("/".to_owned(), |p| p.as_str().to_owned());
        Ok(Upstream { scheme, authority, path: uri.path().to_owned(), path_and_query })
    }

    /// Where a request for `path_and_query` goes.
    fn target(&self, req: &Uri) -> String {
        let p = req.path();
        let pq = if p == "/" || p == self.path { self.path_and_query.clone() } else { req.path_and_query().map_or(p.to_owned(), |x| x.as_str().to_owned()) };
        format!("{}://{}{}", self.scheme, self.authority, pq)
    }
}

type EventTx = mpsc::Sender<std::result::Result<Frame<Bytes>, std::io::Error>>;

struct State {
    /// The old transport's open SSE streams by the session id of their `endpoint` URL: where
    /// the proxy's own answers to POSTed messages go (that transport answers only on the
    /// stream; a POST gets 202).
    streams: Mutex<HashMap<String, EventTx>>,
    /// Turns true at shutdown: open event streams end so that the drain does not wait on them.
    closing: tokio::sync::watch::Receiver<bool>,
    fw: Firewall,
    server: String,
    upstream: Upstream,
    client: Client<HttpConnector, Full<Bytes>>,
    anonymous: Arc<Session>,
    sessions: Mutex<HashMap<String, Arc<Session>>>,
    max: usize,
}

impl State {
    fn session(&self, headers: &HeaderMap) -> Arc<Session> {
        let Some(id) = headers.get("mcp-session-id").and_then(|v| v.to_str().ok()) else {
            return self.anonymous.clone();
        };
        let Ok(mut m) = self.sessions.lock() else { return self.anonymous.clone() };
        m.entry(id.to_owned()).or_insert_with(|| Arc::new(self.fw.session(self.server.clone()))).clone()
    }
}

fn full(b: impl Into<Bytes>) -> Body {
    Full::new(b.into()).map_err(|never| match never {}).boxed()
}

fn respond(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Response<Body> {
    let mut r = Response::new(full(body));
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(content_type) {
        r.headers_mut().insert(CONTENT_TYPE, v);
    }
    r
}

fn is_hop(name: &str) -> bool {
    matches!(name, "connection" | "keep-alive" | "proxy-connection" | "transfer-encoding" | "upgrade" | "te" | "trailer" | "host" | "content-length")
}

/// Runs the proxy until SIGINT/SIGTERM, on its own runtime.
pub fn run(fw: Firewall, server: String, listen: SocketAddr, opts: HttpOptions) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| Error::io("cannot start the runtime", e))?;
    rt.block_on(async move {
        let listener = TcpListener::bind(listen).await.map_err(|e| Error::io(format!("cannot listen on {listen}"), e))?;
        eprintln!("palisade: proxying MCP over HTTP on http://{} -> {}", listener.local_addr().map_or(listen, |a| a), opts.upstream);
        serve(listener, fw, server, opts, shutdown_signal()).await
    })
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            () = term => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Serves on `listener` until `shutdown` completes, then lets in-flight requests finish (up to
/// `opts.drain`).
pub async fn serve(listener: TcpListener, fw: Firewall, server: String, opts: HttpOptions, shutdown: impl std::future::Future<Output = ()>) -> Result<()> {
    let upstream = Upstream::parse(&opts.upstream)?;
    let client = Client::builder(TokioExecutor::new()).build_http();
    let (closing_tx, closing) = tokio::sync::watch::channel(false);
    let st = Arc::new(State {
        streams: Mutex::new(HashMap::new()),
        closing,
        anonymous: Arc::new(fw.session(server.clone())),
        fw,
        server,
        upstream,
        client,
        sessions: Mutex::new(HashMap::new()),
        max: opts.max_message_bytes,
    });
    let mut tasks = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let st = st.clone();
                tasks.spawn(async move {
                    let mut closing = st.closing.clone();
                    let svc = hyper::service::service_fn(move |req| handle(req, st.clone()));
                    let conn = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), svc);
                    tokio::pin!(conn);
                    tokio::select! {
                        _ = conn.as_mut() => {}
                        _ = closing.changed() => {
                            // Finish the request in flight, then close (no keep-alive wait).
                            conn.as_mut().graceful_shutdown();
                            let _ = conn.await;
                        }
                    }
                });
            }
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
        }
    }
    drop(listener);
    let _ = closing_tx.send(true);
    let _ = tokio::time::timeout(opts.drain, async { while tasks.join_next().await.is_some() {} }).await;
    tasks.abort_all();
    Ok(())
}

async fn handle(req: Request<Incoming>, st: Arc<State>) -> std::result::Result<Response<Body>, Infallible> {
    Ok(match proxy(req, &st).await {
        Ok(r) => r,
        Err(e) => respond(StatusCode::BAD_GATEWAY, "text/plain; charset=utf-8", format!("palisade: {e}\n")),
    })
}

async fn proxy(req: Request<Incoming>, st: &Arc<State>) -> Result<Response<Body>> {
    let session = st.session(req.headers());
    let (parts, body) = req.into_parts();
    let target = st.upstream.target(&parts.uri);
    let mut body_bytes = Bytes::new();
    let mut replies: Option<Vec<u8>> = None;
    if parts.method == Method::POST {
        let collected = match Limited::new(body, st.max).collect().await {
            Ok(c) => c.to_bytes(),
            Err(e) => {
                let too_large = e.downcast_ref::<http_body_util::LengthLimitError>().is_some();
                let out = session.refuse(true, &if too_large { format!("request body exceeds the limit of {} bytes", st.max) } else { format!("cannot read the request body: {e}") });
                let status = if too_large { StatusCode::PAYLOAD_TOO_LARGE } else { StatusCode::BAD_REQUEST };
                return Ok(respond(status, "application/json", out.reply.unwrap_or_default()));
            }
        };
        let s = session.clone();
        let mut out: Outcome = tokio::task::spawn_blocking(move || s.from_client(&collected)).await.unwrap_or_default();
        // The old transport answers on the session's event stream, never in the POST's body.
        let stream = legacy_session_id(parts.uri.query()).and_then(|id| st.streams.lock().ok().and_then(|m| m.get(&id).cloned()));
        if let Some(tx) = &stream {
            if let Some(reply) = out.reply.take() {
                let _ = tx.send(Ok(Frame::data(Bytes::from(sse_event(&[], &reply))))).await;
                if out.forward.is_none() {
                    return Ok(respond(StatusCode::ACCEPTED, "text/plain", "Accepted"));
                }
            }
        }
        match (out.forward, out.reply) {
            (None, Some(reply)) => return Ok(respond(StatusCode::OK, "application/json", reply)),
            (None, None) => return Ok(respond(StatusCode::ACCEPTED, "text/plain", Bytes::new())),
            (Some(f), r) => {
                body_bytes = Bytes::from(f);
                replies = r;
            }
        }
    } else {
        // GET (an SSE stream), DELETE (end of session): no body to inspect.
        drop(body);
    }
    let mut up = Request::builder().method(parts.method.clone()).uri(&target);
    for (k, v) in &parts.headers {
        if !is_hop(k.as_str()) {
            up = up.header(k, v);
        }
    }
    let up = up.header(HOST, st.upstream.authority.as_str()).body(Full::new(body_bytes)).map_err(|e| Error::Malformed(e.to_string()))?;
    let resp = st.client.request(up).await.map_err(|e| Error::io(format!("upstream {target}"), std::io::Error::other(e)))?;
    let (rparts, rbody) = resp.into_parts();
    // A new MCP session: it gets its own firewall session (its tool gates, its pending ids).
    if let Some(id) = rparts.headers.get("mcp-session-id").and_then(|v| v.to_str().ok()) {
        if let Ok(mut m) = st.sessions.lock() {
            m.entry(id.to_owned()).or_insert_with(|| Arc::new(st.fw.session(st.server.clone())));
        }
    }
    if parts.method == Method::DELETE {
        if let (Some(id), Ok(mut m)) = (parts.headers.get("mcp-session-id").and_then(|v| v.to_str().ok()), st.sessions.lock()) {
            m.remove(id);
        }
    }
    let ctype = rparts.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
    let mut out = Response::builder().status(rparts.status);
    for (k, v) in &rparts.headers {
        if !is_hop(k.as_str()) {
            out = out.header(k, v);
        }
    }
    if ctype.starts_with("application/json") {
        let bytes = Limited::new(rbody, st.max).collect().await.map_err(|e| Error::Malformed(format!("upstream response: {e}")))?.to_bytes();
        // `202 Accepted` / a DELETE's `200` may come with a JSON content type and no body.
        if bytes.iter().all(u8::is_ascii_whitespace) && replies.is_none() {
            return out.body(full(bytes)).map_err(|e| Error::Malformed(e.to_string()));
        }
        let s = session.clone();
        let o: Outcome = tokio::task::spawn_blocking(move || s.from_server(&bytes)).await.unwrap_or_default();
        let Some(fwd) = o.forward else {
            return Ok(respond(StatusCode::BAD_GATEWAY, "text/plain; charset=utf-8", "palisade: the server's response was refused (see the audit log)\n"));
        };
        let body = match replies {
            Some(r) => merge_batches(&fwd, &r),
            None => fwd,
        };
        return out.body(full(body)).map_err(|e| Error::Malformed(e.to_string()));
    }
    if ctype.starts_with("text/event-stream") {
        let (tx, rx) = mpsc::channel::<std::result::Result<Frame<Bytes>, std::io::Error>>(32);
        if let Some(r) = replies {
            let _ = tx.send(Ok(Frame::data(Bytes::from(sse_event(&[], &r))))).await;
        }
        tokio::spawn(pump_sse(rbody, tx, session, st.clone()));
        return out.body(BoxBody::new(ChannelBody { rx })).map_err(|e| Error::Malformed(e.to_string()));
    }
    out.body(rbody.map_err(std::io::Error::other).boxed()).map_err(|e| Error::Malformed(e.to_string()))
}

/// Joins two JSON-RPC frames into one batch (a batch partly answered by the proxy).
fn merge_batches(a: &[u8], b: &[u8]) -> Vec<u8> {
    let items = |x: &[u8]| match serde_json::from_slice::<serde_json::Value>(x) {
        Ok(serde_json::Value::Array(v)) => v,
        Ok(v) => vec![v],
        Err(_) => Vec::new(),
    };
    let mut all = items(a);
    all.extend(items(b));
    serde_json::to_vec(&all).unwrap_or_default()
}

/// One SSE event: the kept fields, then `data` (one line: JSON has no raw newlines).
fn sse_event(fields: &[(&str, &str)], data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 16);
    for (k, v) in fields {
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(v.as_bytes());
        out.push(b'\n');
    }
    out.extend_from_slice(b"data: ");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\n\n");
    out
}

/// The end of the first complete event in `buf` (after its blank line).
fn event_end(buf: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i + 1 < buf.len() {
        match (buf.get(i), buf.get(i + 1), buf.get(i + 2), buf.get(i + 3)) {
            (Some(b'\n'), Some(b'\n'), _, _) => return Some(i + 2),
            (Some(b'\r'), Some(b'\n'), Some(b'\r'), Some(b'\n')) => return Some(i + 4),
            _ => i += 1,
        }
    }
    None
}

/// Runs one SSE event through the firewall: JSON-RPC messages (`message` events) are inspected;
/// other events (`endpoint`, comments, keep-alives) pass as they are. `None`: drop the event.
pub fn filter_event(raw: &[u8], session: &Session) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(raw);
    let mut fields: Vec<(&str, &str)> = Vec::new();
    let mut data: Vec<&str> = Vec::new();
    let mut event = "message";
    for line in text.lines() {
        if line.is_empty() || line.starts_with(':') {
            continue;
        }
        let (k, v) = line.split_once(':').map_or((line, ""), |(k, v)| (k, v.strip_prefix(' ').unwrap_or(v)));
        match k {
            "data" => data.push(v),
            "event" => {
                event = v;
                fields.push((k, v));
            }
            _ => fields.push((k, v)),
        }
    }
    let data = data.join("\n");
    let trimmed = data.trim_start();
    if event != "message" || !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
        return Some(raw.to_vec());
    }
    let out = session.from_server(data.as_bytes());
    out.forward.map(|f| sse_event(&fields, &f))
}

/// The session id of the old transport's message URL (`/messages?sessionId=…` or
/// `?session_id=…`).
fn legacy_session_id(query: Option<&str>) -> Option<String> {
    query?.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        matches!(k, "sessionId" | "session_id").then(|| v.to_owned())
    })
}

async fn pump_sse(mut body: Incoming, tx: EventTx, session: Arc<Session>, st: Arc<State>) {
    let max = st.max;
    let mut closing = st.closing.clone();
    let mut registered: Option<String> = None;
    let mut buf: Vec<u8> = Vec::new();
    loop {
        let frame = tokio::select! {
            f = body.frame() => f,
            _ = closing.changed() => None,
        };
        let Some(Ok(frame)) = frame else { break };
        let Ok(data) = frame.into_data() else { continue };
        buf.extend_from_slice(&data);
        while let Some(end) = event_end(&buf) {
            let ev: Vec<u8> = buf.drain(..end).collect();
            if registered.is_none() {
                registered = endpoint_session(&ev);
                if let (Some(id), Ok(mut m)) = (&registered, st.streams.lock()) {
                    m.insert(id.clone(), tx.clone());
                }
            }
            let out = tokio::task::block_in_place(|| filter_event(&ev, &session));
            if let Some(out) = out {
                if tx.send(Ok(Frame::data(Bytes::from(out)))).await.is_err() {
                    break;
                }
            }
        }
        if buf.len() > max {
            // An event larger than the limit is dropped whole, never half-inspected.
            session.refuse(false, &format!("SSE event exceeds the limit of {max} bytes"));
            buf.clear();
        }
    }
    if let (Some(id), Ok(mut m)) = (registered, st.streams.lock()) {
        m.remove(&id);
    }
}

/// The session id in an old-transport `endpoint` event (`data: /messages?sessionId=…`).
fn endpoint_session(ev: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(ev);
    if !text.lines().any(|l| l.trim() == "event: endpoint" || l.trim() == "event:endpoint") {
        return None;
    }
    let data = text.lines().find_map(|l| l.strip_prefix("data:")).map(str::trim)?;
    legacy_session_id(data.split_once('?').map(|(_, q)| q))
}

/// A response body fed by a channel.
struct ChannelBody {
    rx: mpsc::Receiver<std::result::Result<Frame<Bytes>, std::io::Error>>,
}

impl http_body::Body for ChannelBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<std::result::Result<Frame<Bytes>, std::io::Error>>> {
        self.rx.poll_recv(cx)
    }
}

#[cfg(test)]
#[allow(clippy::expect_used, reason = "test code: a failed expectation should abort the test")]
mod tests {
    use super::*;

    #[test]
    fn events_are_split_and_targets_mapped() {
        assert_eq!(event_end(b"data: x\n\nrest"), Some(9));
        assert_eq!(event_end(b"data: x\r\n\r\n"), Some(11));
        assert_eq!(event_end(b"data: x\n"), None);
        let u = Upstream::parse("http://127.0.0.1:3001/mcp").expect("url");
        assert_eq!(u.target(&"/".parse().expect("uri")), "http://127.0.0.1:3001/mcp");
        assert_eq!(u.target(&"/mcp".parse().expect("uri")), "http://127.0.0.1:3001/mcp");
        assert_eq!(u.target(&"/messages?sessionId=1".parse().expect("uri")), "http://127.0.0.1:3001/messages?sessionId=1");
        assert!(Upstream::parse("https://x.example/mcp").is_err());
        assert_eq!(endpoint_session(b"event: endpoint\ndata: /messages/?session_id=abc123\n\n").as_deref(), Some("abc123"));
        assert_eq!(endpoint_session(b"event: message\ndata: {}\n\n"), None);
        assert_eq!(legacy_session_id(Some("a=1&sessionId=xyz")).as_deref(), Some("xyz"));
    }
}
