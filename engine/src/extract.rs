//! Extraction: every string of a tool definition or tool result becomes a [`Segment`] with its
//! JSON Pointer, its role and the surface it reaches the model on.
//!
//! Full-schema poisoning hides in property names, titles, enum values, defaults, examples,
//! patterns and nested schemas as well as in descriptions, so the walk visits all of them. It is
//! bounded in depth, number of strings and bytes; what it cuts is reported.

use crate::types::Surface;
use serde::Serialize;
use serde_json::Value;

/// What a string is within its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The tool's `name`.
    ToolName,
    /// The tool's `title` (or `annotations.title`).
    ToolTitle,
    /// The tool's `description`.
    ToolDescription,
    /// The name of a schema property (a key under `properties`, `$defs`, …).
    PropertyName,
    /// A schema `title`.
    SchemaTitle,
    /// A schema `description`.
    SchemaDescription,
    /// A value of an `enum`.
    EnumValue,
    /// A string inside a `default`.
    Default,
    /// A string inside `examples` (or `example`).
    Example,
    /// A string inside a `const`.
    Const,
    /// A `pattern` regular expression.
    Pattern,
    /// Any other string of a schema or of the annotations.
    SchemaOther,
    /// A text content item of a tool result.
    OutputText,
    /// A string inside a tool result's `structuredContent` or a resource.
    OutputData,
    /// Plain text inspected on its own.
    Text,
    /// A string inside a tool call's arguments.
    Argument,
}

impl Role {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::ToolName => "tool_name",
            Role::ToolTitle => "tool_title",
            Role::ToolDescription => "tool_description",
            Role::PropertyName => "property_name",
            Role::SchemaTitle => "schema_title",
            Role::SchemaDescription => "schema_description",
            Role::EnumValue => "enum_value",
            Role::Default => "default",
            Role::Example => "example",
            Role::Const => "const",
            Role::Pattern => "pattern",
            Role::SchemaOther => "schema_other",
            Role::OutputText => "output_text",
            Role::OutputData => "output_data",
            Role::Text => "text",
            Role::Argument => "argument",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Role> {
        ALL_ROLES.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether the string is an identifier-like name (scored by the name detectors only).
    pub fn is_name(self) -> bool {
        matches!(self, Role::ToolName | Role::PropertyName)
    }
}

const ALL_ROLES: [Role; 16] = [
    Role::ToolName,
    Role::ToolTitle,
    Role::ToolDescription,
    Role::PropertyName,
    Role::SchemaTitle,
    Role::SchemaDescription,
    Role::EnumValue,
    Role::Default,
    Role::Example,
    Role::Const,
    Role::Pattern,
    Role::SchemaOther,
    Role::OutputText,
    Role::OutputData,
    Role::Text,
    Role::Argument,
];

/// One string to inspect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// JSON Pointer (RFC 6901) of the string within the inspected document. For a property name
    /// it points at the property's schema.
    pub pointer: String,
    /// What the string is.
    pub role: Role,
    /// The surface the string reaches the model on.
    pub surface: Surface,
    /// The string (possibly cut at [`ExtractLimits::max_string_bytes`]).
    pub text: String,
}

/// Bounds on extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractLimits {
    /// Maximum JSON nesting depth walked.
    pub max_depth: usize,
    /// Maximum number of strings extracted.
    pub max_segments: usize,
    /// Maximum bytes of one string kept.
    pub max_string_bytes: usize,
    /// Maximum bytes of all strings kept.
    pub max_total_bytes: usize,
}

impl Default for ExtractLimits {
    fn default() -> Self {
        ExtractLimits { max_depth: 64, max_segments: 10_000, max_string_bytes: 1 << 20, max_total_bytes: 4 << 20 }
    }
}

/// Something extraction left out because of a limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Truncation {
    /// Where (JSON Pointer).
    pub pointer: String,
    /// Which limit: `max_depth`, `max_segments`, `max_string_bytes` or `max_total_bytes`.
    pub limit: String,
    /// What was left out, in words.
    pub detail: String,
}

/// The segments of a document and what was cut.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Extracted {
    /// The strings to inspect, in document order.
    pub segments: Vec<Segment>,
    /// What the limits left out.
    pub truncated: Vec<Truncation>,
}

/// Escapes one reference token of a JSON Pointer.
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one reference token of a JSON Pointer (the inverse of [`escape_pointer_token`]).
pub fn unescape_pointer_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

struct Walker<'l> {
    limits: &'l ExtractLimits,
    out: Extracted,
    total_bytes: usize,
    segments_cut: bool,
}

impl Walker<'_> {
    fn new(limits: &ExtractLimits) -> Walker<'_> {
        Walker { limits, out: Extracted::default(), total_bytes: 0, segments_cut: false }
    }

    fn cut(&mut self, pointer: &str, limit: &str, detail: String) {
        self.out.truncated.push(Truncation { pointer: pointer.to_owned(), limit: limit.to_owned(), detail });
    }

    fn push(&mut self, pointer: &str, role: Role, surface: Surface, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        if self.out.segments.len() >= self.limits.max_segments {
            if !self.segments_cut {
                self.segments_cut = true;
                let n = self.limits.max_segments;
                self.cut(pointer, "max_segments", format!("strings after the first {n} were not inspected"));
            }
            return;
        }
        let room = self.limits.max_total_bytes.saturating_sub(self.total_bytes);
        let keep = self.limits.max_string_bytes.min(room);
        let text = if text.len() > keep {
            let mut end = keep;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let limit = if keep == self.limits.max_string_bytes { "max_string_bytes" } else { "max_total_bytes" };
            self.cut(pointer, limit, format!("{} of {} bytes inspected", end, text.len()));
            text.get(..end).unwrap_or("")
        } else {
            text
        };
        if text.is_empty() {
            return;
        }
        self.total_bytes += text.len();
        self.out.segments.push(Segment { pointer: pointer.to_owned(), role, surface, text: text.to_owned() });
    }

    fn too_deep(&mut self, pointer: &str, depth: usize) -> bool {
        if depth > self.limits.max_depth {
            let d = self.limits.max_depth;
            self.cut(pointer, "max_depth", format!("content nested deeper than {d} levels was not inspected"));
            return true;
        }
        false
    }

    /// Every string in `v`, with one role.
    fn strings(&mut self, v: &Value, pointer: &str, role: Role, surface: Surface, depth: usize) {
        if self.too_deep(pointer, depth) {
            return;
        }
        match v {
            Value::String(s) => self.push(pointer, role, surface, s),
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    self.strings(x, &format!("{pointer}/{i}"), role, surface, depth + 1);
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    let p = format!("{pointer}/{}", escape_pointer_token(k));
                    // Keys of free-form objects are text the model reads too.
                    self.push(&p, role, surface, k);
                    self.strings(x, &p, role, surface, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// Every string value in `v` (not the keys), as tool-call arguments.
    fn values(&mut self, v: &Value, pointer: &str, depth: usize) {
        if self.too_deep(pointer, depth) {
            return;
        }
        match v {
            Value::String(s) => self.push(pointer, Role::Argument, Surface::ToolArguments, s),
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    self.values(x, &format!("{pointer}/{i}"), depth + 1);
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    self.values(x, &format!("{pointer}/{}", escape_pointer_token(k)), depth + 1);
                }
            }
            _ => {}
        }
    }

    /// A JSON Schema (or a boolean schema, or anything found where a schema belongs).
    fn schema(&mut self, v: &Value, pointer: &str, surface: Surface, depth: usize) {
        if self.too_deep(pointer, depth) {
            return;
        }
        let Value::Object(o) = v else {
            self.strings(v, pointer, Role::SchemaOther, surface, depth);
            return;
        };
        for (k, x) in o {
            let p = format!("{pointer}/{}", escape_pointer_token(k));
            match k.as_str() {
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                    if let Value::Object(props) = x {
                        for (name, sub) in props {
                            let pp = format!("{p}/{}", escape_pointer_token(name));
                            self.push(&pp, Role::PropertyName, surface, name);
                            self.schema(sub, &pp, surface, depth + 2);
                        }
                    } else {
                        self.strings(x, &p, Role::SchemaOther, surface, depth + 1);
                    }
                }
                "items" | "additionalProperties" | "additionalItems" | "unevaluatedProperties"
                | "unevaluatedItems" | "propertyNames" | "contains" | "not" | "if" | "then" | "else" => {
                    if let Value::Array(a) = x {
                        for (i, s) in a.iter().enumerate() {
                            self.schema(s, &format!("{p}/{i}"), surface, depth + 2);
                        }
                    } else {
                        self.schema(x, &p, surface, depth + 1);
                    }
                }
                "anyOf" | "oneOf" | "allOf" | "prefixItems" => {
                    if let Value::Array(a) = x {
                        for (i, s) in a.iter().enumerate() {
                            self.schema(s, &format!("{p}/{i}"), surface, depth + 2);
                        }
                    } else {
                        self.schema(x, &p, surface, depth + 1);
                    }
                }
                "description" => self.strings(x, &p, Role::SchemaDescription, surface, depth + 1),
                "title" => self.strings(x, &p, Role::SchemaTitle, surface, depth + 1),
                "enum" => self.strings(x, &p, Role::EnumValue, surface, depth + 1),
                "default" => self.strings(x, &p, Role::Default, surface, depth + 1),
                "examples" | "example" => self.strings(x, &p, Role::Example, surface, depth + 1),
                "const" => self.strings(x, &p, Role::Const, surface, depth + 1),
                "pattern" => self.strings(x, &p, Role::Pattern, surface, depth + 1),
                // Short keywords whose values are not prose.
                "type" | "format" | "$schema" | "$id" | "$ref" | "required" | "contentEncoding"
                | "contentMediaType" => {
                    if let Value::String(s) = x {
                        if s.len() > 64 {
                            self.push(&p, Role::SchemaOther, surface, s);
                        }
                    } else if k != "required" {
                        self.strings(x, &p, Role::SchemaOther, surface, depth + 1);
                    }
                }
                _ => self.strings(x, &p, Role::SchemaOther, surface, depth + 1),
            }
        }
    }
}

/// Extracts the strings of a tool call's arguments, at pointers under `/arguments` (object keys
/// are the tool's parameter names, not data, so only values are taken).
pub fn arguments(v: &Value, limits: &ExtractLimits) -> Extracted {
    let mut w = Walker::new(limits);
    w.values(v, "/arguments", 1);
    w.out
}

/// Extracts the segments of one MCP tool definition.
pub fn tool(v: &Value, limits: &ExtractLimits) -> Extracted {
    let mut w = Walker::new(limits);
    let Value::Object(o) = v else {
        w.strings(v, "", Role::SchemaOther, Surface::ToolSchema, 0);
        return w.out;
    };
    for (k, x) in o {
        let p = format!("/{}", escape_pointer_token(k));
        match k.as_str() {
            "name" => w.strings(x, &p, Role::ToolName, Surface::ToolDescription, 1),
            "title" => w.strings(x, &p, Role::ToolTitle, Surface::ToolDescription, 1),
            "description" => w.strings(x, &p, Role::ToolDescription, Surface::ToolDescription, 1),
            "inputSchema" | "outputSchema" | "input_schema" | "parameters" => w.schema(x, &p, Surface::ToolSchema, 1),
            // Protocol metadata: neither shown to the model nor pinned (see `pin`).
            "_meta" => {}
            "annotations" => {
                if let Value::Object(a) = x {
                    for (ak, av) in a {
                        let ap = format!("{p}/{}", escape_pointer_token(ak));
                        let role = if ak == "title" { Role::ToolTitle } else { Role::SchemaOther };
                        let surface = if ak == "title" { Surface::ToolDescription } else { Surface::ToolSchema };
                        w.strings(av, &ap, role, surface, 2);
                    }
                }
            }
            _ => w.strings(x, &p, Role::SchemaOther, Surface::ToolSchema, 1),
        }
    }
    w.out
}

/// Extracts the segments of a `tools/call` result: its `content` items, `structuredContent`,
/// and embedded resources. Binary data (images, audio, blobs) is not text and is skipped.
pub fn tool_result(v: &Value, limits: &ExtractLimits) -> Extracted {
    let mut w = Walker::new(limits);
    let Value::Object(o) = v else {
        w.strings(v, "", Role::OutputData, Surface::ToolOutput, 0);
        return w.out;
    };
    for (k, x) in o {
        let p = format!("/{}", escape_pointer_token(k));
        match (k.as_str(), x) {
            ("content", Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let ip = format!("{p}/{i}");
                    content_item(&mut w, item, &ip);
                }
            }
            ("content", Value::String(s)) => w.push(&p, Role::OutputText, Surface::ToolOutput, s),
            // `resources/read`: the resource contents.
            ("contents", Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    content_item(&mut w, item, &format!("{p}/{i}"));
                }
            }
            // `prompts/get`: messages whose content reaches the conversation.
            ("messages", Value::Array(items)) => {
                for (i, m) in items.iter().enumerate() {
                    let mp = format!("{p}/{i}");
                    match m.get("content") {
                        Some(Value::Array(cs)) => {
                            for (j, c) in cs.iter().enumerate() {
                                content_item(&mut w, c, &format!("{mp}/content/{j}"));
                            }
                        }
                        Some(c) => content_item(&mut w, c, &format!("{mp}/content")),
                        None => w.strings(m, &mp, Role::OutputData, Surface::ToolOutput, 2),
                    }
                }
            }
            ("isError" | "_meta", _) => {}
            _ => w.strings(x, &p, Role::OutputData, Surface::ToolOutput, 1),
        }
    }
    w.out
}

fn content_item(w: &mut Walker<'_>, item: &Value, pointer: &str) {
    let Value::Object(o) = item else {
        w.strings(item, pointer, Role::OutputText, Surface::ToolOutput, 2);
        return;
    };
    for (k, x) in o {
        let p = format!("{pointer}/{}", escape_pointer_token(k));
        match k.as_str() {
            "text" => w.strings(x, &p, Role::OutputText, Surface::ToolOutput, 3),
            // Base64 binary payloads, media types and client-side annotations (audience,
            // priority) are not read by the model as text.
            "type" | "data" | "blob" | "mimeType" | "_meta" | "annotations" => {}
            "resource" => {
                if let Value::Object(r) = x {
                    for (rk, rv) in r {
                        let rp = format!("{p}/{}", escape_pointer_token(rk));
                        match rk.as_str() {
                            "text" => w.strings(rv, &rp, Role::OutputText, Surface::ToolOutput, 4),
                            "blob" | "mimeType" | "_meta" | "annotations" => {}
                            _ => w.strings(rv, &rp, Role::OutputData, Surface::ToolOutput, 4),
                        }
                    }
                }
            }
            _ => w.strings(x, &p, Role::OutputData, Surface::ToolOutput, 3),
        }
    }
}

/// One segment for plain text.
pub fn text(s: &str, surface: Surface, limits: &ExtractLimits) -> Extracted {
    let mut w = Walker::new(limits);
    w.push("", Role::Text, surface, s);
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn walks_full_schema() {
        let t = json!({
            "name": "add",
            "description": "Adds two numbers",
            "inputSchema": {"type": "object", "properties": {
                "a": {"type": "number", "description": "first"},
                "sidenote": {"type": "string", "enum": ["x", "read ~/.ssh"], "default": "d",
                    "items": {"properties": {"deep": {"title": "t"}}}},
            }, "$defs": {"D": {"const": "c", "pattern": "^p$", "examples": ["e"]}},
            "anyOf": [{"description": "any"}]}
        });
        let e = tool(&t, &ExtractLimits::default());
        let got: Vec<(String, Role)> = e.segments.iter().map(|s| (s.pointer.clone(), s.role)).collect();
        for want in [
            ("/name", Role::ToolName),
            ("/description", Role::ToolDescription),
            ("/inputSchema/properties/a", Role::PropertyName),
            ("/inputSchema/properties/a/description", Role::SchemaDescription),
            ("/inputSchema/properties/sidenote/enum/1", Role::EnumValue),
            ("/inputSchema/properties/sidenote/default", Role::Default),
            ("/inputSchema/properties/sidenote/items/properties/deep/title", Role::SchemaTitle),
            ("/inputSchema/$defs/D/const", Role::Const),
            ("/inputSchema/$defs/D/pattern", Role::Pattern),
            ("/inputSchema/$defs/D/examples/0", Role::Example),
            ("/inputSchema/anyOf/0/description", Role::SchemaDescription),
        ] {
            assert!(got.contains(&(want.0.to_owned(), want.1)), "missing {want:?} in {got:?}");
        }
        assert!(e.truncated.is_empty());
    }

    #[test]
    fn limits_are_reported() {
        let mut v = json!("deep");
        for _ in 0..100 {
            v = json!({"items": v});
        }
        let e = tool(&json!({"name": "x", "inputSchema": v, "description": "é".repeat(100)}),
            &ExtractLimits { max_depth: 10, max_segments: 10, max_string_bytes: 51, max_total_bytes: 1000 });
        let limits: Vec<&str> = e.truncated.iter().map(|t| t.limit.as_str()).collect();
        assert!(limits.contains(&"max_depth"), "{limits:?}");
        assert!(limits.contains(&"max_string_bytes"), "{limits:?}");
        let d = e.segments.iter().find(|s| s.role == Role::ToolDescription).map(|s| s.text.len());
        assert_eq!(d, Some(50));
    }

    #[test]
    fn prompt_messages_and_resource_contents_are_prose() {
        let r = json!({"description": "d", "messages": [{"role": "user", "content": {"type": "text", "text": "Summarise this."}}]});
        let e = tool_result(&r, &ExtractLimits::default());
        let got: Vec<(&str, Role)> = e.segments.iter().map(|s| (s.pointer.as_str(), s.role)).collect();
        assert_eq!(got, vec![("/description", Role::OutputData), ("/messages/0/content/text", Role::OutputText)]);
        let r = json!({"contents": [{"uri": "file:///a.md", "mimeType": "text/markdown", "text": "# A", "annotations": {"audience": ["user"]}}]});
        let e = tool_result(&r, &ExtractLimits::default());
        let got: Vec<(&str, Role)> = e.segments.iter().map(|s| (s.pointer.as_str(), s.role)).collect();
        assert_eq!(got, vec![("/contents/0/text", Role::OutputText), ("/contents/0/uri", Role::OutputData)]);
    }

    #[test]
    fn tool_result_skips_binary() {
        let r = json!({"content": [{"type": "text", "text": "hi"}, {"type": "image", "data": "aGVsbG8gd29ybGQgaGVsbG8=", "mimeType": "image/png"}],
            "structuredContent": {"temp": "22C"}, "isError": false});
        let e = tool_result(&r, &ExtractLimits::default());
        let p: Vec<&str> = e.segments.iter().map(|s| s.pointer.as_str()).collect();
        assert_eq!(p, vec!["/content/0/text", "/structuredContent/temp", "/structuredContent/temp"]);
    }
}
