//! JSON-RPC 2.0 framing as MCP uses it: one message or a batch per line (stdio) or per body
//! (HTTP), requests, notifications, responses and errors.

use crate::error::{Error, Result};
use serde_json::{json, Map, Value};

/// JSON-RPC error codes the firewall answers with.
pub mod code {
    /// Invalid JSON.
    pub const PARSE_ERROR: i64 = -32700;
    /// Not a valid request object.
    pub const INVALID_REQUEST: i64 = -32600;
    /// The firewall refused the request (blocked tool, blocked arguments, rug pull).
    pub const BLOCKED: i64 = -32001;
    /// The server's answer was withheld (blocked content).
    pub const WITHHELD: i64 = -32002;
}

/// One JSON-RPC message.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A request: expects a response with the same id.
    Request {
        /// The id (string or number).
        id: Value,
        /// The method.
        method: String,
        /// The params (`Null` when absent).
        params: Value,
    },
    /// A notification: no id, no response.
    Notification {
        /// The method.
        method: String,
        /// The params (`Null` when absent).
        params: Value,
    },
    /// A successful response.
    Response {
        /// The id of the request it answers.
        id: Value,
        /// The result.
        result: Value,
    },
    /// An error response.
    Error {
        /// The id of the request it answers (`Null` when the request could not be read).
        id: Value,
        /// The error object (`code`, `message`, `data`).
        error: Value,
    },
}

impl Message {
    /// Reads one message object. Strict about what MCP needs (`jsonrpc: "2.0"`, a string
    /// `method`, an id that is a string or a number), lenient about extra members.
    pub fn from_value(v: Value) -> Result<Message> {
        let Value::Object(mut o) = v else {
            return Err(Error::Malformed("a JSON-RPC message is a JSON object".to_owned()));
        };
        if o.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
            return Err(Error::Malformed("`jsonrpc` must be \"2.0\"".to_owned()));
        }
        let id = o.remove("id");
        if let Some(id) = &id {
            if !(id.is_string() || id.is_number() || id.is_null()) {
                return Err(Error::Malformed("`id` must be a string or a number".to_owned()));
            }
        }
        if let Some(m) = o.remove("method") {
            let Value::String(method) = m else {
                return Err(Error::Malformed("`method` must be a string".to_owned()));
            };
            let params = o.remove("params").unwrap_or(Value::Null);
            if !(params.is_object() || params.is_array() || params.is_null()) {
                return Err(Error::Malformed(format!("`{method}`: `params` must be an object or an array")));
            }
            return Ok(match id {
                Some(id) if !id.is_null() => Message::Request { id, method, params },
                _ => Message::Notification { method, params },
            });
        }
        let id = id.ok_or_else(|| Error::Malformed("a message without `method` is a response and needs an `id`".to_owned()))?;
        match (o.remove("result"), o.remove("error")) {
            (Some(result), None) => Ok(Message::Response { id, result }),
            (None, Some(error)) if error.is_object() => Ok(Message::Error { id, error }),
            (None, Some(_)) => Err(Error::Malformed("`error` must be an object".to_owned())),
            (Some(_), Some(_)) => Err(Error::Malformed("a response has `result` or `error`, not both".to_owned())),
            (None, None) => Err(Error::Malformed("a response needs `result` or `error`".to_owned())),
        }
    }

    /// The message as JSON.
    pub fn to_value(&self) -> Value {
        let mut o = Map::new();
        o.insert("jsonrpc".to_owned(), json!("2.0"));
        match self {
            Message::Request { id, method, params } => {
                o.insert("id".to_owned(), id.clone());
                o.insert("method".to_owned(), json!(method));
                if !params.is_null() {
                    o.insert("params".to_owned(), params.clone());
                }
            }
            Message::Notification { method, params } => {
                o.insert("method".to_owned(), json!(method));
                if !params.is_null() {
                    o.insert("params".to_owned(), params.clone());
                }
            }
            Message::Response { id, result } => {
                o.insert("id".to_owned(), id.clone());
                o.insert("result".to_owned(), result.clone());
            }
            Message::Error { id, error } => {
                o.insert("id".to_owned(), id.clone());
                o.insert("error".to_owned(), error.clone());
            }
        }
        Value::Object(o)
    }

    /// The method of a request or notification.
    pub fn method(&self) -> Option<&str> {
        match self {
            Message::Request { method, .. } | Message::Notification { method, .. } => Some(method),
            _ => None,
        }
    }

    /// An error response.
    pub fn error(id: Value, code: i64, message: impl Into<String>, data: Option<Value>) -> Message {
        let mut e = json!({"code": code, "message": message.into()});
        if let (Some(d), Some(o)) = (data, e.as_object_mut()) {
            o.insert("data".to_owned(), d);
        }
        Message::Error { id, error: e }
    }
}

/// What one line (stdio) or body (HTTP) carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    /// One message.
    Single(Message),
    /// A batch (JSON-RPC 2.0 batches; MCP 2025-03-26 allows them, later revisions dropped them).
    Batch(Vec<Message>),
}

/// Parses one frame. Invalid UTF-8, invalid JSON, an empty batch or any invalid message in a
/// batch is an error for the whole frame: nothing of it is inspected or forwarded.
pub fn parse(bytes: &[u8]) -> Result<Frame> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::Malformed(format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let v: Value = serde_json::from_str(text).map_err(|e| Error::Malformed(format!("invalid JSON: {e}")))?;
    match v {
        Value::Array(items) => {
            if items.is_empty() {
                return Err(Error::Malformed("empty batch".to_owned()));
            }
            let msgs = items
                .into_iter()
                .enumerate()
                .map(|(i, m)| Message::from_value(m).map_err(|e| Error::Malformed(format!("batch item {i}: {e}"))))
                .collect::<Result<Vec<_>>>()?;
            Ok(Frame::Batch(msgs))
        }
        other => Ok(Frame::Single(Message::from_value(other)?)),
    }
}

/// Serialises messages as one frame (a batch when there are several, or when `batch`).
pub fn encode(msgs: &[Message], batch: bool) -> Vec<u8> {
    let v = match msgs {
        [one] if !batch => one.to_value(),
        many => Value::Array(many.iter().map(Message::to_value).collect()),
    };
    serde_json::to_vec(&v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind() {
        let f = parse(br#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#).ok();
        assert!(matches!(f, Some(Frame::Single(Message::Request { method, .. })) if method == "tools/list"));
        let f = parse(br#"{"jsonrpc":"2.0","method":"notifications/tools/list_changed"}"#).ok();
        assert!(matches!(f, Some(Frame::Single(Message::Notification { .. }))));
        let f = parse(br#"{"jsonrpc":"2.0","id":"a","result":{}}"#).ok();
        assert!(matches!(f, Some(Frame::Single(Message::Response { .. }))));
        let f = parse(br#"{"jsonrpc":"2.0","id":2,"error":{"code":-1,"message":"x"}}"#).ok();
        assert!(matches!(f, Some(Frame::Single(Message::Error { .. }))));
        let f = parse(br#"[{"jsonrpc":"2.0","id":1,"method":"a"},{"jsonrpc":"2.0","method":"b"}]"#).ok();
        assert!(matches!(f, Some(Frame::Batch(v)) if v.len() == 2));
    }

    #[test]
    fn refuses_malformed_frames_whole() {
        for bad in [
            &b"not json"[..],
            b"\xff\xfe",
            b"[]",
            b"{\"id\":1,\"method\":\"x\"}",
            b"{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}",
            b"{\"jsonrpc\":\"2.0\",\"id\":1}",
            b"{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1,\"error\":{}}",
            b"[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"}, 3]",
            b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\",\"params\":3}",
        ] {
            assert!(parse(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn round_trips() {
        let m = Message::error(json!(3), code::BLOCKED, "no", Some(json!({"k": 1})));
        let back = parse(&encode(std::slice::from_ref(&m), false)).ok();
        assert_eq!(back, Some(Frame::Single(m)));
    }
}
