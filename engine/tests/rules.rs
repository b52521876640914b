//! Every rule's own examples must match it and its counter-examples must not (data-driven:
//! the cases live next to the patterns in `engine/rules/*.toml`).
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use palisade_engine::detect::rules::RuleSet;
use palisade_engine::normalize::{normalize, NormLimits};

#[test]
fn rule_examples_and_counter_examples() {
    let rules = match RuleSet::builtin() {
        Ok(r) => r,
        Err(e) => panic!("built-in rules do not compile: {e}"),
    };
    assert!(rules.rules().len() >= 40, "expected a substantial rule set, got {}", rules.rules().len());
    let mut failures = Vec::new();
    for (i, rule) in rules.rules().iter().enumerate() {
        let (surface, role) = rule.sample_context();
        let fires = |text: &str| {
            let n = normalize(text, &NormLimits::default());
            rules.find(n.folded.as_str(), surface, role).iter().any(|m| m.rule == i)
        };
        if rule.examples.is_empty() {
            failures.push(format!("{}: no examples", rule.id));
        }
        for e in &rule.examples {
            if !fires(e) {
                failures.push(format!("{}: example does not match: {e:?}", rule.id));
            }
        }
        for c in &rule.counter_examples {
            if fires(c) {
                failures.push(format!("{}: counter-example matches: {c:?}", rule.id));
            }
        }
    }
    assert!(failures.is_empty(), "{} rule case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn instruction_and_secrecy_rules_cover_languages() {
    let Ok(rules) = RuleSet::builtin() else { panic!("rules do not compile") };
    for lang in ["en", "ko", "zh", "ja", "es", "de", "fr"] {
        let n = rules.rules().iter().filter(|r| r.lang == lang && r.tags.iter().any(|t| t == "instruction" || t == "secrecy" || t == "override")).count();
        assert!(n >= 1, "no instruction/secrecy/override rule in `{lang}`");
    }
}
