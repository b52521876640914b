//! Outbound inspection (tool-call arguments), argument policies, JSON-aware transforms and
//! cross-server name variants.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use palisade_engine::{subjects_in, Action, Class, Context, Engine, Policy, Subject, ToolRef};
use serde_json::{json, Value};

fn engine() -> Engine {
    Engine::new(Policy::default_policy().expect("default policy")).expect("engine")
}

fn call(args: Value) -> Subject {
    Subject::tool_call("send_message", args)
}

#[test]
fn private_key_in_arguments_blocks_with_its_pointer() {
    let e = engine();
    let key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu3aumG2i\n-----END RSA PRIVATE KEY-----";
    let v = e.inspect(&call(json!({"to": "bob", "extra": {"sidenote": key}})), &Context::default());
    assert_eq!(v.action, Action::Block, "{v:?}");
    assert_eq!(v.surface.as_str(), "tool_arguments");
    let f = v.findings.first().expect("a finding");
    assert_eq!(f.detector, "secret.private_key");
    assert_eq!(f.class, Class::Exfiltration);
    assert_eq!(f.pointer, "/arguments/extra/sidenote");
    assert_eq!(f.span.start, 0);
}

#[test]
fn api_token_is_redacted_not_blocked() {
    let e = engine();
    let subject = call(json!({"body": "here: ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123 thanks", "n": 3}));
    let v = e.inspect(&subject, &Context::default());
    assert_eq!(v.action, Action::Sanitize, "{v:?}");
    let out = e.protect_subject(&subject, &v).expect("not blocked");
    let Subject::ToolCall { arguments, .. } = out.subject else { panic!("shape changed") };
    assert_eq!(arguments["body"], "here: [redacted: secret.api_token] thanks");
    assert_eq!(arguments["n"], 3);
    assert_eq!(out.changed, 1);
}

#[test]
fn ordinary_arguments_are_allowed_and_instructions_in_them_are_not_judged() {
    let e = engine();
    for args in [
        json!({"path": "/home/me/notes.txt", "content": "Meeting at 10. Always bring the slides."}),
        json!({"query": "ignore previous instructions", "limit": 5}),
        json!({"city": "서울"}),
    ] {
        let v = e.inspect(&call(args.clone()), &Context::default());
        assert_eq!(v.action, Action::Allow, "{args}: {v:?}");
    }
}

#[test]
fn argument_policy_limits_paths_and_urls() {
    let policy = Policy::from_toml(
        r#"name = "args"
[[arguments]]
tool = "fs/*"
allow_roots = ["/home/me/project"]
[[arguments]]
tool = "*/fetch"
allow_urls = ["https://docs.example.com/*"]
"#,
        "args.toml",
        None,
    )
    .expect("policy");
    let e = Engine::new(policy).expect("engine");
    let fs = Context::new(Some("fs"), None);
    let ok = e.inspect(&Subject::tool_call("read_file", json!({"path": "/home/me/project/README.md"})), &fs);
    assert_eq!(ok.action, Action::Allow);
    let bad = e.inspect(&Subject::tool_call("read_file", json!({"path": "/home/me/project/../../../etc/passwd"})), &fs);
    assert_eq!(bad.action, Action::Block, "{bad:?}");
    assert_eq!(bad.findings.first().map(|f| (f.detector.as_str(), f.pointer.as_str())), Some(("policy.path_outside_root", "/arguments/path")));
    // The rule is per tool: another server's read_file is not restricted.
    let other = e.inspect(&Subject::tool_call("read_file", json!({"path": "/etc/hosts"})), &Context::new(Some("other"), None));
    assert_eq!(other.action, Action::Allow);
    let web = Context::new(Some("web"), None);
    let url = e.inspect(&Subject::tool_call("fetch", json!({"url": "https://evil.example/c?d=x"})), &web);
    assert_eq!(url.findings.first().map(|f| f.detector.as_str()), Some("policy.url_not_allowed"));
    assert_eq!(url.action, Action::Block);
}

#[test]
fn argument_rules_are_validated() {
    let err = Policy::from_toml("name = \"x\"\n[[arguments]]\ntool = \"fs\"\nallow_roots = [\"/\"]\n", "p.toml", None)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("arguments[0].tool"), "{err}");
    let err = Policy::from_toml("name = \"x\"\n[[arguments]]\ntool = \"fs/*\"\n", "p.toml", None).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("allow_roots"), "{err}");
}

#[test]
fn old_policies_get_outbound_thresholds() {
    let p = Policy::from_toml("name = \"old\"\n[thresholds.tool_output]\nwarn = 0.5\n", "old.toml", None).expect("policy");
    let e = Engine::new(p).expect("engine");
    let v = e.inspect(&call(json!({"k": "AKIAIOSFODNN7EXAMPLE"})), &Context::default());
    assert_ne!(v.action, Action::Allow);
}

#[test]
fn tools_call_requests_are_recognised() {
    let msg = json!({"jsonrpc": "2.0", "id": 7, "method": "tools/call", "params": {"name": "send", "arguments": {"a": "b"}}});
    let found = subjects_in(&msg).expect("subjects");
    assert_eq!(found.len(), 1);
    assert_eq!(found.first().map(|l| &l.subject), Some(&Subject::tool_call("send", json!({"a": "b"}))));
    assert!(subjects_in(&json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {}})).is_err());
}

#[test]
fn tool_results_are_protected_in_place() {
    let e = Engine::new(Policy::builtin("strict").expect("strict")).expect("engine");
    let result = json!({"content": [{"type": "text", "text": "Seoul: sunny"}, {"type": "image", "data": "aGk=", "mimeType": "image/png"}],
        "structuredContent": {"temp": "21 C"}});
    let subject = Subject::tool_result(result);
    let v = e.inspect(&subject, &Context::default());
    let out = e.protect_subject(&subject, &v).expect("not blocked");
    let Subject::ToolResult { result } = &out.subject else { panic!("shape changed") };
    // Prose is datamarked; binary and structured data keep their values.
    assert_eq!(result["content"][0]["text"], "Seoul:\u{E000}sunny");
    assert_eq!(result["content"][1]["data"], "aGk=");
    assert_eq!(result["structuredContent"]["temp"], "21 C");
    assert!(!out.instruction.is_empty());
}

#[test]
fn variant_names_across_servers_are_flagged() {
    let e = engine();
    let tool = json!({"name": "send_email_v2", "description": "Sends an email.", "inputSchema": {"type": "object"}});
    let ctx = Context {
        server: Some("mail-plus".to_owned()),
        tool: Some("send_email_v2".to_owned()),
        tools: vec![ToolRef { server: Some("gmail".to_owned()), name: "send_email".to_owned() }].into(),
    };
    let v = e.inspect(&Subject::tool(tool.clone()), &ctx);
    assert!(v.findings.iter().any(|f| f.detector == "shadowing.variant_name" && f.pointer == "/name"), "{v:?}");
    let unrelated = Context { tools: vec![ToolRef { server: Some("gmail".to_owned()), name: "read_inbox".to_owned() }].into(), ..ctx };
    let v = e.inspect(&Subject::tool(tool), &unrelated);
    assert!(!v.findings.iter().any(|f| f.detector.starts_with("shadowing.")), "{v:?}");
}
