//! Text rendering helpers: colours, visible invisible characters, highlighted spans.

use super::Color;
use palisade_engine::extract::unescape_pointer_token;
use palisade_engine::normalize::{byte_offset_of_char, hidden_kind};
use palisade_engine::{Action, Finding, Role, Subject};
use std::io::IsTerminal;

/// Whether to colour output.
pub fn use_color(c: Color) -> bool {
    match c {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// ANSI styling that is a no-op when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
    pub fn bold(&self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap("2", s)
    }
    pub fn action(&self, a: Action) -> String {
        let label = format!("{:<8}", a.as_str().to_uppercase());
        match a {
            Action::Allow => self.wrap("32", &label),
            Action::Warn => self.wrap("33", &label),
            Action::Sanitize => self.wrap("35", &label),
            Action::Block => self.wrap("1;31", &label),
        }
    }
    pub fn hit(&self, s: &str) -> String {
        if self.color {
            format!("\x1b[1;31;4m{s}\x1b[0m")
        } else {
            format!("«{s}»")
        }
    }
}

/// Makes invisible and control characters visible as `⟨U+XXXX⟩`, and newlines as `⏎`.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' {
            out.push('⏎');
        } else if hidden_kind(c).is_some() || (c.is_control() && c != '\t') {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The original string a finding points at, from the inspected subject.
pub fn original_at(subject: &Subject, f: &Finding) -> Option<String> {
    let doc = match subject {
        Subject::Text { text, .. } => return Some(text.clone()),
        Subject::Tool { tool } => tool,
        Subject::ToolResult { result } => result,
        Subject::ToolCall { arguments, .. } => {
            return match arguments.pointer(f.pointer.strip_prefix("/arguments")?)? {
                serde_json::Value::String(s) => Some(s.clone()),
                _ => None,
            };
        }
    };
    if f.role == Role::PropertyName {
        let last = f.pointer.rsplit('/').next()?;
        return Some(unescape_pointer_token(last));
    }
    match doc.pointer(&f.pointer)? {
        serde_json::Value::String(s) => Some(s.clone()),
        // A key of a free-form object shares its value's pointer.
        _ => f.pointer.rsplit('/').next().map(unescape_pointer_token),
    }
}

/// `…before«match»after…` with `width` characters of context each side.
pub fn highlight(original: &str, f: &Finding, width: usize, style: Style) -> String {
    let s = f.span.start as usize;
    let e = (f.span.end as usize).max(s);
    let bs = byte_offset_of_char(original, s);
    let be = byte_offset_of_char(original, e);
    let before = original.get(..bs).unwrap_or("");
    let hit = original.get(bs..be).unwrap_or("");
    let after = original.get(be..).unwrap_or("");
    let nb = before.chars().count();
    let before: String = before.chars().skip(nb.saturating_sub(width)).collect();
    let mut hit_v = visible(hit);
    if hit_v.chars().count() > 160 {
        hit_v = hit_v.chars().take(80).chain("…".chars()).chain(hit_v.chars().skip(hit_v.chars().count() - 60)).collect();
    }
    let after_v: String = after.chars().take(width).collect();
    format!(
        "{}{}{}{}{}",
        if nb > width { "…" } else { "" },
        visible(&before),
        style.hit(&hit_v),
        visible(&after_v),
        if after.chars().count() > width { "…" } else { "" }
    )
}
