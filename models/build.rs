//! Embeds Palisade's own static model (`palisade-v1/embedded.bin`, written by
//! `palisade train`) and its transformer head (`palisade-v1/transformer-head.json`) into the
//! library when they exist; empty placeholders otherwise, in which case the `builtin()`
//! constructors say the model was not built.

use std::path::PathBuf;

fn main() {
    // The static model and the transformer tier's head (its encoder is fetched, not embedded).
    for name in ["embedded.bin", "transformer-head.json"] {
        let src = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("palisade-v1").join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join(name);
        let result = if src.is_file() { std::fs::copy(&src, &out).map(|_| ()) } else { std::fs::write(&out, b"") };
        if let Err(e) = result {
            println!("cargo:warning=cannot write {}: {e}", out.display());
            std::process::exit(1);
        }
    }
}
