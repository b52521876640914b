//! Finding a model's files: a local directory, or the Hugging Face cache layout
//! (`$HF_HUB_CACHE` or `$HF_HOME/hub` or `~/.cache/huggingface/hub`,
//! `models--ORG--NAME/snapshots/REVISION/`), read offline.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The files of a model, resolved on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFiles {
    /// A display name: the directory name or the hub id.
    pub name: String,
    /// The directory holding the files.
    pub dir: PathBuf,
}

impl ModelFiles {
    /// A file of the model, which must exist.
    pub fn file(&self, name: &str) -> Result<PathBuf> {
        let p = self.dir.join(name);
        if p.is_file() {
            Ok(p)
        } else {
            Err(Error::NotFound(format!("model `{}` has no `{name}` in `{}`", self.name, self.dir.display())))
        }
    }

    /// Whether the model has a file.
    pub fn has(&self, name: &str) -> bool {
        self.dir.join(name).is_file()
    }
}

/// The Hugging Face hub cache directory, as `huggingface_hub` resolves it.
pub fn hf_cache_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("HF_HUB_CACHE") {
        return Some(PathBuf::from(p));
    }
    if let Some(p) = std::env::var_os("HF_HOME") {
        return Some(PathBuf::from(p).join("hub"));
    }
    let home = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(home.join("huggingface").join("hub"))
}

/// Resolves `spec`: an existing directory, or a hub id `org/name[@revision]` found in the local
/// Hugging Face cache. Nothing is downloaded.
pub fn resolve(spec: &str) -> Result<ModelFiles> {
    let p = Path::new(spec);
    if p.is_dir() {
        let name = p.file_name().map_or_else(|| spec.to_owned(), |n| n.to_string_lossy().into_owned());
        return Ok(ModelFiles { name, dir: p.to_owned() });
    }
    let (id, revision) = spec.split_once('@').unwrap_or((spec, "main"));
    if !id.contains('/') || id.starts_with('.') || id.starts_with('/') {
        return Err(Error::NotFound(format!("`{spec}` is neither a model directory nor a hub id `org/name`")));
    }
    let cache = hf_cache_dir().ok_or_else(|| Error::NotFound("no Hugging Face cache directory (set HF_HOME)".to_owned()))?;
    let repo = cache.join(format!("models--{}", id.replace('/', "--")));
    let snapshot = std::fs::read_to_string(repo.join("refs").join(revision))
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| revision.to_owned());
    let dir = repo.join("snapshots").join(snapshot);
    if dir.is_dir() {
        Ok(ModelFiles { name: id.to_owned(), dir })
    } else {
        Err(Error::NotFound(format!(
            "model `{id}` (revision `{revision}`) is not in the Hugging Face cache `{}`; this build does not download: fetch it on a connected machine (`huggingface-cli download {id}`) or pass a model directory",
            cache.display()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_cache_layout() {
        let root = std::env::temp_dir().join(format!("palisade-hf-{}", std::process::id()));
        let snap = root.join("models--org--tiny/snapshots/abc123");
        std::fs::create_dir_all(&snap).ok();
        std::fs::create_dir_all(root.join("models--org--tiny/refs")).ok();
        std::fs::write(root.join("models--org--tiny/refs/main"), "abc123\n").ok();
        std::env::set_var("HF_HUB_CACHE", &root);
        let m = resolve("org/tiny");
        assert_eq!(m.ok().map(|m| m.dir), Some(snap));
        assert!(resolve("org/absent").is_err());
        assert!(resolve("not-an-id").is_err());
        std::env::remove_var("HF_HUB_CACHE");
    }
}
