//! Throughput of the spotlighting transforms on 1 MB tool outputs (English and Korean).
//!
//! `cargo bench --bench transform`
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

#![allow(missing_docs, reason = "criterion's macros generate undocumented functions")]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use palisade_engine::transform::{Datamarker, Delimiter, Encoder, Encoding};

const MB: usize = 1 << 20;

const ENGLISH: &str = "Search results for \"quarterly revenue\":\n\n1. Acme Corp reports 12% growth in Q3 - Reuters\n   Acme Corp said on Tuesday that revenue rose 12 percent to $4.1 billion, beating  analyst estimates.\n\tLast updated 2 hours ago.\n";

const KOREAN: &str = "서울의 오늘 날씨는 맑고 낮 최고기온은 21도입니다. 기상청은 주말부터 비가 내릴 것으로 예보했습니다.\n한국어문장을띄어쓰기없이길게쓴경우에도표시문자가들어갑니다.\n";

/// `unit` repeated up to about `bytes` bytes.
fn text_of(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

fn bench(c: &mut Criterion) {
    let dm = Datamarker::default();
    let mut g = c.benchmark_group("transform_1MB");
    for (name, unit) in [("english", ENGLISH), ("korean", KOREAN)] {
        let text = text_of(unit, MB);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("datamark/{name}"), |b| b.iter(|| dm.transform(black_box(&text))));
        let marked = dm.transform(&text).text;
        g.bench_function(format!("datamark_untransform/{name}"), |b| b.iter(|| dm.untransform(black_box(&marked))));
        g.bench_function(format!("datamark_stream_4KiB/{name}"), |b| {
            b.iter(|| {
                let mut s = dm.streamer();
                let mut out = String::with_capacity(text.len() + text.len() / 4);
                let mut rest = text.as_str();
                while !rest.is_empty() {
                    let mut cut = rest.len().min(4096);
                    while !rest.is_char_boundary(cut) {
                        cut += 1;
                    }
                    let (chunk, tail) = rest.split_at(cut);
                    s.push_into(chunk, &mut out);
                    rest = tail;
                }
                out + &s.finish().unwrap_or_default()
            })
        });
        let b64 = Encoder::new(Encoding::Base64);
        g.bench_function(format!("base64/{name}"), |b| b.iter(|| b64.transform(black_box(&text))));
        let d = Delimiter::random();
        g.bench_function(format!("delimit/{name}"), |b| b.iter(|| d.transform(black_box(&text))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
