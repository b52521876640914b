//! SARIF 2.1.0 output for code-scanning UIs.

use super::input::{Content, Item};
use palisade_engine::{Action, Engine, Verdict};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn level(a: Action) -> &'static str {
    match a {
        Action::Block => "error",
        Action::Sanitize | Action::Warn => "warning",
        Action::Allow => "note",
    }
}

/// A SARIF log with one result per finding of every item at or above `min_action`, and one per
/// input error.
pub fn report(engine: &Engine, items: &[Item], verdicts: &[Verdict], min_action: Action) -> Value {
    let mut rules: BTreeMap<String, Value> = BTreeMap::new();
    let mut results = Vec::new();
    for (it, v) in items.iter().zip(verdicts) {
        let region = json!({"startLine": it.line.unwrap_or(1)});
        if let Content::Error(e) = &it.content {
            rules.entry("input.error".to_owned()).or_insert_with(|| json!({"id": "input.error", "shortDescription": {"text": "input could not be read"}}));
            results.push(json!({
                "ruleId": "input.error",
                "level": "error",
                "message": {"text": e},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": it.source}, "region": region}}],
            }));
            continue;
        }
        if v.action < min_action || v.action == Action::Allow {
            continue;
        }
        for f in &v.findings {
            rules.entry(f.detector.clone()).or_insert_with(|| {
                json!({
                    "id": f.detector,
                    "shortDescription": {"text": f.reason},
                    "properties": {"class": f.class},
                })
            });
            let tool = it.tool().unwrap_or("");
            results.push(json!({
                "ruleId": f.detector,
                "level": level(v.action),
                "message": {"text": format!("{} ({} {:.2}; item {} {:.2}): {}", f.reason, f.class, f.score, v.action, v.score, f.text)},
                "locations": [{
                    "physicalLocation": {"artifactLocation": {"uri": it.source}, "region": region},
                    "logicalLocations": [{"name": tool, "fullyQualifiedName": format!("{}{}", it.id, if f.pointer.is_empty() { String::new() } else { format!("#{}", f.pointer) }), "kind": "member"}],
                }],
                "partialFingerprints": {"palisade/v1": format!("{}|{}|{}|{}", it.id, f.detector, f.pointer, f.span.start)},
                "properties": {"item": it.id, "action": v.action, "score": f.score, "pointer": f.pointer, "span": [f.span.start, f.span.end], "class": f.class},
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "palisade",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules.into_values().collect::<Vec<_>>(),
            }},
            "properties": {"policy": engine.policy().identity()},
            "results": results,
        }],
    })
}
