//! The seeded train / validation / test splitter shared by evaluation and training.
//!
//! Each item goes to a part by a keyed hash of `(seed, id)`: the hash is read as a number `u`
//! uniform in `[0, 1)`, and the item is in `train` when `u < TRAIN_FRACTION`, in `validation`
//! when `u < TRAIN_FRACTION + VALIDATION_FRACTION`, and in `test` otherwise.
//!
//! - **Stable**: an item's part depends only on the seed and its own id, never on the other
//!   items, so adding rows (or whole datasets) never moves an existing row between parts.
//! - **Stratified by dataset and attack**: the draw is independent of the stratum, so within every
//!   `(dataset, attack)` stratum the parts hold 70/15/15 of the items in expectation (the spread
//!   is binomial: a stratum of `n` items deviates by about `sqrt(0.15 · 0.85 / n)` from 15 %).
//!   Exact per-stratum quotas would need rank-based assignment, which moves items when others
//!   are added; stability was chosen over exact quotas. Strata of a handful of items may have an
//!   empty part; [`strata_counts`] shows the outcome.
//!
//! The training pipeline must use [`Splitter::default`] (seed [`SEED`]) so that it never trains
//! on the `test` part that `palisade eval --split test` measures.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The seed every Palisade split uses unless told otherwise.
pub const SEED: u64 = 20_240_917;
/// Share of items in `train`.
pub const TRAIN_FRACTION: f64 = 0.70;
/// Share of items in `validation`.
pub const VALIDATION_FRACTION: f64 = 0.15;
/// Share of items in `test` (the rest).
pub const TEST_FRACTION: f64 = 0.15;

/// One part of a split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Training data.
    Train,
    /// Model selection and threshold tuning.
    Validation,
    /// Held out: reported, never trained or tuned on.
    Test,
}

impl Part {
    /// All parts, in order.
    pub const ALL: [Part; 3] = [Part::Train, Part::Validation, Part::Test];

    /// `train`, `validation` or `test`.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Train => "train",
            Part::Validation => "validation",
            Part::Test => "test",
        }
    }
}

/// Which items an evaluation uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    /// Every item.
    All,
    /// One part.
    Part(Part),
}

impl Selection {
    /// Parses `all`, `train`, `validation` or `test`.
    pub fn parse(s: &str) -> Option<Selection> {
        match s {
            "all" => Some(Selection::All),
            _ => Part::ALL.into_iter().find(|p| p.as_str() == s).map(Selection::Part),
        }
    }

    /// The name [`Selection::parse`] reads.
    pub fn as_str(self) -> &'static str {
        match self {
            Selection::All => "all",
            Selection::Part(p) => p.as_str(),
        }
    }
}

/// Assigns items to parts. See the module documentation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Splitter {
    seed: u64,
    train: f64,
    validation: f64,
}

impl Default for Splitter {
    fn default() -> Splitter {
        Splitter { seed: SEED, train: TRAIN_FRACTION, validation: VALIDATION_FRACTION }
    }
}

impl Splitter {
    /// A splitter with another seed and the default fractions.
    pub fn with_seed(seed: u64) -> Splitter {
        Splitter { seed, ..Splitter::default() }
    }

    /// A splitter with explicit fractions; `test` gets the rest. Fractions are clamped so that
    /// `0 ≤ train ≤ train + validation ≤ 1`.
    pub fn new(seed: u64, train: f64, validation: f64) -> Splitter {
        let train = if train.is_finite() { train.clamp(0.0, 1.0) } else { TRAIN_FRACTION };
        let validation = if validation.is_finite() { validation.clamp(0.0, 1.0 - train) } else { 0.0 };
        Splitter { seed, train, validation }
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// `(train, validation, test)` fractions.
    pub fn fractions(&self) -> (f64, f64, f64) {
        (self.train, self.validation, (1.0 - self.train - self.validation).max(0.0))
    }

    /// The item's position in `[0, 1)`, from a keyed hash of `(seed, id)`.
    pub fn unit(&self, id: &str) -> f64 {
        let mut h = blake3::Hasher::new_derive_key("palisade-eval split v1");
        h.update(&self.seed.to_le_bytes());
        h.update(id.as_bytes());
        let mut first = [0u8; 8];
        h.finalize_xof().fill(&mut first);
        // The top 53 bits make an exactly representable fraction in [0, 1).
        (u64::from_le_bytes(first) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// The part of the item with this id.
    pub fn part(&self, id: &str) -> Part {
        let u = self.unit(id);
        if u < self.train {
            Part::Train
        } else if u < self.train + self.validation {
            Part::Validation
        } else {
            Part::Test
        }
    }

    /// Whether the item is in the selection.
    pub fn selects(&self, selection: Selection, id: &str) -> bool {
        match selection {
            Selection::All => true,
            Selection::Part(p) => self.part(id) == p,
        }
    }
}

/// The stratum of an item: `dataset/attack` (`dataset/benign` for benign items).
pub fn stratum(dataset: &str, attack: Option<&str>) -> String {
    format!("{dataset}/{}", attack.unwrap_or("benign"))
}

/// Counts per stratum and part, for checking proportions:
/// `items` are `(dataset, attack, id)`; the value is `[train, validation, test]`.
pub fn strata_counts<'a>(splitter: &Splitter, items: impl IntoIterator<Item = (&'a str, Option<&'a str>, &'a str)>) -> BTreeMap<String, [usize; 3]> {
    let mut out: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for (dataset, attack, id) in items {
        let counts = out.entry(stratum(dataset, attack)).or_default();
        let slot = match splitter.part(id) {
            Part::Train => &mut counts[0],
            Part::Validation => &mut counts[1],
            Part::Test => &mut counts[2],
        };
        *slot += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_sum_to_one() {
        assert!((TRAIN_FRACTION + VALIDATION_FRACTION + TEST_FRACTION - 1.0).abs() < 1e-12);
        let (a, b, c) = Splitter::new(1, 0.9, 0.5).fractions();
        assert!((a - 0.9).abs() < 1e-12 && (b - 0.1).abs() < 1e-12 && c.abs() < 1e-12);
    }

    #[test]
    fn seed_changes_assignment() {
        let a = Splitter::default();
        let b = Splitter::with_seed(7);
        let moved = (0..1000).filter(|i| a.part(&format!("x:{i}")) != b.part(&format!("x:{i}"))).count();
        assert!(moved > 200, "{moved}");
    }
}
