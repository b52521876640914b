//! The model manifest (`models/manifest.toml`, built into the library): for every model
//! Palisade knows, its source, architecture, task, labels → classes, window length and the
//! sha256 of each pinned file. Files are verified on load; a mismatch names the file.

use crate::error::{Error, Result};
use crate::LabelClass;
use palisade_engine::Class;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The manifest built into this library.
pub const BUILTIN: &str = include_str!("../manifest.toml");

/// One pinned file of a model.
#[derive(Debug, Clone, Deserialize)]
pub struct ModelFile {
    /// Path relative to the model directory.
    pub path: String,
    /// Lower-case hex sha256.
    pub sha256: String,
    /// Size in bytes.
    #[serde(default)]
    pub size: Option<u64>,
}

/// One known model.
#[derive(Debug, Clone, Deserialize)]
pub struct ModelEntry {
    /// Unique name (the directory name under `models/cache/` for fetched models).
    pub name: String,
    /// Whether `models/fetch.sh` produces it.
    #[serde(default)]
    pub fetch: bool,
    /// Where the bytes come from (`pypi:…`, `hf:…`).
    pub source: String,
    /// The upstream model.
    #[serde(default)]
    pub upstream: Option<String>,
    /// Architecture (`bert`, `deberta-v2`).
    pub architecture: String,
    /// Weight format (`safetensors`, `onnx`).
    #[serde(default)]
    pub format: Option<String>,
    /// `embedding` or `sequence-classification`.
    pub task: String,
    /// Window length, special tokens included.
    #[serde(default)]
    pub max_length: Option<usize>,
    /// Licence of the weights.
    #[serde(default)]
    pub license: Option<String>,
    /// Label name → Palisade class name (or `none`).
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Pinned files.
    #[serde(default)]
    pub files: Vec<ModelFile>,
}

impl ModelEntry {
    /// The class a label maps to, by the manifest (falling back on [`LabelClass::guess`]).
    pub fn label_class(&self, label: &str) -> LabelClass {
        match self.labels.get(label).map(String::as_str) {
            Some("none") => LabelClass::Benign,
            Some(c) => Class::parse(c).map_or(LabelClass::Injection, |c| {
                if matches!(c, Class::PromptInjection | Class::ToolPoisoning) {
                    LabelClass::Injection
                } else {
                    LabelClass::Fixed(c)
                }
            }),
            None => LabelClass::guess(label),
        }
    }
}

/// The manifest.
#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    /// Format version.
    pub schema_version: u32,
    /// Known models.
    #[serde(default, rename = "model")]
    pub models: Vec<ModelEntry>,
}

/// The state of one file after verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    /// Present with the pinned digest.
    Ok,
    /// Absent.
    Missing,
    /// Present with another digest.
    Differs {
        /// The digest found.
        actual: String,
    },
}

impl Manifest {
    /// Parses a manifest.
    pub fn parse(text: &str, origin: &Path) -> Result<Manifest> {
        toml::from_str(text).map_err(|e| Error::Config { path: origin.to_owned(), message: e.to_string() })
    }

    /// The manifest built into the library.
    pub fn builtin() -> Result<Manifest> {
        Manifest::parse(BUILTIN, Path::new("models/manifest.toml"))
    }

    /// A model by name.
    pub fn get(&self, name: &str) -> Option<&ModelEntry> {
        self.models.iter().find(|m| m.name == name)
    }
}

/// The sha256 of a file, streamed.
pub fn sha256_file(path: &Path) -> Result<String> {
    let mut f = std::fs::File::open(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).map_err(|source| Error::Io { path: path.to_owned(), source })?;
        if n == 0 {
            break;
        }
        h.update(buf.get(..n).unwrap_or(&[]));
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Checks every pinned file of `entry` in `dir`.
pub fn check(entry: &ModelEntry, dir: &Path) -> Result<Vec<(PathBuf, FileState)>> {
    entry
        .files
        .iter()
        .map(|f| {
            let p = dir.join(&f.path);
            if !p.is_file() {
                return Ok((p, FileState::Missing));
            }
            let actual = sha256_file(&p)?;
            let state = if actual == f.sha256 { FileState::Ok } else { FileState::Differs { actual } };
            Ok((p, state))
        })
        .collect()
}

/// Verifies `entry`'s files in `dir`; the error names the first file that is missing or differs.
pub fn verify(entry: &ModelEntry, dir: &Path) -> Result<()> {
    for (p, state) in check(entry, dir)? {
        match state {
            FileState::Ok => {}
            FileState::Missing => return Err(Error::NotFound(format!("model `{}`: `{}` is missing", entry.name, p.display()))),
            FileState::Differs { actual } => {
                let expected = entry.files.iter().find(|f| dir.join(&f.path) == p).map(|f| f.sha256.clone()).unwrap_or_default();
                return Err(Error::Digest { path: p, expected, actual });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_manifest_parses() {
        let m = Manifest::builtin();
        assert!(m.is_ok(), "{:?}", m.err());
        let m = m.unwrap_or_else(|_| unreachable!());
        assert!(m.get("all-minilm-l6-v2").is_some_and(|e| !e.files.is_empty()));
        let pg = m.get("protectai-deberta-v3-base-prompt-injection-v2");
        assert_eq!(pg.map(|e| e.label_class("SAFE")), Some(LabelClass::Benign));
        assert_eq!(pg.map(|e| e.label_class("INJECTION")), Some(LabelClass::Injection));
    }

    #[test]
    fn verify_names_the_file_that_differs() {
        let dir = std::env::temp_dir().join(format!("palisade-manifest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        std::fs::write(dir.join("a.bin"), b"hello").ok();
        let entry = ModelEntry {
            name: "t".into(),
            fetch: false,
            source: "x".into(),
            upstream: None,
            architecture: "bert".into(),
            format: None,
            task: "embedding".into(),
            max_length: None,
            license: None,
            labels: BTreeMap::new(),
            files: vec![ModelFile { path: "a.bin".into(), sha256: "00".into(), size: None }],
        };
        let e = verify(&entry, &dir).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("a.bin") && e.contains("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"), "{e}");
    }
}
