//! The verdict cache: verdicts keyed by a blake3 hash of the canonical input, its context, and
//! the policy and model digests; bounded by bytes; with hit and miss counters.

use crate::verdict::Verdict;
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// A content hash.
pub type Key = [u8; 32];

/// Counters of a cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CacheStats {
    /// Lookups answered from the cache.
    pub hits: u64,
    /// Lookups that missed.
    pub misses: u64,
    /// Verdicts held now.
    pub entries: u64,
    /// Approximate bytes held now.
    pub bytes: u64,
}

/// A verdict's weight in the cache: its approximate size in bytes plus the key.
#[derive(Clone, Copy)]
struct VerdictWeight;

impl quick_cache::Weighter<Key, Arc<Verdict>> for VerdictWeight {
    fn weight(&self, _key: &Key, v: &Arc<Verdict>) -> u64 {
        v.approx_bytes() as u64 + 64
    }
}

/// A byte-bounded, thread-safe verdict cache (quick_cache: CLOCK-Pro-like admission and
/// eviction, no background threads and no read log, so a hit costs one sharded table lookup).
pub struct VerdictCache {
    inner: quick_cache::sync::Cache<Key, Arc<Verdict>, VerdictWeight>,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl std::fmt::Debug for VerdictCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerdictCache").field("stats", &self.stats()).finish()
    }
}

impl VerdictCache {
    /// A cache holding at most about `max_bytes` of verdicts.
    pub fn new(max_bytes: u64) -> VerdictCache {
        // quick_cache sizes its tables from an item estimate; a verdict of a typical tool weighs
        // about 2 KB.
        let items = usize::try_from(max_bytes / 2048).unwrap_or(usize::MAX).clamp(16, 1 << 20);
        let inner = quick_cache::sync::Cache::with_weighter(items, max_bytes, VerdictWeight);
        VerdictCache { inner, hits: AtomicU64::new(0), misses: AtomicU64::new(0) }
    }

    /// Looks a verdict up.
    pub fn get(&self, key: &Key) -> Option<Arc<Verdict>> {
        let v = self.inner.get(key);
        let counter = if v.is_some() { &self.hits } else { &self.misses };
        counter.fetch_add(1, Ordering::Relaxed);
        v
    }

    /// Looks a verdict up without counting the lookup.
    pub fn peek(&self, key: &Key) -> Option<Arc<Verdict>> {
        self.inner.get(key)
    }

    /// Stores a verdict.
    pub fn insert(&self, key: Key, verdict: Arc<Verdict>) {
        self.inner.insert(key, verdict);
    }

    /// Current counters.
    pub fn stats(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            entries: self.inner.len() as u64,
            bytes: self.inner.weight(),
        }
    }

    /// Drops every entry.
    pub fn clear(&self) {
        self.inner.clear();
    }
}
