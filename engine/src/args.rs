//! Argument policies: per-tool rules on what a `tools/call` may carry (path arguments inside
//! allowed roots, URL arguments inside an allow-list).
//!
//! ```toml
//! [[arguments]]
//! tool = "filesystem/*"                 # `server/tool`, `*` wildcards (as in [lists])
//! allow_roots = ["/home/me/project"]    # path arguments must resolve inside one of these
//! # paths = ["path", "*_path", ...]     # which arguments hold paths (default below)
//!
//! [[arguments]]
//! tool = "*/fetch"
//! allow_urls = ["https://docs.example.com/*"]   # URL arguments must match one of these
//! # urls = ["url", "*_url", ...]        # which arguments hold URLs (default: any http(s) value)
//! ```

use crate::policy::glob_match;
use serde::{Deserialize, Serialize};

/// Argument names that hold paths, when a rule does not say.
pub const DEFAULT_PATH_ARGS: &[&str] = &[
    "path", "paths", "*_path", "*path", "file", "files", "filename", "file_name", "filepath", "dir", "directory",
    "folder", "source", "destination", "target", "root", "cwd",
];

/// One argument rule, as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArgumentRule {
    /// The tools it applies to: `server/tool` with `*` wildcards.
    pub tool: String,
    /// Roots that path arguments must resolve inside (lexically: `..` is resolved, symlinks
    /// are not). Empty: paths are not checked.
    #[serde(default)]
    pub allow_roots: Vec<String>,
    /// Argument names (last JSON Pointer token, `*` wildcards) that hold paths.
    #[serde(default)]
    pub paths: Option<Vec<String>>,
    /// Patterns (`*` wildcards) that URL arguments must match. Empty: URLs are not checked.
    #[serde(default)]
    pub allow_urls: Vec<String>,
    /// Argument names that hold URLs; default: any string value that starts with `http://`,
    /// `https://`, `ftp://` or `ws(s)://`.
    #[serde(default)]
    pub urls: Option<Vec<String>>,
}

/// What an argument rule found wrong with one argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// `policy.path_outside_root` or `policy.url_not_allowed`.
    pub detector: &'static str,
    /// One line, naming the argument and the rule.
    pub reason: String,
}

impl RawArgumentRule {
    /// Whether the rule applies to `server/tool`.
    pub fn applies(&self, server: Option<&str>, tool: &str) -> bool {
        glob_match(self.tool.as_bytes(), format!("{}/{tool}", server.unwrap_or("")).as_bytes())
    }

    /// Checks one argument string at `pointer` (under `/arguments`).
    pub fn check(&self, pointer: &str, value: &str) -> Option<Violation> {
        let name = arg_name(pointer);
        if !self.allow_roots.is_empty() {
            let is_path_arg = match &self.paths {
                Some(p) => p.iter().any(|g| glob_match(g.as_bytes(), name.as_bytes())),
                None => DEFAULT_PATH_ARGS.iter().any(|g| glob_match(g.as_bytes(), name.as_bytes())),
            };
            if is_path_arg {
                let path = value.strip_prefix("file://").unwrap_or(value);
                if !self.allow_roots.iter().any(|root| inside(path, root)) {
                    return Some(Violation {
                        detector: "policy.path_outside_root",
                        reason: format!("argument `{name}` = `{}` is outside the allowed roots ({})", cut(value), self.allow_roots.join(", ")),
                    });
                }
            }
        }
        if !self.allow_urls.is_empty() {
            let is_url_arg = match &self.urls {
                Some(u) => u.iter().any(|g| glob_match(g.as_bytes(), name.as_bytes())),
                None => {
                    let v = value.trim_start().to_ascii_lowercase();
                    ["http://", "https://", "ftp://", "ws://", "wss://"].iter().any(|s| v.starts_with(s))
                }
            };
            if is_url_arg && !self.allow_urls.iter().any(|g| glob_match(g.as_bytes(), value.trim().as_bytes())) {
                return Some(Violation {
                    detector: "policy.url_not_allowed",
                    reason: format!("argument `{name}` = `{}` is not in the allowed URLs ({})", cut(value), self.allow_urls.join(", ")),
                });
            }
        }
        None
    }
}

fn cut(s: &str) -> String {
    if s.chars().count() <= 120 {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(119).collect();
        t.push('…');
        t
    }
}

/// The argument's name: the last token of its pointer that is not an array index.
fn arg_name(pointer: &str) -> String {
    pointer
        .rsplit('/')
        .find(|t| !t.is_empty() && !t.bytes().all(|b| b.is_ascii_digit()))
        .map(crate::extract::unescape_pointer_token)
        .unwrap_or_default()
}

/// Resolves `.` and `..` lexically; a relative path is taken relative to `root`.
fn resolve(path: &str, root: &str) -> Vec<String> {
    let joined = if path.starts_with('/') || path.starts_with('~') || path.contains(":\\") {
        path.replace('\\', "/")
    } else {
        format!("{root}/{path}").replace('\\', "/")
    };
    let mut out: Vec<String> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p.to_owned()),
        }
    }
    out
}

/// Whether `path` resolves inside `root`.
fn inside(path: &str, root: &str) -> bool {
    let r = resolve(root, "/");
    let p = resolve(path.trim(), root);
    // `~` is only inside a root that is itself written with `~`.
    p.len() >= r.len() && p.iter().zip(&r).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule() -> RawArgumentRule {
        RawArgumentRule {
            tool: "fs/*".to_owned(),
            allow_roots: vec!["/home/me/project".to_owned()],
            allow_urls: vec!["https://docs.example.com/*".to_owned()],
            ..RawArgumentRule::default()
        }
    }

    #[test]
    fn paths_must_stay_inside_roots() {
        let r = rule();
        assert!(r.applies(Some("fs"), "read_file"));
        assert!(!r.applies(Some("web"), "read_file"));
        assert_eq!(r.check("/arguments/path", "/home/me/project/src/main.rs"), None);
        assert_eq!(r.check("/arguments/path", "src/main.rs"), None);
        for bad in ["/home/me/project/../.ssh/id_rsa", "~/.ssh/id_rsa", "../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "/home/me/projectx/a"] {
            let v = r.check("/arguments/path", bad);
            assert_eq!(v.map(|v| v.detector), Some("policy.path_outside_root"), "{bad}");
        }
        assert_eq!(r.check("/arguments/paths/0", "/etc/passwd").map(|v| v.detector), Some("policy.path_outside_root"));
        assert_eq!(r.check("/arguments/content", "/etc/passwd"), None, "not a path argument");
    }

    #[test]
    fn urls_must_match_the_allow_list() {
        let r = rule();
        assert_eq!(r.check("/arguments/url", "https://docs.example.com/a/b"), None);
        assert_eq!(r.check("/arguments/url", "https://evil.example/collect?d=1").map(|v| v.detector), Some("policy.url_not_allowed"));
        assert_eq!(r.check("/arguments/note", "see https://evil.example"), None, "prose mentioning a URL is not a URL argument");
    }
}
