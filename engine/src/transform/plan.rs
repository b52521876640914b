//! Transform plans: which transforms the policy applies, per surface and per action.
//!
//! The `[transforms]` table of a policy file (documented in `policies/default.toml`) is read
//! into a [`RawTransforms`], then validated and compiled into [`Transforms`], from which
//! [`crate::Policy::transform_plan`] hands out the [`Plan`] for a surface and an action.

use super::{Datamarker, Delimiter, Encoder, Encoding, Neutralize, Comments, Sanitizer, Streamer, Transformed};
use super::datamark::{DEFAULT_DENSE_INTERVAL, DEFAULT_MARKER};
use super::sanitize::DEFAULT_MIN_SCORE;
use crate::error::{Error, Result};
use crate::types::{Action, Surface};
use crate::verdict::{Finding, Verdict};
use serde::de::{self, IntoDeserializer, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One transform of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// [`Sanitizer`]: hidden characters, comments, flagged spans. Must come first.
    Sanitize,
    /// [`Delimiter`] with a random nonce.
    Delimit,
    /// [`Datamarker`].
    Datamark,
    /// [`Encoder`].
    Encode,
}

impl Step {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Sanitize => "sanitize",
            Step::Delimit => "delimit",
            Step::Datamark => "datamark",
            Step::Encode => "encode",
        }
    }
}

struct StepsVisitor;

impl<'de> Visitor<'de> for StepsVisitor {
    type Value = Vec<Step>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a transform (sanitize, delimit, datamark, encode) or a list of them")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Vec<Step>, E> {
        let d: de::value::StrDeserializer<'_, E> = v.into_deserializer();
        Step::deserialize(d).map(|s| vec![s])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Vec<Step>, A::Error> {
        let mut v = Vec::new();
        while let Some(s) = seq.next_element()? {
            v.push(s);
        }
        Ok(v)
    }
}

fn steps<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Vec<Step>>, D::Error> {
    d.deserialize_any(StepsVisitor).map(Some)
}

/// The transforms of one surface by action, as written: each a step name or a list of steps
/// (`[]` for none). Absent: nothing, except `sanitize = "sanitize"`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActionPlans {
    /// Steps for allowed content.
    #[serde(default, deserialize_with = "steps", skip_serializing_if = "Option::is_none")]
    pub allow: Option<Vec<Step>>,
    /// Steps for content let through with a warning.
    #[serde(default, deserialize_with = "steps", skip_serializing_if = "Option::is_none")]
    pub warn: Option<Vec<Step>>,
    /// Steps for content to sanitise.
    #[serde(default, deserialize_with = "steps", skip_serializing_if = "Option::is_none")]
    pub sanitize: Option<Vec<Step>>,
    /// Steps for blocked content: must be empty (blocked content never reaches the model).
    #[serde(default, deserialize_with = "steps", skip_serializing_if = "Option::is_none")]
    pub block: Option<Vec<Step>>,
}

impl RawActionPlans {
    fn steps(&self, action: Action) -> Vec<Step> {
        let written = match action {
            Action::Allow => &self.allow,
            Action::Warn => &self.warn,
            Action::Sanitize => &self.sanitize,
            Action::Block => &self.block,
        };
        written.clone().unwrap_or_else(|| if action == Action::Sanitize { vec![Step::Sanitize] } else { Vec::new() })
    }
}

fn default_marker() -> char {
    DEFAULT_MARKER
}

fn yes() -> bool {
    true
}

fn default_interval() -> u32 {
    DEFAULT_DENSE_INTERVAL
}

fn default_min_score() -> f32 {
    DEFAULT_MIN_SCORE
}

/// Datamarking settings, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDatamark {
    /// The marker character.
    #[serde(default = "default_marker")]
    pub marker: char,
    /// Whether whitespace runs holding a line break stay visible after the marker.
    #[serde(default = "yes")]
    pub preserve_newlines: bool,
    /// A marker every this many Han, kana or Hangul characters written without spaces (0: never).
    #[serde(default = "default_interval")]
    pub dense_interval: u32,
}

impl Default for RawDatamark {
    fn default() -> Self {
        RawDatamark { marker: DEFAULT_MARKER, preserve_newlines: true, dense_interval: DEFAULT_DENSE_INTERVAL }
    }
}

/// Encoding settings, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEncode {
    /// `base64` or `rot13`.
    #[serde(default)]
    pub scheme: Encoding,
}

/// Sanitisation settings, as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSanitize {
    /// `redact` or `defang`.
    #[serde(default)]
    pub neutralize: Neutralize,
    /// `keep`, `flagged` or `all`.
    #[serde(default)]
    pub comments: Comments,
    /// Findings at least this strong are neutralised, in [0, 1].
    #[serde(default = "default_min_score")]
    pub min_score: f32,
}

impl Default for RawSanitize {
    fn default() -> Self {
        RawSanitize { neutralize: Neutralize::default(), comments: Comments::default(), min_score: DEFAULT_MIN_SCORE }
    }
}

/// The `[transforms]` table of a policy, as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTransforms {
    /// Datamarking settings.
    #[serde(default)]
    pub datamark: RawDatamark,
    /// Encoding settings.
    #[serde(default)]
    pub encode: RawEncode,
    /// Sanitisation settings.
    #[serde(default)]
    pub sanitize: RawSanitize,
    /// Plans for tool names, titles and descriptions.
    #[serde(default)]
    pub tool_description: RawActionPlans,
    /// Plans for other tool-definition strings.
    #[serde(default)]
    pub tool_schema: RawActionPlans,
    /// Plans for tool outputs.
    #[serde(default)]
    pub tool_output: RawActionPlans,
    /// Plans for prompts.
    #[serde(default)]
    pub prompt: RawActionPlans,
    /// Plans for tool-call arguments (outbound): `sanitize` redacts flagged spans (secrets).
    #[serde(default)]
    pub tool_arguments: RawActionPlans,
}

/// Checks the order of a plan's steps: no repeats, sanitisation first (it works on the spans of
/// the original text).
fn check_steps(steps: &[Step]) -> std::result::Result<(), String> {
    for (i, s) in steps.iter().enumerate() {
        if steps.get(..i).is_some_and(|before| before.contains(s)) {
            return Err(format!("`{}` appears twice", s.as_str()));
        }
        if *s == Step::Sanitize && i > 0 {
            return Err("`sanitize` must come first (it works on the spans of the original text)".to_owned());
        }
    }
    Ok(())
}

impl RawTransforms {
    /// Whether nothing differs from the defaults (then the table is left out of the policy's
    /// digest, so policies written before it keep theirs).
    pub fn is_default(&self) -> bool {
        *self == RawTransforms::default()
    }

    fn surface(&self, surface: Surface) -> &RawActionPlans {
        match surface {
            Surface::ToolDescription => &self.tool_description,
            Surface::ToolSchema => &self.tool_schema,
            Surface::ToolOutput => &self.tool_output,
            Surface::Prompt => &self.prompt,
            Surface::ToolArguments => &self.tool_arguments,
        }
    }

    /// Validates and compiles the table. Errors name the field (`transforms.…`).
    pub fn compile(&self, origin: &str) -> Result<Transforms> {
        let invalid = |field: &str, message: String| Error::Invalid { origin: origin.to_owned(), field: format!("transforms.{field}"), message };
        let d = &self.datamark;
        let datamarker = Datamarker::new(d.marker)
            .map_err(|e| invalid("datamark.marker", e.to_string()))?
            .preserve_newlines(d.preserve_newlines)
            .dense_interval(d.dense_interval);
        let s = &self.sanitize;
        if !(0.0..=1.0).contains(&s.min_score) {
            return Err(invalid("sanitize.min_score", format!("{} is not in [0, 1]", s.min_score)));
        }
        let sanitizer = Sanitizer { neutralize: s.neutralize, comments: s.comments, min_score: s.min_score };
        let mut plans = BTreeMap::new();
        for surface in Surface::ALL {
            for action in Action::ALL {
                let steps = self.surface(surface).steps(action);
                let field = format!("{surface}.{action}");
                check_steps(&steps).map_err(|m| invalid(&field, m))?;
                if action == Action::Block && !steps.is_empty() {
                    return Err(invalid(&field, "blocked content never reaches the model: use `[]`".to_owned()));
                }
                plans.insert((surface, action), steps);
            }
        }
        Ok(Transforms { datamarker, encoder: Encoder::new(self.encode.scheme), sanitizer, plans })
    }
}

/// The compiled `[transforms]` table of a policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Transforms {
    datamarker: Datamarker,
    encoder: Encoder,
    sanitizer: Sanitizer,
    plans: BTreeMap<(Surface, Action), Vec<Step>>,
}

impl Default for Transforms {
    fn default() -> Self {
        let plans = Surface::ALL
            .into_iter()
            .flat_map(|s| Action::ALL.into_iter().map(move |a| ((s, a), RawActionPlans::default().steps(a))))
            .collect();
        Transforms { datamarker: Datamarker::default(), encoder: Encoder::default(), sanitizer: Sanitizer::default(), plans }
    }
}

impl Transforms {
    /// The plan for a surface and an action.
    pub fn plan(&self, surface: Surface, action: Action) -> Plan {
        Plan {
            steps: self.plans.get(&(surface, action)).cloned().unwrap_or_default(),
            datamarker: self.datamarker,
            encoder: self.encoder,
            sanitizer: self.sanitizer,
        }
    }
}

/// The transforms to apply to one text, in order, with their settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    steps: Vec<Step>,
    datamarker: Datamarker,
    encoder: Encoder,
    sanitizer: Sanitizer,
}

impl Plan {
    /// A plan with default settings. Fails when a step repeats or `sanitize` is not first.
    ///
    /// ```
    /// use palisade_engine::transform::{Plan, Step};
    /// assert!(Plan::new(vec![Step::Sanitize, Step::Datamark]).is_ok());
    /// assert!(Plan::new(vec![Step::Datamark, Step::Sanitize]).is_err());
    /// ```
    pub fn new(steps: Vec<Step>) -> Result<Plan> {
        check_steps(&steps).map_err(Error::Transform)?;
        Ok(Plan { steps, datamarker: Datamarker::default(), encoder: Encoder::default(), sanitizer: Sanitizer::default() })
    }

    /// The same plan with other datamarking settings.
    #[must_use]
    pub fn with_datamarker(mut self, d: Datamarker) -> Plan {
        self.datamarker = d;
        self
    }

    /// The same plan with another encoding.
    #[must_use]
    pub fn with_encoder(mut self, e: Encoder) -> Plan {
        self.encoder = e;
        self
    }

    /// The same plan with other sanitisation settings.
    #[must_use]
    pub fn with_sanitizer(mut self, s: Sanitizer) -> Plan {
        self.sanitizer = s;
        self
    }

    /// The datamarking settings.
    pub fn datamarker(&self) -> &Datamarker {
        &self.datamarker
    }

    /// The encoding.
    pub fn encoder(&self) -> &Encoder {
        &self.encoder
    }

    /// The sanitisation settings.
    pub fn sanitizer(&self) -> &Sanitizer {
        &self.sanitizer
    }

    /// The steps, in order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Whether the plan leaves the text as it is.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Applies the plan to a text; `findings` (spans in `text`'s characters) say what
    /// sanitisation neutralises.
    ///
    /// ```
    /// use palisade_engine::transform::{Datamarker, Plan, Step};
    /// use palisade_engine::Span;
    /// let plan = Plan::new(vec![Step::Sanitize, Step::Datamark])?.with_datamarker(Datamarker::new('^')?);
    /// let t = plan.apply("Hi\u{200B} there", &[]);
    /// assert_eq!(t.text, "Hi^there");
    /// assert_eq!(t.changes.len(), 1);
    /// assert!(t.instruction.contains("security filter") && t.instruction.contains("datamarked"));
    /// # Ok::<(), palisade_engine::Error>(())
    /// ```
    pub fn apply(&self, text: &str, findings: &[Finding]) -> Transformed {
        let mut out = Transformed { text: text.to_owned(), ..Transformed::default() };
        for step in &self.steps {
            let next = match step {
                Step::Sanitize => self.sanitizer.sanitize(&out.text, findings),
                Step::Delimit => Delimiter::random().transform(&out.text),
                Step::Datamark => self.datamarker.transform(&out.text),
                Step::Encode => self.encoder.transform(&out.text),
            };
            out = out.then(next);
        }
        out
    }

    /// A streaming version of the plan, or `None` when it sanitises (sanitisation needs the
    /// whole text's findings).
    pub fn streamer(&self) -> Option<Streamer> {
        let mut list = Vec::with_capacity(self.steps.len());
        for step in &self.steps {
            list.push(match step {
                Step::Sanitize => return None,
                Step::Delimit => Delimiter::random().streamer(),
                Step::Datamark => self.datamarker.streamer(),
                Step::Encode => self.encoder.streamer(),
            });
        }
        Some(Streamer::chain(list))
    }
}

impl crate::Engine {
    /// Applies the policy's transform plan for a verdict to the plain text it judged
    /// (`Subject::Text`): sanitisation neutralises the verdict's findings about that text. `None`
    /// when the verdict blocks: then nothing may reach the model.
    ///
    /// ```
    /// use palisade_engine::{Context, Engine, Policy, Subject, Surface};
    /// let engine = Engine::new(Policy::builtin("strict")?)?;
    /// let text = "Seoul: sunny, 21 °C";
    /// let verdict = engine.inspect(&Subject::text(text, Surface::ToolOutput), &Context::default());
    /// let shown = engine.protect(text, &verdict).map(|t| t.text);
    /// // The strict policy datamarks every tool output.
    /// assert_eq!(shown.as_deref(), Some("Seoul:\u{E000}sunny,\u{E000}21\u{E000}°C"));
    /// # Ok::<(), palisade_engine::Error>(())
    /// ```
    pub fn protect(&self, text: &str, verdict: &Verdict) -> Option<Transformed> {
        if verdict.action == Action::Block {
            return None;
        }
        let findings: Vec<Finding> = verdict.findings.iter().filter(|f| f.pointer.is_empty()).cloned().collect();
        Some(self.policy().transform_plan(verdict.surface, verdict.action).apply(text, &findings))
    }
}

/// A JSON subject after its policy's transform plan: what to pass on instead of the original.
#[derive(Debug, Clone, PartialEq)]
pub struct Protected {
    /// The transformed subject (same shape as the original).
    pub subject: crate::Subject,
    /// The steps that changed at least one string.
    pub steps: Vec<Step>,
    /// The system-prompt sentence (English) for the transformed strings; empty when none.
    pub instruction: String,
    /// How many strings changed.
    pub changed: usize,
}

impl crate::Engine {
    /// Applies the policy's transform plan to every string of a subject, JSON or text, at the
    /// pointers where the engine read it: prose read by the model (tool-output texts, plain
    /// text) gets the whole plan; structured data (`structuredContent`, schema strings,
    /// arguments) gets only its sanitisation step, so that values keep their meaning for
    /// programs. `None` when the verdict blocks.
    ///
    /// ```
    /// use palisade_engine::{Context, Engine, Policy, Subject};
    /// let engine = Engine::new(Policy::default_policy()?)?;
    /// let call = Subject::tool_call("send", serde_json::json!({"to": "a@b.c", "body": "token: ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123"}));
    /// let verdict = engine.inspect(&call, &Context::default());
    /// let out = engine.protect_subject(&call, &verdict).expect("not blocked");
    /// let palisade_engine::Subject::ToolCall { arguments, .. } = out.subject else { unreachable!() };
    /// assert_eq!(arguments["body"], "token: [redacted: secret.api_token]");
    /// # Ok::<(), palisade_engine::Error>(())
    /// ```
    pub fn protect_subject(&self, subject: &crate::Subject, verdict: &Verdict) -> Option<Protected> {
        use crate::extract::Role;
        use crate::Subject;
        if verdict.action == Action::Block {
            return None;
        }
        let plan = self.policy().transform_plan(verdict.surface, verdict.action);
        if let Subject::Text { text, surface } = subject {
            let t = self.protect(text, verdict)?;
            let changed = usize::from(t.text != *text);
            return Some(Protected { subject: Subject::text(t.text, *surface), steps: plan.steps().to_vec(), instruction: t.instruction, changed });
        }
        let sanitize_only = Plan { steps: plan.steps.iter().copied().filter(|s| *s == Step::Sanitize).collect(), ..plan.clone() };
        let mut out = subject.clone();
        let root = match &mut out {
            Subject::Tool { tool } => tool,
            Subject::ToolResult { result } => result,
            Subject::ToolCall { arguments, .. } => arguments,
            Subject::Text { .. } => return None,
        };
        let prefix = if matches!(subject, Subject::ToolCall { .. }) { "/arguments" } else { "" };
        let mut steps: Vec<Step> = Vec::new();
        let mut instruction = String::new();
        let mut changed = 0;
        for seg in self.extract_segments(subject) {
            let Some(rel) = seg.pointer.strip_prefix(prefix) else { continue };
            let Some(serde_json::Value::String(current)) = root.pointer_mut(rel) else { continue };
            // A key of a free-form object shares its value's pointer: only values are rewritten.
            if !current.starts_with(seg.text.as_str()) {
                continue;
            }
            let prose = matches!(seg.role, Role::OutputText | Role::Text);
            let p = if prose { &plan } else { &sanitize_only };
            if p.is_empty() {
                continue;
            }
            let findings: Vec<Finding> = verdict.findings.iter().filter(|f| f.pointer == seg.pointer).cloned().collect();
            let t = p.apply(current, &findings);
            if t.text != *current {
                changed += 1;
                for s in p.steps() {
                    if !steps.contains(s) {
                        steps.push(*s);
                    }
                }
                if instruction.is_empty() || (prose && instruction.len() < t.instruction.len()) {
                    instruction = t.instruction;
                }
                *current = t.text;
            }
        }
        Some(Protected { subject: out, steps, instruction, changed })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    fn error_of(toml: &str) -> String {
        Policy::from_toml(&format!("name = \"x\"\n{toml}"), "p.toml", None).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn transform_plans_from_builtin_policies() -> Result<()> {
        let strict = Policy::builtin("strict")?;
        assert_eq!(strict.transform_plan(Surface::ToolOutput, Action::Allow).steps(), [Step::Datamark]);
        assert_eq!(strict.transform_plan(Surface::ToolOutput, Action::Sanitize).steps(), [Step::Sanitize, Step::Datamark]);
        assert!(strict.transform_plan(Surface::ToolOutput, Action::Block).is_empty());
        let default = Policy::default_policy()?;
        assert!(default.transform_plan(Surface::ToolOutput, Action::Allow).is_empty());
        assert_eq!(default.transform_plan(Surface::ToolOutput, Action::Warn).steps(), [Step::Datamark]);
        // Left out: `sanitize` sanitises.
        assert_eq!(default.transform_plan(Surface::Prompt, Action::Sanitize).steps(), [Step::Sanitize]);
        let permissive = Policy::builtin("permissive")?;
        assert_eq!(permissive.transform_plan(Surface::ToolOutput, Action::Sanitize).steps(), [Step::Sanitize]);
        Ok(())
    }

    #[test]
    fn transform_settings_are_read() -> Result<()> {
        let p = Policy::from_toml(
            "name = \"x\"\n[transforms.datamark]\nmarker = \"^\"\n[transforms.prompt]\nwarn = [\"datamark\", \"delimit\"]\n",
            "p.toml",
            None,
        )?;
        let t = p.transform_plan(Surface::Prompt, Action::Warn).apply("a b", &[]);
        assert!(t.text.contains("a^b") && t.text.starts_with("<<untrusted "), "{}", t.text);
        Ok(())
    }

    #[test]
    fn transform_errors_name_the_field() {
        let e = error_of("[transforms.tool_output]\nsanitize = [\"datamark\", \"sanitize\"]\n");
        assert!(e.contains("transforms.tool_output.sanitize") && e.contains("first"), "{e}");
        let e = error_of("[transforms.tool_output]\nblock = \"datamark\"\n");
        assert!(e.contains("transforms.tool_output.block"), "{e}");
        let e = error_of("[transforms.tool_output]\nwarn = [\"datamark\", \"datamark\"]\n");
        assert!(e.contains("twice"), "{e}");
        let e = error_of("[transforms.tool_output]\nalow = []\n");
        assert!(e.contains("transforms.tool_output") && e.contains("alow"), "{e}");
        let e = error_of("[transforms.tool_output]\nwarn = \"spotlight\"\n");
        assert!(e.contains("transforms.tool_output.warn") && e.contains("spotlight"), "{e}");
        let e = error_of("[transforms.datamark]\nmarker = \" \"\n");
        assert!(e.contains("transforms.datamark.marker"), "{e}");
        let e = error_of("[transforms.sanitize]\nmin_score = 2.0\n");
        assert!(e.contains("transforms.sanitize.min_score"), "{e}");
    }
}
