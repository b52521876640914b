//! Between the wire and the engine: requests into subjects (with every input error named), and
//! verdicts into their protobuf form (the fields of `palisade scan --format json`).

use crate::error::{Error, Result};
use crate::proto;
use palisade_engine::{subjects_in, Action, Context, Subject, Surface, ToolRef, Verdict};
use serde_json::Value;

/// One subject of a request item, with where it sits in the item.
#[derive(Debug, Clone)]
pub struct Unit {
    /// JSON Pointer of the subject in the item ("" for the item itself).
    pub pointer: String,
    /// The tool's name, for a tool or a tool call.
    pub tool: Option<String>,
    /// What to inspect, in its context.
    pub subject: Subject,
    /// Its context.
    pub context: Context,
}

/// A request item, read.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// The subjects, in document order.
    pub units: Vec<Unit>,
    /// A rough count of model tokens (bytes / 4): the batching budget's unit.
    pub tokens: usize,
}

fn json(bytes: &[u8], what: &str) -> Result<Value> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidArgument(format!("{what}: invalid UTF-8 at byte {}", e.valid_up_to())))?;
    if text.trim().is_empty() {
        return Err(Error::InvalidArgument(format!("{what} is empty")));
    }
    serde_json::from_str(text).map_err(|e| Error::InvalidArgument(format!("{what}: invalid JSON: {e}")))
}

/// The engine surface of a protobuf surface (`None` for UNSPECIFIED or an unknown value).
pub fn surface(s: i32) -> Option<Surface> {
    Some(match proto::Surface::try_from(s).ok()? {
        proto::Surface::Unspecified => return None,
        proto::Surface::ToolDescription => Surface::ToolDescription,
        proto::Surface::ToolSchema => Surface::ToolSchema,
        proto::Surface::ToolOutput => Surface::ToolOutput,
        proto::Surface::Prompt => Surface::Prompt,
        proto::Surface::ToolArguments => Surface::ToolArguments,
    })
}

/// The protobuf action of an engine action.
pub fn action(a: Action) -> proto::Action {
    match a {
        Action::Allow => proto::Action::Allow,
        Action::Warn => proto::Action::Warn,
        Action::Sanitize => proto::Action::Sanitize,
        Action::Block => proto::Action::Block,
    }
}

/// The most subjects one item may hold (a `tools/list` of more tools is refused: each tool is
/// compared with every other, so the work grows with the square of the list).
pub const MAX_SUBJECTS: usize = 1_000;

/// The most tools a request's `context.tools` may list.
pub const MAX_CONTEXT_TOOLS: usize = 5_000;

fn context(c: Option<&proto::Context>) -> Result<Context> {
    let Some(c) = c else { return Ok(Context::default()) };
    if c.tools.len() > MAX_CONTEXT_TOOLS {
        return Err(Error::InvalidArgument(format!("context.tools lists {} tools; at most {MAX_CONTEXT_TOOLS}", c.tools.len())));
    }
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    Ok(Context {
        server: opt(&c.server),
        tool: opt(&c.tool),
        tools: c.tools.iter().map(|t| ToolRef { server: opt(&t.server), name: t.name.clone() }).collect(),
    })
}

/// Reads one request item into its subjects. Errors are `InvalidArgument` with the reason.
pub fn parse(req: &proto::InspectRequest) -> Result<Parsed> {
    use proto::inspect_request::Item;
    let ctx = context(req.context.as_ref())?;
    let item = req.item.as_ref().ok_or_else(|| {
        Error::InvalidArgument("the request has no item (set one of tool_json, tool_result_json, mcp_message_json, text, tool_call)".to_owned())
    })?;
    let one = |subject: Subject, bytes: usize| {
        let tool = subject.tool_name().map(str::to_owned);
        let mut context = ctx.clone();
        if context.tool.is_none() {
            context.tool.clone_from(&tool);
        }
        Parsed { units: vec![Unit { pointer: String::new(), tool, subject, context }], tokens: bytes / 4 + 1 }
    };
    Ok(match item {
        Item::ToolJson(b) => match json(b, "tool_json")? {
            Value::Object(o) if o.get("name").is_some_and(Value::is_string) => one(Subject::tool(Value::Object(o)), b.len()),
            _ => return Err(Error::InvalidArgument("tool_json: expected a tool definition: a JSON object with a string `name`".to_owned())),
        },
        Item::ToolResultJson(b) => match json(b, "tool_result_json")? {
            v @ Value::Object(_) => one(Subject::tool_result(v), b.len()),
            _ => return Err(Error::InvalidArgument("tool_result_json: expected a JSON object (`content`, `structuredContent`)".to_owned())),
        },
        Item::Text(t) => {
            let s = surface(t.surface).ok_or_else(|| Error::InvalidArgument("text: `surface` is required (SURFACE_TOOL_OUTPUT, …)".to_owned()))?;
            one(Subject::text(t.text.clone(), s), t.text.len())
        }
        Item::ToolCall(c) => {
            if c.name.is_empty() {
                return Err(Error::InvalidArgument("tool_call: `name` is empty".to_owned()));
            }
            let args = if c.arguments_json.is_empty() { Value::Object(Default::default()) } else { json(&c.arguments_json, "tool_call.arguments_json")? };
            one(Subject::tool_call(c.name.clone(), args), c.arguments_json.len())
        }
        Item::McpMessageJson(b) => {
            let doc = json(b, "mcp_message_json")?;
            let located = subjects_in(&doc).map_err(|e| Error::InvalidArgument(format!("mcp_message_json: {e}")))?;
            if located.len() > MAX_SUBJECTS {
                return Err(Error::InvalidArgument(format!(
                    "mcp_message_json holds {} subjects; at most {MAX_SUBJECTS} per item (split the list over several requests, passing the other tools in context.tools)",
                    located.len()
                )));
            }
            // The tools of one message are one list: each is judged with its siblings.
            let mut refs: Vec<ToolRef> = located
                .iter()
                .filter_map(|l| match &l.subject {
                    Subject::Tool { .. } => l.subject.tool_name().map(|n| ToolRef { server: ctx.server.clone(), name: n.to_owned() }),
                    _ => None,
                })
                .collect();
            let in_list = refs.len() > 1;
            refs.extend(ctx.tools.iter().cloned());
            // One list shared by every tool's context (a long list is not copied per tool).
            let refs: std::sync::Arc<[ToolRef]> = refs.into();
            let units = located
                .into_iter()
                .map(|l| {
                    let tool = l.subject.tool_name().map(str::to_owned);
                    let mut context = ctx.clone();
                    if matches!(l.subject, Subject::Tool { .. }) {
                        context.tool.clone_from(&tool);
                        if in_list {
                            context.tools = refs.clone();
                        }
                    } else if context.tool.is_none() {
                        context.tool.clone_from(&tool);
                    }
                    Unit { pointer: l.pointer, tool, subject: l.subject, context }
                })
                .collect();
            Parsed { units, tokens: b.len() / 4 + 1 }
        }
    })
}

/// The protobuf form of a verdict.
pub fn verdict(v: &Verdict) -> proto::Verdict {
    let identity = |i: &palisade_engine::Identity| proto::Identity { name: i.name.clone(), digest: i.digest.clone() };
    proto::Verdict {
        action: action(v.action) as i32,
        score: v.score,
        scores: v.scores.iter().map(|(c, s)| (c.to_string(), *s)).collect(),
        findings: v
            .findings
            .iter()
            .map(|f| proto::Finding {
                detector: f.detector.clone(),
                class: f.class.to_string(),
                score: f.score,
                pointer: f.pointer.clone(),
                role: f.role.as_str().to_owned(),
                surface: f.surface.as_str().to_owned(),
                span: Some(proto::Span { start: f.span.start, end: f.span.end }),
                text: f.text.clone(),
                reason: f.reason.clone(),
                layer: f.layer.map(|l| l.as_str().to_owned()).unwrap_or_default(),
                decoded: f.decoded.clone().unwrap_or_default(),
                tags: f.tags.clone(),
            })
            .collect(),
        findings_omitted: u32::try_from(v.findings_omitted).unwrap_or(u32::MAX),
        decided_by: v.decided_by.clone(),
        surface: v.surface.as_str().to_owned(),
        truncated: v.truncated.iter().map(|t| proto::Truncation { pointer: t.pointer.clone(), limit: t.limit.clone(), detail: t.detail.clone() }).collect(),
        errors: v.errors.clone(),
        cached: v.cached,
        model: v.model.as_ref().map(identity),
        policy: Some(identity(&v.policy)),
        elapsed_us: v.elapsed_us,
    }
}

/// The response to one item: its verdicts, in order, and the most severe action.
pub fn response(id: &str, units: &[Unit], verdicts: &[std::sync::Arc<Verdict>]) -> proto::InspectResponse {
    let worst = verdicts.iter().map(|v| v.action).max().unwrap_or(Action::Allow);
    proto::InspectResponse {
        id: id.to_owned(),
        action: action(worst) as i32,
        results: units
            .iter()
            .zip(verdicts)
            .map(|(u, v)| proto::SubjectVerdict { pointer: u.pointer.clone(), tool: u.tool.clone().unwrap_or_default(), verdict: Some(verdict(v)) })
            .collect(),
        error: None,
    }
}

/// The response to an item that failed (batch and stream).
pub fn error_response(id: &str, e: &Error) -> proto::InspectResponse {
    proto::InspectResponse {
        id: id.to_owned(),
        action: proto::Action::Unspecified as i32,
        results: Vec::new(),
        error: Some(proto::ItemError { code: e.code_name().to_owned(), message: e.to_string() }),
    }
}
