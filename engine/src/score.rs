//! Turning evidence into per-class scores.
//!
//! Each finding's score is the probability that its evidence alone indicates an attack. A
//! detector counts once per item (its strongest finding; all findings quoted as examples count
//! as one), and the evidence of distinct detectors combines by noisy-OR:
//! `p(class) = 1 - Π (1 - s_i)`. Scores therefore stay in [0, 1], grow with independent
//! evidence, and one weak cue never decides alone.

use crate::types::Class;
use crate::verdict::Finding;
use std::collections::BTreeMap;

/// Per-class scores of a set of findings.
pub fn class_scores(findings: &[Finding]) -> BTreeMap<Class, f32> {
    let mut strongest: BTreeMap<(Class, &str), f32> = BTreeMap::new();
    for f in findings {
        // Phrases quoted as examples count as one piece of evidence, however many rules match.
        let key = if crate::detect::is_marked_quoted(f) { "quoted" } else { f.detector.as_str() };
        let e = strongest.entry((f.class, key)).or_insert(0.0);
        *e = e.max(f.score);
    }
    let mut keep: BTreeMap<Class, f32> = Class::ALL.iter().map(|c| (*c, 1.0)).collect();
    for ((class, _), s) in strongest {
        if let Some(k) = keep.get_mut(&class) {
            *k *= 1.0 - s.clamp(0.0, 1.0);
        }
    }
    keep.into_iter().map(|(c, k)| (c, round4(1.0 - k))).collect()
}

/// The highest class score.
pub fn max_score(scores: &BTreeMap<Class, f32>) -> f32 {
    scores.values().copied().fold(0.0, f32::max)
}

/// Rounds to 4 decimals so that verdicts serialise stably.
pub fn round4(x: f32) -> f32 {
    (x * 10_000.0).round() / 10_000.0
}

/// Sorts findings strongest first, then by position, and returns them.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.pointer.cmp(&b.pointer))
            .then_with(|| a.span.cmp(&b.span))
            .then_with(|| a.detector.cmp(&b.detector))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Role;
    use crate::normalize::Span;
    use crate::types::Surface;

    fn f(detector: &str, class: Class, score: f32) -> Finding {
        Finding {
            detector: detector.to_owned(),
            class,
            score,
            pointer: String::new(),
            role: Role::Text,
            surface: Surface::Prompt,
            span: Span::new(0, 1),
            text: String::new(),
            reason: String::new(),
            layer: None,
            decoded: None,
            tags: Vec::new(),
        }
    }

    #[test]
    fn noisy_or_counts_each_detector_once() {
        let s = class_scores(&[
            f("a.x", Class::ToolPoisoning, 0.5),
            f("a.x", Class::ToolPoisoning, 0.4),
            f("b.y", Class::ToolPoisoning, 0.5),
            f("c.z", Class::Evasion, 0.2),
        ]);
        assert_eq!(s.get(&Class::ToolPoisoning), Some(&0.75));
        assert_eq!(s.get(&Class::Evasion), Some(&0.2));
        assert_eq!(s.get(&Class::Shadowing), Some(&0.0));
        assert_eq!(max_score(&s), 0.75);
    }
}
