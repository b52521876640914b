//! Logistic regression over dense + sparse features (AdaGrad, class-balanced, L2), Platt
//! scaling, and the ranking metrics training reports.

use palisade_models::embedded::{sigmoid, Features};
use serde::{Deserialize, Serialize};

/// Head training options.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// AdaGrad step size.
    pub learning_rate: f32,
    /// L2 penalty per example.
    pub l2: f32,
    /// Shuffle seed.
    pub seed: u64,
    /// Class balancing exponent: 1 weighs both classes equally, 0 weighs every example
    /// equally, in between interpolates geometrically.
    pub balance: f32,
    /// Heads trained with different shuffle orders (seeds `seed`, `seed + 7919`, …) and averaged
    /// weight by weight (their logits average): one head's ranking moves with the order it saw
    /// the data in; the average does much less.
    #[serde(default = "one")]
    pub average_of: usize,
}

fn one() -> usize {
    1
}

/// One labelled example (its features borrowed: the same features serve several fits).
#[derive(Debug, Clone, Copy)]
pub struct Example<'a> {
    /// Its features.
    pub features: &'a Features,
    /// Positive?
    pub label: bool,
}

fn shuffle(n: usize, seed: u64) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    let mut s = seed | 1;
    for i in (1..n).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        let j = (s % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v
}

/// Trains a logistic regression (the average of `o.average_of` of them); returns (dense
/// weights, sparse weights, bias).
pub fn train_logistic(examples: &[Example], dense_len: usize, buckets: usize, o: &TrainOptions) -> (Vec<f32>, Vec<f32>, f32) {
    let k = o.average_of.max(1);
    let mut sum = train_one(examples, dense_len, buckets, o, o.seed);
    for i in 1..k {
        let (d, s, b) = train_one(examples, dense_len, buckets, o, o.seed.wrapping_add(i as u64 * 7919));
        sum.0.iter_mut().zip(d).for_each(|(a, x)| *a += x);
        sum.1.iter_mut().zip(s).for_each(|(a, x)| *a += x);
        sum.2 += b;
    }
    let n = k as f32;
    sum.0.iter_mut().for_each(|a| *a /= n);
    sum.1.iter_mut().for_each(|a| *a /= n);
    sum.2 /= n;
    sum
}

fn train_one(examples: &[Example], dense_len: usize, buckets: usize, o: &TrainOptions, seed: u64) -> (Vec<f32>, Vec<f32>, f32) {
    let mut wd = vec![0f32; dense_len];
    let mut ws = vec![0f32; buckets];
    let mut b = 0f32;
    let (mut gd, mut gs, mut gb) = (vec![1e-6f32; dense_len], vec![1e-6f32; buckets], 1e-6f32);
    let pos = examples.iter().filter(|e| e.label).count().max(1) as f32;
    let neg = (examples.len() as f32 - pos).max(1.0);
    // Balanced classes: each class carries half of the total weight.
    let (w_pos, w_neg) = ((examples.len() as f32 / (2.0 * pos)).powf(o.balance), (examples.len() as f32 / (2.0 * neg)).powf(o.balance));
    for epoch in 0..o.epochs {
        for i in shuffle(examples.len(), seed.wrapping_add(epoch as u64)) {
            let Some(e) = examples.get(i) else { continue };
            let f = e.features;
            let z: f32 = wd.iter().zip(&f.dense).map(|(w, x)| w * x).sum::<f32>() + f.sparse.iter().map(|&(k, v)| ws.get(k as usize).copied().unwrap_or(0.0) * v).sum::<f32>() + b;
            let y = if e.label { 1.0 } else { 0.0 };
            let g = (sigmoid(z) - y) * if e.label { w_pos } else { w_neg };
            for ((w, acc), x) in wd.iter_mut().zip(gd.iter_mut()).zip(&f.dense) {
                let gi = g * x + o.l2 * *w;
                *acc += gi * gi;
                *w -= o.learning_rate * gi / acc.sqrt();
            }
            for &(k, v) in &f.sparse {
                if let (Some(w), Some(acc)) = (ws.get_mut(k as usize), gs.get_mut(k as usize)) {
                    let gi = g * v + o.l2 * *w;
                    *acc += gi * gi;
                    *w -= o.learning_rate * gi / acc.sqrt();
                }
            }
            gb += g * g;
            b -= o.learning_rate * g / gb.sqrt();
        }
    }
    (wd, ws, b)
}

/// Platt scaling: `(a, b)` minimising the log loss of `sigmoid(a·z + b)` (Newton's method,
/// Platt's smoothed targets).
pub fn fit_platt(scored: &[(f32, bool)]) -> (f32, f32) {
    let pos = scored.iter().filter(|s| s.1).count() as f64;
    let neg = scored.len() as f64 - pos;
    let (tp, tn) = ((pos + 1.0) / (pos + 2.0), 1.0 / (neg + 2.0));
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-9, 0.0, 1e-9);
        for &(z, y) in scored {
            let z = f64::from(z);
            let t = if y { tp } else { tn };
            let p = 1.0 / (1.0 + (-(a * z + b)).exp());
            let d = p - t;
            ga += d * z;
            gb += d;
            let w = p * (1.0 - p);
            haa += w * z * z;
            hab += w * z;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        a -= da;
        b -= db;
        if da.abs() < 1e-7 && db.abs() < 1e-7 {
            break;
        }
    }
    (a as f32, b as f32)
}

/// ROC-AUC and the TPR at a false-positive rate of `fpr` (threshold above the
/// `fpr`-quantile of the negatives' scores).
pub fn auc_and_tpr(scored: &[(f32, bool)], fpr: f64) -> (f64, f64) {
    let mut negs: Vec<f32> = scored.iter().filter(|s| !s.1).map(|s| s.0).collect();
    let poss: Vec<f32> = scored.iter().filter(|s| s.1).map(|s| s.0).collect();
    if negs.is_empty() || poss.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    negs.sort_by(f32::total_cmp);
    let mut wins = 0f64;
    for p in &poss {
        let below = negs.partition_point(|n| n < p);
        let equal = negs[below..].iter().take_while(|n| *n == p).count();
        wins += below as f64 + equal as f64 / 2.0;
    }
    let auc = wins / (poss.len() as f64 * negs.len() as f64);
    let allowed = (fpr * negs.len() as f64).floor() as usize;
    let threshold = negs[negs.len() - 1 - allowed.min(negs.len() - 1)];
    let tpr = poss.iter().filter(|p| **p > threshold).count() as f64 / poss.len() as f64;
    (auc, tpr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platt_recovers_a_known_slope() {
        // Labels drawn deterministically from sigmoid(2z - 1).
        let mut v = Vec::new();
        for i in 0..4000 {
            let z = (i as f32 / 4000.0) * 8.0 - 4.0;
            let p = sigmoid(2.0 * z - 1.0);
            let u = ((i * 7919) % 1000) as f32 / 1000.0;
            v.push((z, u < p));
        }
        let (a, b) = fit_platt(&v);
        assert!((a - 2.0).abs() < 0.4 && (b + 1.0).abs() < 0.4, "a={a} b={b}");
    }

    #[test]
    fn auc_of_a_perfect_and_a_reversed_ranking() {
        let good = vec![(0.9, true), (0.8, true), (0.2, false), (0.1, false)];
        assert_eq!(auc_and_tpr(&good, 0.01), (1.0, 1.0));
        let bad: Vec<(f32, bool)> = good.iter().map(|&(s, l)| (s, !l)).collect();
        assert_eq!(auc_and_tpr(&bad, 0.01).0, 0.0);
    }

    #[test]
    fn averaged_heads_still_separate_and_differ_from_one() {
        let fs: Vec<Features> = (0..200).map(|i| Features { dense: vec![0.0], sparse: vec![((i % 8) as u32, 1.0)] }).collect();
        let ex: Vec<Example> = fs.iter().enumerate().map(|(i, f)| Example { features: f, label: i % 8 < 2 }).collect();
        let o = |k| TrainOptions { epochs: 3, learning_rate: 0.5, l2: 0.0, seed: 1, balance: 1.0, average_of: k };
        let (_, one, _) = train_logistic(&ex, 1, 8, &o(1));
        let (_, avg, _) = train_logistic(&ex, 1, 8, &o(3));
        assert!(avg.iter().take(2).all(|w| *w > 0.0) && avg.iter().skip(2).all(|w| *w < 0.0), "{avg:?}");
        assert_ne!(one, avg);
    }

    #[test]
    fn logistic_separates_a_sparse_signal() {
        let fs: Vec<Features> = (0..200).map(|i| Features { dense: vec![1.0], sparse: vec![(if i % 2 == 0 { 3 } else { 5 }, 1.0)] }).collect();
        let ex: Vec<Example> = fs.iter().enumerate().map(|(i, f)| Example { features: f, label: i % 2 == 0 }).collect();
        let (_, ws, _) = train_logistic(&ex, 1, 8, &TrainOptions { epochs: 5, learning_rate: 0.5, l2: 0.0, seed: 1, balance: 1.0, average_of: 1 });
        assert!(ws[3] > 0.5 && ws[5] < -0.5, "{ws:?}");
    }
}
