//! The splitter: stable when items are added, proportions per stratum.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use palisade_eval::split::*;
use std::collections::BTreeMap;

#[test]
fn adding_items_moves_nobody() {
    let s = Splitter::default();
    let before: BTreeMap<String, Part> = (0..3000).map(|i| format!("msb:item{i}")).map(|id| (id.clone(), s.part(&id))).collect();
    // A bigger collection: more items in the same dataset and a new dataset.
    let mut ids: Vec<String> = (0..6000).map(|i| format!("msb:item{i}")).collect();
    ids.extend((0..2000).map(|i| format!("other:{i}")));
    let after: BTreeMap<String, Part> = ids.iter().map(|id| (id.clone(), s.part(id))).collect();
    for (id, part) in &before {
        assert_eq!(after.get(id), Some(part), "{id} moved");
    }
}

#[test]
fn assignment_is_pinned() {
    // The training pipeline depends on these: changing the hash, seed or fractions moves items.
    let s = Splitter::default();
    assert_eq!(s.seed(), SEED);
    let got: Vec<&str> = ["msb:1", "msb:2", "msb:3", "msb:4", "msb:5", "msb:6", "bipia:email:0:clean", "notinject:17"]
        .iter()
        .map(|id| s.part(id).as_str())
        .collect();
    assert_eq!(got, PINNED);
}

const PINNED: [&str; 8] = ["train", "validation", "train", "test", "validation", "train", "train", "train"];

#[test]
fn proportions_hold_per_stratum() {
    let s = Splitter::default();
    let mut items: Vec<(String, Option<String>, String)> = Vec::new();
    for (dataset, attack, n) in [("a", None, 4000), ("a", Some("tool_poisoning"), 3000), ("b", Some("indirect_pi"), 3000), ("c", None, 2000)] {
        for i in 0..n {
            items.push((dataset.to_owned(), attack.map(str::to_owned), format!("{dataset}:{}:{i}", attack.unwrap_or("benign"))));
        }
    }
    let counts = strata_counts(&s, items.iter().map(|(d, a, id)| (d.as_str(), a.as_deref(), id.as_str())));
    assert_eq!(counts.len(), 4);
    for (stratum, c) in counts {
        let n = (c[0] + c[1] + c[2]) as f64;
        let shares = [c[0] as f64 / n, c[1] as f64 / n, c[2] as f64 / n];
        for (share, want) in shares.iter().zip([TRAIN_FRACTION, VALIDATION_FRACTION, TEST_FRACTION]) {
            assert!((share - want).abs() < 0.03, "{stratum}: {shares:?}");
        }
    }
}

#[test]
fn selections() {
    let s = Splitter::default();
    assert_eq!(Selection::parse("test"), Some(Selection::Part(Part::Test)));
    assert_eq!(Selection::parse("all"), Some(Selection::All));
    assert_eq!(Selection::parse("dev"), None);
    let ids: Vec<String> = (0..500).map(|i| format!("x:{i}")).collect();
    let total: usize = Part::ALL.iter().map(|p| ids.iter().filter(|id| s.selects(Selection::Part(*p), id)).count()).sum();
    assert_eq!(total, ids.len());
    assert!(ids.iter().all(|id| s.selects(Selection::All, id)));
}
