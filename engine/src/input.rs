//! What the engine inspects: subjects, their context, and recognition of MCP message shapes.

use crate::error::{Error, Result};
use crate::types::Surface;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One thing to inspect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Subject {
    /// One MCP tool definition (`name`, `description`, `inputSchema`, `annotations`, …).
    Tool {
        /// The definition as JSON.
        tool: Value,
    },
    /// One `tools/call` result (`content`, `structuredContent`, `isError`).
    ToolResult {
        /// The result as JSON.
        result: Value,
    },
    /// A `tools/call` request the agent sends: the tool's name and its arguments (outbound:
    /// checked for secrets, sensitive file contents and the policy's argument rules).
    ToolCall {
        /// The called tool.
        name: String,
        /// The arguments as JSON (usually an object).
        arguments: Value,
    },
    /// Plain text reaching the model on a declared surface.
    Text {
        /// The text.
        text: String,
        /// Where it reaches the model.
        surface: Surface,
    },
}

impl Subject {
    /// A tool definition.
    pub fn tool(tool: Value) -> Subject {
        Subject::Tool { tool }
    }

    /// A tool result.
    pub fn tool_result(result: Value) -> Subject {
        Subject::ToolResult { result }
    }

    /// A tool call's arguments.
    pub fn tool_call(name: impl Into<String>, arguments: Value) -> Subject {
        Subject::ToolCall { name: name.into(), arguments }
    }

    /// Plain text on a surface.
    pub fn text(text: impl Into<String>, surface: Surface) -> Subject {
        Subject::Text { text: text.into(), surface }
    }

    /// The surface whose thresholds apply to the whole subject.
    pub fn surface(&self) -> Surface {
        match self {
            Subject::Tool { .. } => Surface::ToolDescription,
            Subject::ToolResult { .. } => Surface::ToolOutput,
            Subject::ToolCall { .. } => Surface::ToolArguments,
            Subject::Text { surface, .. } => *surface,
        }
    }

    /// The tool name, for a tool definition that has one.
    pub fn tool_name(&self) -> Option<&str> {
        match self {
            Subject::Tool { tool } => tool.get("name").and_then(Value::as_str),
            Subject::ToolCall { name, .. } => Some(name),
            _ => None,
        }
    }
}

/// A tool known to the caller, used to detect shadowing and lookalikes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ToolRef {
    /// The server that offers it, when known.
    #[serde(default)]
    pub server: Option<String>,
    /// The tool's name.
    pub name: String,
}

/// Where a subject comes from and what else the agent sees.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Context {
    /// The MCP server the subject comes from.
    #[serde(default)]
    pub server: Option<String>,
    /// The tool the subject belongs to (for a tool result: the tool that was called).
    #[serde(default)]
    pub tool: Option<String>,
    /// The other tools the agent can see (from this and other servers). Shared: the tools of
    /// one list all carry the same list, and cloning a context does not copy it.
    #[serde(default)]
    pub tools: std::sync::Arc<[ToolRef]>,
}

impl Context {
    /// A context naming the server and tool.
    pub fn new(server: Option<&str>, tool: Option<&str>) -> Context {
        Context { server: server.map(str::to_owned), tool: tool.map(str::to_owned), tools: std::sync::Arc::default() }
    }
}

/// A subject found in a JSON document, with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// JSON Pointer of the subject in the document ("" for the whole document).
    pub pointer: String,
    /// An id given by the document itself (a dataset row's `id`), if any.
    pub id: Option<String>,
    /// The subject.
    pub subject: Subject,
}

/// Recognises the MCP shapes a JSON document can take and returns the subjects in it:
/// a tool, an array of tools, a `tools/list` result, a JSON-RPC response carrying either, a
/// `tools/call` result, or a dataset row `{"text", "kind"}` (whose `tool_schema` text is parsed
/// as a tool when it is JSON).
///
/// Tools of one list come back in order; pass them to [`crate::Engine::inspect_tools`] to have
/// each checked against its siblings.
pub fn subjects_in(doc: &Value) -> Result<Vec<Located>> {
    let mut out = Vec::new();
    collect(doc, "", &mut out, 0)?;
    Ok(out)
}

fn is_tool(o: &serde_json::Map<String, Value>) -> bool {
    o.get("name").is_some_and(Value::is_string)
        && (o.contains_key("description") || o.contains_key("inputSchema") || o.contains_key("input_schema"))
}

fn collect(v: &Value, pointer: &str, out: &mut Vec<Located>, depth: u8) -> Result<()> {
    if depth > 4 {
        return Err(Error::Input(format!("no tool definition or tool result found at `{pointer}`")));
    }
    match v {
        Value::Array(items) => {
            if items.is_empty() {
                return Err(Error::Input("empty array: nothing to inspect".to_owned()));
            }
            for (i, x) in items.iter().enumerate() {
                collect(x, &format!("{pointer}/{i}"), out, depth + 1)?;
            }
            Ok(())
        }
        Value::Object(o) => {
            if o.contains_key("jsonrpc") || (o.contains_key("id") && (o.contains_key("result") || o.contains_key("error"))) {
                if let Some(r) = o.get("result") {
                    return collect(r, &format!("{pointer}/result"), out, depth + 1);
                }
                if let Some(e) = o.get("error") {
                    let msg = e.get("message").and_then(Value::as_str).unwrap_or("");
                    out.push(Located { pointer: format!("{pointer}/error"), id: None, subject: Subject::text(msg, Surface::ToolOutput) });
                    return Ok(());
                }
                let method = o.get("method").and_then(Value::as_str).unwrap_or("?");
                if method == "tools/call" {
                    let params = o.get("params");
                    let name = params.and_then(|p| p.get("name")).and_then(Value::as_str);
                    let Some(name) = name else {
                        return Err(Error::Input("`tools/call` request without `params.name`".to_owned()));
                    };
                    let arguments = params.and_then(|p| p.get("arguments")).cloned().unwrap_or(Value::Null);
                    out.push(Located { pointer: format!("{pointer}/params"), id: None, subject: Subject::tool_call(name, arguments) });
                    return Ok(());
                }
                return Err(Error::Input(format!("JSON-RPC `{method}` message carries no tool definition or tool result")));
            }
            if let Some(Value::Array(tools)) = o.get("tools") {
                for (i, t) in tools.iter().enumerate() {
                    out.push(Located { pointer: format!("{pointer}/tools/{i}"), id: None, subject: Subject::tool(t.clone()) });
                }
                return Ok(());
            }
            if is_tool(o) {
                out.push(Located { pointer: pointer.to_owned(), id: None, subject: Subject::tool(v.clone()) });
                return Ok(());
            }
            if o.contains_key("content") || o.contains_key("structuredContent") {
                out.push(Located { pointer: pointer.to_owned(), id: None, subject: Subject::tool_result(v.clone()) });
                return Ok(());
            }
            if let (Some(Value::String(text)), Some(kind)) = (o.get("text"), o.get("kind").and_then(Value::as_str)) {
                let surface = Surface::parse(kind)
                    .ok_or_else(|| Error::Input(format!("unknown kind `{kind}` (expected tool_description, tool_schema, tool_output or prompt)")))?;
                let id = o.get("id").and_then(|i| i.as_str().map(str::to_owned).or_else(|| Some(i.to_string()))).filter(|s| s != "null");
                let subject = match surface {
                    Surface::ToolSchema | Surface::ToolDescription => match serde_json::from_str::<Value>(text) {
                        Ok(Value::Object(t)) if is_tool(&t) => Subject::tool(Value::Object(t)),
                        _ => Subject::text(text.clone(), surface),
                    },
                    _ => Subject::text(text.clone(), surface),
                };
                out.push(Located { pointer: pointer.to_owned(), id, subject });
                return Ok(());
            }
            Err(Error::Input(format!(
                "unrecognised JSON at `{}`: expected a tool (`name` + `description`/`inputSchema`), a `tools/list` result, a tool result (`content`), a JSON-RPC response, or a row with `text` and `kind`",
                if pointer.is_empty() { "/" } else { pointer }
            )))
        }
        _ => Err(Error::Input(format!("expected a JSON object or array at `{}`", if pointer.is_empty() { "/" } else { pointer }))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn recognises_shapes() {
        let rpc = json!({"jsonrpc": "2.0", "id": 1, "result": {"tools": [{"name": "a", "description": "x"}, {"name": "b", "inputSchema": {}}]}});
        let s = subjects_in(&rpc).unwrap_or_default();
        assert_eq!(s.iter().map(|l| l.pointer.as_str()).collect::<Vec<_>>(), vec!["/result/tools/0", "/result/tools/1"]);
        let res = json!({"content": [{"type": "text", "text": "hi"}]});
        assert!(matches!(subjects_in(&res).unwrap_or_default().first().map(|l| &l.subject), Some(Subject::ToolResult { .. })));
        let row = json!({"id": "x:1", "kind": "tool_schema", "text": "{\"name\":\"t\",\"description\":\"d\"}", "label": "benign"});
        let got = subjects_in(&row).unwrap_or_default();
        assert_eq!(got.first().and_then(|l| l.id.as_deref()), Some("x:1"));
        assert!(matches!(got.first().map(|l| &l.subject), Some(Subject::Tool { .. })));
        assert!(subjects_in(&json!({"foo": 1})).is_err());
        assert!(subjects_in(&json!(3)).is_err());
    }
}
