//! The engine's error type.

use std::path::PathBuf;

/// Everything that can go wrong while building an engine or loading its configuration.
///
/// Inspection itself never returns this type: [`crate::Engine::inspect`] is total and turns
/// internal faults into decisions through the policy's `on_error`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A configuration file could not be read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A TOML document did not parse or did not fit the expected shape.
    #[error("{origin}: {message}")]
    Config {
        /// Where the document came from (a path or a built-in name).
        origin: String,
        /// What is wrong, with the field path when known.
        message: String,
    },
    /// A value passed validation of its shape but not of its meaning.
    #[error("{origin}: field `{field}`: {message}")]
    Invalid {
        /// Where the document came from.
        origin: String,
        /// Dotted path of the offending field.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A detector pattern is not a valid regular expression.
    #[error("rule `{rule}`: invalid pattern: {source}")]
    Pattern {
        /// The rule id.
        rule: String,
        /// The regex error.
        #[source]
        source: Box<regex::Error>,
    },
    /// A JSON input could not be understood.
    #[error("{0}")]
    Input(String),
    /// A transform could not be set up or undone (a bad marker, text that is not the output of
    /// the transform, a streamed delimiter whose nonce the content contained).
    #[error("transform: {0}")]
    Transform(String),
    /// A classifier failed.
    #[error("classifier `{model}` failed: {message}")]
    Classifier {
        /// The model identity.
        model: String,
        /// What went wrong.
        message: String,
    },
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Deserialises a TOML document, with the failing field's path in the error
/// (`field \`thresholds.tool_output.warn\`: …`). Raw configuration types reject unknown fields.
pub fn parse_toml<T: serde::de::DeserializeOwned>(text: &str, origin: &str) -> Result<T> {
    let de = toml::Deserializer::new(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let message = e.inner().message().trim().to_owned();
        Error::Config {
            origin: origin.to_owned(),
            message: if e.path().to_string() == "." { message } else { format!("field `{}`: {message}", e.path()) },
        }
    })
}
