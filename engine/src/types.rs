//! Small shared vocabulary: surfaces, classes, actions.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a piece of text reaches the model from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Surface {
    /// A tool's name, title or description.
    ToolDescription,
    /// Any other string of a tool definition: input/output schema, annotations.
    ToolSchema,
    /// What a tool returned (`tools/call` result).
    ToolOutput,
    /// A user or system prompt.
    Prompt,
    /// What the agent sends to a tool (`tools/call` arguments): outbound, checked for secrets
    /// and argument policies rather than for instructions.
    ToolArguments,
}

impl Surface {
    /// All surfaces, in a stable order.
    pub const ALL: [Surface; 5] = [
        Surface::ToolDescription,
        Surface::ToolSchema,
        Surface::ToolOutput,
        Surface::Prompt,
        Surface::ToolArguments,
    ];

    /// The snake_case name used in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Surface::ToolDescription => "tool_description",
            Surface::ToolSchema => "tool_schema",
            Surface::ToolOutput => "tool_output",
            Surface::Prompt => "prompt",
            Surface::ToolArguments => "tool_arguments",
        }
    }

    /// Whether the surface is tool metadata (read before any call).
    pub fn is_tool_metadata(self) -> bool {
        matches!(self, Surface::ToolDescription | Surface::ToolSchema)
    }

    /// Whether the text flows from the agent to a tool (not into the model's context).
    pub fn is_outbound(self) -> bool {
        self == Surface::ToolArguments
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Surface> {
        Surface::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Surface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A class of threat, scored separately in every verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Hidden instructions in tool metadata (descriptions, schemas).
    ToolPoisoning,
    /// Instructions injected into tool outputs or prompts.
    PromptInjection,
    /// Moving sensitive data to a destination outside the user's control.
    Exfiltration,
    /// Techniques that hide content from humans or filters.
    Evasion,
    /// A tool steering how other tools are used, or impersonating them.
    Shadowing,
}

impl Class {
    /// All classes, in a stable order.
    pub const ALL: [Class; 5] = [
        Class::ToolPoisoning,
        Class::PromptInjection,
        Class::Exfiltration,
        Class::Evasion,
        Class::Shadowing,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::ToolPoisoning => "tool_poisoning",
            Class::PromptInjection => "prompt_injection",
            Class::Exfiltration => "exfiltration",
            Class::Evasion => "evasion",
            Class::Shadowing => "shadowing",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The injection class that fits a surface: tool poisoning on tool metadata,
    /// prompt injection on outputs and prompts.
    pub fn injection_for(surface: Surface) -> Class {
        if surface.is_tool_metadata() {
            Class::ToolPoisoning
        } else {
            Class::PromptInjection
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the caller should do with the inspected content, in increasing order of severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Let it through.
    #[default]
    Allow,
    /// Let it through and tell someone.
    Warn,
    /// Let a cleaned version through (hidden characters removed, flagged spans neutralised).
    Sanitize,
    /// Do not let it reach the model.
    Block,
}

impl Action {
    /// All actions, least severe first.
    pub const ALL: [Action; 4] = [Action::Allow, Action::Warn, Action::Sanitize, Action::Block];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Allow => "allow",
            Action::Warn => "warn",
            Action::Sanitize => "sanitize",
            Action::Block => "block",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
