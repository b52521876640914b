//! Policies: what to do with a score, per surface; allow and deny lists; limits; error handling.
//!
//! A policy file (TOML, documented field by field in `policies/default.toml`) is read into a
//! [`RawPolicy`] with unknown fields rejected, then compiled and validated into a [`Policy`].
//! Errors name the file and the field's path.

use crate::error::{parse_toml, Error, Result};
use crate::extract::ExtractLimits;
use crate::normalize::NormLimits;
use crate::transform::{Plan, RawTransforms, Transforms};
use crate::types::{Action, Surface};
use crate::verdict::Identity;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Built-in policies: (name, contents).
pub const BUILTIN_POLICIES: &[(&str, &str)] = &[
    ("default", include_str!("../../policies/default.toml")),
    ("strict", include_str!("../../policies/strict.toml")),
    ("permissive", include_str!("../../policies/permissive.toml")),
];

/// Score thresholds of one surface, as written. An absent threshold never fires.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Score at or above which the action is at least `warn`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn: Option<f32>,
    /// Score at or above which the action is at least `sanitize`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanitize: Option<f32>,
    /// Score at or above which the action is `block`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<f32>,
}

impl Thresholds {
    /// The action a score reaches.
    pub fn action(&self, score: f32) -> Action {
        let reached = |t: Option<f32>| t.is_some_and(|t| score >= t);
        if reached(self.block) {
            Action::Block
        } else if reached(self.sanitize) {
            Action::Sanitize
        } else if reached(self.warn) {
            Action::Warn
        } else {
            Action::Allow
        }
    }

    /// The threshold of an action.
    pub fn of(&self, action: Action) -> Option<f32> {
        match action {
            Action::Allow => Some(0.0),
            Action::Warn => self.warn,
            Action::Sanitize => self.sanitize,
            Action::Block => self.block,
        }
    }
}

/// Allow and deny lists, as written: patterns over `server/tool` with `*` wildcards.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLists {
    /// Items matching one of these are allowed whatever their score (findings are still reported).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Items matching one of these are blocked. Deny wins over allow.
    #[serde(default)]
    pub deny: Vec<String>,
}

/// Detector settings, as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDetectors {
    /// Detector ids to turn off.
    #[serde(default)]
    pub disabled: BTreeSet<String>,
    /// Weight overrides by detector id, each in [0, 1].
    #[serde(default)]
    pub weights: BTreeMap<String, f32>,
    /// Extra rule files, relative to the policy file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
}

/// Limits, as written (every field optional; defaults in `policies/default.toml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLimits {
    /// Maximum JSON nesting depth walked.
    pub max_depth: Option<usize>,
    /// Maximum number of strings inspected per item.
    pub max_segments: Option<usize>,
    /// Maximum bytes inspected of one string.
    pub max_string_bytes: Option<usize>,
    /// Maximum bytes inspected of one item.
    pub max_total_bytes: Option<usize>,
    /// How deep encoded content is decoded.
    pub max_decode_depth: Option<u8>,
    /// Maximum decoded bytes per string.
    pub max_decoded_bytes: Option<usize>,
}

/// Cache settings, as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCache {
    /// Whether verdicts are cached.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Upper bound on the cache's size in bytes.
    #[serde(default = "default_cache_bytes")]
    pub max_bytes: u64,
}

fn yes() -> bool {
    true
}

fn default_cache_bytes() -> u64 {
    64 << 20
}

impl Default for RawCache {
    fn default() -> Self {
        RawCache { enabled: true, max_bytes: default_cache_bytes() }
    }
}

/// Classifier settings, as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClassifier {
    /// Classifier probabilities below this are not reported as findings.
    #[serde(default = "default_min_score")]
    pub min_score: f32,
    /// Multiplier applied to classifier probabilities before they combine with detector evidence.
    #[serde(default = "one")]
    pub weight: f32,
    /// When the second (transformer) tier runs: `always`, `uncertain` (only on strings whose
    /// first-tier probability lies in `uncertain`), or `never`.
    #[serde(default)]
    pub transformer: TierRun,
    /// The first tier's probability band `[low, high]` in which `uncertain` escalates.
    #[serde(default = "default_band")]
    pub uncertain: [f32; 2],
}

/// When the second classifier tier runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierRun {
    /// On every string the first tier scores.
    Always,
    /// Only where the first tier is unsure.
    #[default]
    Uncertain,
    /// Never.
    Never,
}

impl TierRun {
    /// `always`, `uncertain` or `never`, as in policy files.
    pub fn as_str(self) -> &'static str {
        match self {
            TierRun::Always => "always",
            TierRun::Uncertain => "uncertain",
            TierRun::Never => "never",
        }
    }
}

fn default_band() -> [f32; 2] {
    [0.2, 0.8]
}

fn default_min_score() -> f32 {
    0.5
}

fn one() -> f32 {
    1.0
}

impl Default for RawClassifier {
    fn default() -> Self {
        RawClassifier { min_score: default_min_score(), weight: 1.0, transformer: TierRun::default(), uncertain: default_band() }
    }
}

/// MCP firewall settings, as written (`[mcp]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMcp {
    /// What happens to a tool whose definition changed since it was pinned (a rug pull):
    /// `block` (hidden and uncallable until `palisade pins approve`), `warn` (kept, reported)
    /// or `allow` (re-pinned silently).
    #[serde(default = "default_on_change")]
    pub on_tool_change: Action,
    /// Whether the audit log records the text of findings (it may contain the secrets an
    /// outbound finding is about). Off: detectors, pointers and scores only.
    #[serde(default)]
    pub audit_text: bool,
}

fn default_on_change() -> Action {
    Action::Block
}

impl Default for RawMcp {
    fn default() -> Self {
        RawMcp { on_tool_change: default_on_change(), audit_text: false }
    }
}

impl RawMcp {
    /// Whether nothing differs from the defaults (kept out of the policy digest).
    pub fn is_default(&self) -> bool {
        *self == RawMcp::default()
    }
}

/// A policy file as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    /// Policy name, shown in verdicts.
    pub name: String,
    /// What the policy is for.
    #[serde(default)]
    pub description: String,
    /// Action when inspection fails (fail closed: `block`).
    #[serde(default = "default_on_error")]
    pub on_error: Action,
    /// Least action when a limit cut the input (what was not inspected could hide a payload).
    #[serde(default = "default_on_limit")]
    pub on_limit: Action,
    /// Thresholds by surface name (`tool_description`, `tool_schema`, `tool_output`, `prompt`).
    /// Keyed by string so that an error inside names the surface in its path.
    #[serde(default)]
    pub thresholds: BTreeMap<String, Thresholds>,
    /// Allow and deny lists.
    #[serde(default)]
    pub lists: RawLists,
    /// Detector settings.
    #[serde(default)]
    pub detectors: RawDetectors,
    /// Limits.
    #[serde(default)]
    pub limits: RawLimits,
    /// Cache.
    #[serde(default)]
    pub cache: RawCache,
    /// Classifier fusion.
    #[serde(default)]
    pub classifier: RawClassifier,
    /// Which transforms (spotlighting, sanitisation) apply per surface and action.
    #[serde(default, skip_serializing_if = "RawTransforms::is_default")]
    pub transforms: RawTransforms,
    /// MCP firewall settings (pins, audit).
    #[serde(default, skip_serializing_if = "RawMcp::is_default")]
    pub mcp: RawMcp,
    /// Rules on tool-call arguments (`[[arguments]]`: allowed path roots, allowed URLs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arguments: Vec<crate::args::RawArgumentRule>,
}

fn default_on_error() -> Action {
    Action::Block
}

fn default_on_limit() -> Action {
    Action::Warn
}

/// A compiled list pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Glob(String);

impl Glob {
    fn matches(&self, s: &str) -> bool {
        glob_match(self.0.as_bytes(), s.as_bytes())
    }
}

pub(crate) fn glob_match(p: &[u8], s: &[u8]) -> bool {
    // Iterative wildcard matching with backtracking on the last `*`.
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, si));
                pi += 1;
            }
            Some(&c) if s.get(si) == Some(&c) => {
                pi += 1;
                si += 1;
            }
            _ => match star {
                Some((sp, ss)) => {
                    pi = sp + 1;
                    si = ss + 1;
                    star = Some((sp, ss + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..).is_some_and(|rest| rest.iter().all(|&c| c == b'*'))
}

/// A validated, compiled policy.
#[derive(Debug, Clone)]
pub struct Policy {
    raw: RawPolicy,
    thresholds: BTreeMap<Surface, Thresholds>,
    allow: Vec<Glob>,
    deny: Vec<Glob>,
    extra_rules: Vec<(String, String)>,
    identity: Identity,
    transforms: Transforms,
}

/// What the decision function looks at.
#[derive(Debug, Clone, Copy)]
pub struct DecisionInput<'a> {
    /// The surface whose thresholds apply.
    pub surface: Surface,
    /// The highest class score.
    pub score: f32,
    /// The strongest finding's detector, for the explanation.
    pub top: Option<&'a str>,
    /// The server, for the lists.
    pub server: Option<&'a str>,
    /// The tool, for the lists.
    pub tool: Option<&'a str>,
    /// Faults met while inspecting.
    pub errors: &'a [String],
    /// Whether a limit cut the input.
    pub truncated: bool,
}

/// How the policy decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The action.
    pub action: Action,
    /// Why, in one line.
    pub decided_by: String,
}

impl Policy {
    /// A built-in policy by name (`default`, `strict`, `permissive`).
    pub fn builtin(name: &str) -> Result<Policy> {
        let (_, text) = BUILTIN_POLICIES.iter().find(|(n, _)| *n == name).ok_or_else(|| Error::Config {
            origin: format!("`{name}`"),
            message: format!(
                "no built-in policy of that name (known: {})",
                BUILTIN_POLICIES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            ),
        })?;
        Policy::from_toml(text, &format!("builtin:{name}"), None)
    }

    /// The default policy.
    pub fn default_policy() -> Result<Policy> {
        Policy::builtin("default")
    }

    /// Reads a policy file (a path), or a built-in policy when `spec` names one and no such file
    /// exists.
    pub fn load(spec: &str) -> Result<Policy> {
        let path = Path::new(spec);
        if !path.exists() && BUILTIN_POLICIES.iter().any(|(n, _)| *n == spec) {
            return Policy::builtin(spec);
        }
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
        Policy::from_toml(&text, &path.display().to_string(), path.parent())
    }

    /// Parses and compiles a policy. `base` is the directory extra rule files are relative to.
    pub fn from_toml(text: &str, origin: &str, base: Option<&Path>) -> Result<Policy> {
        let raw: RawPolicy = parse_toml(text, origin)?;
        Policy::compile(raw, origin, base)
    }

    /// Validates and compiles a raw policy.
    pub fn compile(raw: RawPolicy, origin: &str, base: Option<&Path>) -> Result<Policy> {
        let invalid = |field: String, message: String| Error::Invalid { origin: origin.to_owned(), field, message };
        let mut thresholds = BTreeMap::new();
        for (name, t) in &raw.thresholds {
            let surface = Surface::parse(name).ok_or_else(|| {
                invalid(format!("thresholds.{name}"), "unknown surface (expected tool_description, tool_schema, tool_output, prompt or tool_arguments)".to_owned())
            })?;
            thresholds.insert(surface, *t);
            let mut last: Option<(&str, f32)> = None;
            for (name, v) in [("warn", t.warn), ("sanitize", t.sanitize), ("block", t.block)] {
                let Some(v) = v else { continue };
                let field = format!("thresholds.{surface}.{name}");
                if !(0.0..=1.0).contains(&v) {
                    return Err(invalid(field, format!("{v} is not in [0, 1]")));
                }
                if let Some((prev, pv)) = last {
                    if v < pv {
                        return Err(invalid(field, format!("{v} is below `{prev}` ({pv}); thresholds must not decrease warn → sanitize → block")));
                    }
                }
                last = Some((name, v));
            }
        }
        // Policies written before outbound inspection existed get the default's outbound
        // thresholds rather than none (secrets would otherwise never be acted on).
        thresholds.entry(Surface::ToolArguments).or_insert(Thresholds { warn: Some(0.4), sanitize: Some(0.6), block: Some(0.9) });
        if raw.mcp.on_tool_change == Action::Sanitize {
            return Err(invalid("mcp.on_tool_change".to_owned(), "one of block, warn, allow (a changed definition cannot be sanitised)".to_owned()));
        }
        for (i, r) in raw.arguments.iter().enumerate() {
            if !r.tool.contains('/') {
                return Err(invalid(format!("arguments[{i}].tool"), "a pattern has the form `server/tool` (use `*` as a wildcard)".to_owned()));
            }
            if r.allow_roots.is_empty() && r.allow_urls.is_empty() {
                return Err(invalid(format!("arguments[{i}]"), "a rule needs `allow_roots` or `allow_urls`".to_owned()));
            }
        }
        for (id, w) in &raw.detectors.weights {
            if !(0.0..=1.0).contains(w) {
                return Err(invalid(format!("detectors.weights.{id}"), format!("{w} is not in [0, 1]")));
            }
        }
        for (name, v) in [("classifier.min_score", raw.classifier.min_score), ("classifier.weight", raw.classifier.weight)] {
            if !(0.0..=1.0).contains(&v) {
                return Err(invalid(name.to_owned(), format!("{v} is not in [0, 1]")));
            }
        }
        let l = &raw.limits;
        for (name, v) in [
            ("limits.max_depth", l.max_depth),
            ("limits.max_segments", l.max_segments),
            ("limits.max_string_bytes", l.max_string_bytes),
            ("limits.max_total_bytes", l.max_total_bytes),
        ] {
            if v == Some(0) {
                return Err(invalid(name.to_owned(), "must be at least 1".to_owned()));
            }
        }
        if l.max_depth.is_some_and(|d| d > 1000) {
            return Err(invalid("limits.max_depth".to_owned(), "must be at most 1000".to_owned()));
        }
        for (name, list) in [("lists.allow", &raw.lists.allow), ("lists.deny", &raw.lists.deny)] {
            if let Some((i, _)) = list.iter().enumerate().find(|(_, p)| !p.contains('/')) {
                return Err(invalid(format!("{name}[{i}]"), "a pattern has the form `server/tool` (use `*` as a wildcard)".to_owned()));
            }
        }
        let mut extra_rules = Vec::new();
        for (i, p) in raw.detectors.rules.iter().enumerate() {
            let path = base.map_or_else(|| p.clone(), |b| b.join(p));
            let text = std::fs::read_to_string(&path).map_err(|e| {
                invalid(format!("detectors.rules[{i}]"), format!("cannot read `{}`: {e}", path.display()))
            })?;
            extra_rules.push((path.display().to_string(), text));
        }
        let mut hasher = blake3::Hasher::new();
        hasher.update(serde_json::to_string(&raw).unwrap_or_default().as_bytes());
        for (_, t) in &extra_rules {
            hasher.update(t.as_bytes());
        }
        for (_, t) in crate::detect::rules::BUILTIN_RULES {
            hasher.update(t.as_bytes());
        }
        let digest = hasher.finalize().to_hex().get(..16).unwrap_or_default().to_owned();
        let transforms = raw.transforms.compile(origin)?;
        Ok(Policy {
            transforms,
            thresholds,
            allow: raw.lists.allow.iter().cloned().map(Glob).collect(),
            deny: raw.lists.deny.iter().cloned().map(Glob).collect(),
            identity: Identity { name: raw.name.clone(), digest },
            extra_rules,
            raw,
        })
    }

    /// Name and digest (of the policy and every rule file it uses).
    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// The policy as written.
    pub fn raw(&self) -> &RawPolicy {
        &self.raw
    }

    /// Extra rule files: (origin, contents).
    pub fn extra_rules(&self) -> &[(String, String)] {
        &self.extra_rules
    }

    /// The argument rules that apply to a call of `tool` on `server`.
    pub fn argument_rules<'a>(&'a self, server: Option<&'a str>, tool: &'a str) -> impl Iterator<Item = &'a crate::args::RawArgumentRule> + 'a {
        self.raw.arguments.iter().filter(move |r| r.applies(server, tool))
    }

    /// Thresholds of a surface (none when the policy sets none: then nothing fires).
    pub fn thresholds(&self, surface: Surface) -> Thresholds {
        self.thresholds.get(&surface).copied().unwrap_or_default()
    }

    /// Extraction limits.
    pub fn extract_limits(&self) -> ExtractLimits {
        let d = ExtractLimits::default();
        let l = &self.raw.limits;
        ExtractLimits {
            max_depth: l.max_depth.unwrap_or(d.max_depth),
            max_segments: l.max_segments.unwrap_or(d.max_segments),
            max_string_bytes: l.max_string_bytes.unwrap_or(d.max_string_bytes),
            max_total_bytes: l.max_total_bytes.unwrap_or(d.max_total_bytes),
        }
    }

    /// Normalisation limits.
    pub fn norm_limits(&self) -> NormLimits {
        let d = NormLimits::default();
        let l = &self.raw.limits;
        NormLimits {
            max_decode_depth: l.max_decode_depth.unwrap_or(d.max_decode_depth),
            max_decoded_bytes: l.max_decoded_bytes.unwrap_or(d.max_decoded_bytes),
            max_layers: d.max_layers,
        }
    }

    /// The transforms (spotlighting, sanitisation) to apply to content of a surface that got an
    /// action.
    pub fn transform_plan(&self, surface: Surface, action: Action) -> Plan {
        self.transforms.plan(surface, action)
    }

    /// The list pattern matching `server/tool`, if any: `(deny?, pattern)`.
    pub fn listed(&self, server: Option<&str>, tool: Option<&str>) -> Option<(bool, &str)> {
        let key = format!("{}/{}", server.unwrap_or(""), tool.unwrap_or(""));
        if let Some(g) = self.deny.iter().find(|g| g.matches(&key)) {
            return Some((true, &g.0));
        }
        self.allow.iter().find(|g| g.matches(&key)).map(|g| (false, g.0.as_str()))
    }

    /// The decision function. It cannot fail.
    pub fn decide(&self, input: &DecisionInput<'_>) -> Decision {
        let DecisionInput { surface, score, top, server, tool, errors, truncated } = *input;
        if let Some((deny, pattern)) = self.listed(server, tool) {
            return if deny {
                Decision { action: Action::Block, decided_by: format!("deny list `{pattern}`") }
            } else {
                Decision { action: Action::Allow, decided_by: format!("allow list `{pattern}`") }
            };
        }
        if let Some(e) = errors.first() {
            return Decision { action: self.raw.on_error, decided_by: format!("on_error: {e}") };
        }
        let t = self.thresholds(surface);
        let mut action = t.action(score);
        let mut decided_by = match (action, t.of(action)) {
            (Action::Allow, _) => format!("score {score:.2} below every {surface} threshold"),
            (a, Some(th)) => format!("score {score:.2} ≥ {surface} {a} threshold {th:.2}{}", top.map(|d| format!(" ({d})")).unwrap_or_default()),
            (a, None) => a.to_string(),
        };
        if truncated && self.raw.on_limit > action {
            action = self.raw.on_limit;
            decided_by = format!("on_limit: input exceeded a limit and was not inspected whole ({decided_by})");
        }
        Decision { action, decided_by }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_policies_load() {
        for (name, _) in BUILTIN_POLICIES {
            assert!(Policy::builtin(name).is_ok(), "{name}: {:?}", Policy::builtin(name).err());
        }
    }

    #[test]
    fn globs() {
        assert!(glob_match(b"*/exec_*", b"srv/exec_shell"));
        assert!(glob_match(b"trusted/*", b"trusted/x"));
        assert!(!glob_match(b"trusted/*", b"untrusted/x"));
        assert!(glob_match(b"*", b""));
        assert!(!glob_match(b"a*b", b"acbd"));
    }

    #[test]
    fn errors_name_the_field() {
        let e = Policy::from_toml("name = \"x\"\n[thresholds.tool_output]\nwarn = 0.9\nblock = 0.5\n", "p.toml", None);
        let msg = e.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("thresholds.tool_output.block"), "{msg}");
        let e = Policy::from_toml("name = \"x\"\n[thresholds.tool_output]\nwarn = 0.9\nblok = 0.5\n", "p.toml", None);
        let msg = e.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("thresholds.tool_output") && msg.contains("blok"), "{msg}");
        let e = Policy::from_toml("name = \"x\"\non_error = \"explode\"\n", "p.toml", None);
        let msg = e.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("on_error"), "{msg}");
    }
}
