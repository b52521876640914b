//! Metric functions against hand-computed values.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use palisade_eval::metrics::*;

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-6)
}

/// Scores 0.9 P, 0.8 N, 0.8 P, 0.5 P, 0.5 N, 0.1 N; flagged when score >= 0.5.
fn tied() -> Vec<Obs> {
    [(0.9, true), (0.8, false), (0.8, true), (0.5, true), (0.5, false), (0.1, false)]
        .into_iter()
        .map(|(s, m)| Obs::new(s, m, s >= 0.5))
        .collect()
}

#[test]
fn curve_groups_ties() {
    let c = curve(&tied());
    let got: Vec<(f64, usize, usize)> = c.iter().map(|p| (p.threshold, p.tp, p.fp)).collect();
    assert_eq!(got, vec![(0.9, 1, 0), (0.8, 2, 1), (0.5, 3, 2), (0.1, 3, 3)]);
    let roc = roc_points(&tied());
    assert_eq!(roc.first(), Some(&(0.0, 0.0)));
    assert_eq!(roc.last(), Some(&(1.0, 1.0)));
}

#[test]
fn roc_auc_with_ties_counts_half() {
    // Mann-Whitney: 0.9 beats 3; 0.8 ties 1, beats 2 (2.5); 0.5 ties 1, beats 1 (1.5) → 7/9.
    assert!(close(roc_auc(&tied()), 7.0 / 9.0));
    let all_tied: Vec<Obs> = [true, true, false, false].into_iter().map(|m| Obs::new(0.5, m, true)).collect();
    assert!(close(roc_auc(&all_tied), 0.5));
    let perfect = vec![Obs::new(0.9, true, true), Obs::new(0.1, false, false)];
    assert!(close(roc_auc(&perfect), 1.0));
    let inverted = vec![Obs::new(0.1, true, false), Obs::new(0.9, false, true)];
    assert!(close(roc_auc(&inverted), 0.0));
}

#[test]
fn average_precision_steps_over_distinct_thresholds() {
    // 1/3·1 + 1/3·2/3 + 1/3·3/5 = 34/45.
    assert!(close(average_precision(&tied()), 34.0 / 45.0));
    let all_tied: Vec<Obs> = [true, true, false, false].into_iter().map(|m| Obs::new(0.5, m, true)).collect();
    assert!(close(average_precision(&all_tied), 0.5));
}

#[test]
fn tpr_at_fixed_fpr() {
    // FPR ≤ 0.1 % of 3 negatives allows none: TPR 1/3 at threshold 0.9.
    let (tpr, thr) = tpr_at_fpr(&tied(), 0.001).unwrap();
    assert!((tpr - 1.0 / 3.0).abs() < 1e-12 && thr == Some(0.9));
    // FPR ≤ 50 % allows one negative: TPR 2/3 at 0.8.
    let (tpr, thr) = tpr_at_fpr(&tied(), 0.5).unwrap();
    assert!((tpr - 2.0 / 3.0).abs() < 1e-12 && thr == Some(0.8));
    assert_eq!(tpr_at_fpr(&tied(), 1.0).unwrap(), (1.0, Some(0.5)));
    // Ties at the top: no threshold separates the attack from the benign item.
    let all_tied: Vec<Obs> = [true, false].into_iter().map(|m| Obs::new(0.5, m, true)).collect();
    assert_eq!(tpr_at_fpr(&all_tied, 0.01), Some((0.0, None)));
}

#[test]
fn confusion_and_ratios() {
    let c = Counts::of(&tied());
    assert_eq!((c.n, c.positives, c.negatives, c.tp, c.fp, c.tn, c.fn_), (6, 3, 3, 3, 2, 1, 0));
    assert!(close(precision(&c), 0.6));
    assert!(close(recall(&c), 1.0));
    assert!(close(f1(&c), 0.75));
    assert!(close(fpr(&c), 2.0 / 3.0));
    assert_eq!(over_defense_accuracy(&c), None);
    let none_flagged = Counts::of(&[Obs::new(0.0, true, false), Obs::new(0.0, false, false)]);
    assert_eq!(precision(&none_flagged), None);
    assert!(close(recall(&none_flagged), 0.0));
    assert_eq!(f1(&none_flagged), None);
}

#[test]
fn single_class_groups_are_null_not_nan() {
    let only_attacks: Vec<Obs> = [0.9, 0.2, 0.0].into_iter().map(|s| Obs::new(s, true, s > 0.5)).collect();
    let g = GroupMetrics::compute(&only_attacks, &[5, 1, 3]);
    assert_eq!((g.roc_auc, g.pr_auc, g.fpr, g.tpr_at_fpr_1pct, g.threshold_at_fpr_1pct), (None, None, None, None, None));
    assert!(close(g.recall, 1.0 / 3.0));
    assert!(close(g.precision, 1.0));
    assert_eq!(g.over_defense_accuracy, None);
    assert_eq!((g.latency_p50_us, g.latency_max_us), (Some(3), Some(5)));

    let only_benign: Vec<Obs> = [0.9, 0.0, 0.0, 0.1].into_iter().map(|s| Obs::new(s, false, s > 0.5)).collect();
    let g = GroupMetrics::compute(&only_benign, &[]);
    assert!(close(g.over_defense_accuracy, 0.75));
    assert!(close(g.fpr, 0.25));
    assert_eq!((g.recall, g.f1, g.roc_auc, g.latency_p50_us), (None, None, None, None));
    let json = serde_json::to_string(&g).unwrap();
    assert!(json.contains("\"roc_auc\":null") && !json.contains("NaN"), "{json}");

    let empty = GroupMetrics::compute(&[], &[]);
    assert_eq!(empty.counts.n, 0);
    assert_eq!((empty.precision, empty.recall, empty.fpr, empty.roc_auc), (None, None, None, None));
}

#[test]
fn group_metrics_round_and_name_thresholds() {
    let g = GroupMetrics::compute(&tied(), &[1, 2, 3, 4, 5, 6]);
    assert_eq!(g.roc_auc, Some(0.777778));
    assert_eq!(g.pr_auc, Some(0.755556));
    assert_eq!((g.tpr_at_fpr_0_1pct, g.threshold_at_fpr_0_1pct), (Some(0.333333), Some(0.9)));
    assert_eq!((g.tpr_at_fpr_5pct, g.threshold_at_fpr_5pct), (Some(0.333333), Some(0.9)));
    let v = serde_json::to_value(&g).unwrap();
    assert_eq!(v["fn"], 0);
    assert_eq!(v["tp"], 3);
}

#[test]
fn nearest_rank_percentiles() {
    let v: Vec<u64> = (1..=10).map(|i| i * 10).collect();
    assert_eq!(percentile(&v, 0.50), Some(50));
    assert_eq!(percentile(&v, 0.95), Some(100));
    assert_eq!(percentile(&v, 0.99), Some(100));
    assert_eq!(percentile(&[7], 0.5), Some(7));
    assert_eq!(percentile(&[], 0.5), None);
}
