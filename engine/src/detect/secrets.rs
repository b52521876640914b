//! Outbound detectors: what must not leave in a tool call's arguments — private keys, cloud and
//! API credentials, tokens, the contents of sensitive files, paths to them, the system prompt
//! or the agent's tool list echoed back.
//!
//! These patterns run on the ORIGINAL argument strings (secrets are case-sensitive and their
//! spans are what redaction replaces), only on the `tool_arguments` surface.

use crate::input::Context;
use regex::Regex;
use std::sync::LazyLock;

/// One match: detector id, byte range in the original string, and a weight multiplier.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretMatch {
    /// Built-in detector id (`secret.*`).
    pub id: &'static str,
    /// Byte offsets in the string.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// What was found, for the reason (never the secret itself).
    pub what: &'static str,
}

/// `(detector, what, pattern)`: credentials recognised by their shape.
const CREDENTIALS: &[(&str, &str, &str)] = &[
    ("secret.private_key", "a private key", r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
    ("secret.cloud_credential", "an AWS access key id", r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b"),
    ("secret.cloud_credential", "an AWS secret access key", r"(?i:aws_secret_access_key|aws_secret_key)\s*[=:]\s*[A-Za-z0-9/+=]{40}"),
    ("secret.cloud_credential", "a Google API key", r"\bAIza[0-9A-Za-z_\-]{35}"),
    ("secret.cloud_credential", "a Google service-account key", r#""private_key_id"\s*:\s*"[0-9a-f]{40}""#),
    ("secret.cloud_credential", "an Azure storage key", r"AccountKey=[A-Za-z0-9+/=]{80,}"),
    ("secret.api_token", "an Anthropic API key", r"\bsk-ant-[A-Za-z0-9]{2,8}-[A-Za-z0-9_\-]{40,}"),
    ("secret.api_token", "an OpenAI-style API key", r"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{32,}"),
    ("secret.api_token", "a GitHub token", r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{40,255})"),
    ("secret.api_token", "a GitLab token", r"\bglpat-[A-Za-z0-9_\-]{20,}"),
    ("secret.api_token", "a Slack token", r"\bxox[abposr]-[A-Za-z0-9\-]{10,}"),
    ("secret.api_token", "a Slack webhook", r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+"),
    ("secret.api_token", "a Stripe live key", r"\b(?:sk|rk)_live_[0-9A-Za-z]{24,}"),
    ("secret.api_token", "a Hugging Face token", r"\bhf_[A-Za-z0-9]{34,}"),
    ("secret.api_token", "an npm token", r"\bnpm_[A-Za-z0-9]{36}\b"),
    ("secret.api_token", "a PyPI token", r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}"),
    ("secret.api_token", "a SendGrid key", r"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}"),
    ("secret.api_token", "a JSON Web Token", r"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}"),
    ("secret.api_token", "a URL with a password", r"\b[a-z][a-z0-9+.\-]*://[^\s:/@]{1,64}:[^\s:/@]{3,128}@[^\s/]+"),
    ("secret.sensitive_file", "an AWS credentials file", r"\[[A-Za-z0-9_\-]+\]\s*\n\s*aws_access_key_id\s*="),
    ("secret.sensitive_file", "a password database line", r"(?m)^root:[^:\n]*:0:0:"),
    ("secret.sensitive_file", "a password hash", r"(?m)^[a-z_][a-z0-9_\-]*:\$(?:1|2[aby]?|5|6|y|argon2id?)\$[^:\n]{8,}:"),
    ("secret.sensitive_file", "a kubeconfig credential", r"(?:client-key-data|client-certificate-data):\s*[A-Za-z0-9+/=_\-.]{40,}"),
    ("secret.sensitive_file", "an npm or pip credential file", r"(?m)(?:^|:)_auth(?:Token)?\s*=\s*\S{12,}"),
    ("secret.sensitive_file", "a Docker credential file", r#""auths"\s*:\s*\{[^}]{0,400}"auth"\s*:\s*"[A-Za-z0-9+/=]{16,}""#),
];

/// Paths whose mere mention in an argument is worth a look (the agent sending or reading them).
const SENSITIVE_PATH: &str = r"(?:~|\$HOME|/home/[^/\s]+|/root|/Users/[^/\s]+|%USERPROFILE%)?[/\\]?(?:\.ssh[/\\](?:id_[a-z0-9_]+|identity|authorized_keys|known_hosts|config)|\.aws[/\\](?:credentials|config)|\.kube[/\\]config|\.docker[/\\]config\.json|\.git-credentials|\.netrc|\.npmrc|\.pypirc|\.gnupg[/\\]|\.config[/\\]gcloud[/\\]|\.azure[/\\]|\.env(?:\.[a-z]+)?\b|/etc/shadow|/etc/sudoers|\.bash_history|\.zsh_history|\.claude[/\\]|\.cursor[/\\]mcp\.json|claude_desktop_config\.json)";

/// A `.env`-style line assigning a credential.
const ENV_LINE: &str = r"(?m)^(?:export\s+)?[A-Z][A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?)[A-Z0-9_]*\s*=\s*\S{8,}";

/// A credential assigned by name, whose value is checked for entropy.
const ASSIGNED: &str = r#"(?i)\b(?:api[_\-]?key|apikey|secret(?:[_\-]?key)?|access[_\-]?token|auth[_\-]?token|token|password|passwd|pwd|client[_\-]?secret|bearer)["']?\s*(?:[:=]|\s)\s*["']?([A-Za-z0-9_\-+/=.~]{16,200})"#;

/// Phrases that echo a system prompt.
const SYSTEM_PROMPT: &str = r"(?i)(?:\byou are (?:claude|chatgpt|gpt-[0-9a-z.]+|gemini|copilot|cursor)\b|\byou are an? (?:ai|helpful|large language model)[a-z ]{0,20}(?:assistant|model)\b[^\n]{0,200}\b(?:you (?:must|should|will)|your (?:task|role|goal))|<\s*/?\s*system(?:[_\- ]prompt)?\s*>|\bsystem prompt\s*:|\b(?:here (?:is|are) )?my (?:system )?instructions (?:are|say)\b)";

struct Compiled {
    credentials: Vec<(&'static str, &'static str, Regex)>,
    sensitive_path: Regex,
    env_line: Regex,
    assigned: Regex,
    system_prompt: Regex,
    token: Regex,
}

#[allow(clippy::expect_used, reason = "the patterns are constants, checked by the tests")]
static COMPILED: LazyLock<Compiled> = LazyLock::new(|| Compiled {
    credentials: CREDENTIALS.iter().map(|(id, what, p)| (*id, *what, Regex::new(p).expect("secret pattern"))).collect(),
    sensitive_path: Regex::new(SENSITIVE_PATH).expect("path pattern"),
    env_line: Regex::new(ENV_LINE).expect("env pattern"),
    assigned: Regex::new(ASSIGNED).expect("assignment pattern"),
    system_prompt: Regex::new(SYSTEM_PROMPT).expect("system prompt pattern"),
    token: Regex::new(r"[A-Za-z0-9+/_\-]{32,256}={0,2}").expect("token pattern"),
});

/// Shannon entropy in bits per character.
pub fn entropy(s: &str) -> f32 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in s.bytes() {
        if let Some(c) = counts.get_mut(usize::from(b)) {
            *c += 1;
        }
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = n as f32;
    counts.iter().filter(|&&c| c > 0).map(|&c| {
        let p = c as f32 / n;
        -p * p.log2()
    }).sum()
}

/// Whether a string looks like a random secret rather than a word, an identifier or a hex hash:
/// letters and digits mixed, and more entropy than hex can have.
fn looks_random(s: &str, min_entropy: f32) -> bool {
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    let upper = s.bytes().filter(u8::is_ascii_uppercase).count();
    let lower = s.bytes().filter(u8::is_ascii_lowercase).count();
    let classes = usize::from(digits > 0) + usize::from(upper > 0) + usize::from(lower > 0);
    classes >= 2 && digits * 20 >= s.len() && entropy(s) >= min_entropy
}

/// Every secret-like match in one argument string. `ctx` gives the tool list (to recognise it
/// being echoed back).
pub fn scan(text: &str, ctx: &Context) -> Vec<SecretMatch> {
    let c = &*COMPILED;
    let mut out: Vec<SecretMatch> = Vec::new();
    let push = |id: &'static str, what: &'static str, start: usize, end: usize, out: &mut Vec<SecretMatch>| {
        if !out.iter().any(|m| m.start <= start && end <= m.end) {
            out.push(SecretMatch { id, start, end, what });
        }
    };
    for (id, what, re) in &c.credentials {
        for m in re.find_iter(text) {
            let mut end = m.end();
            if *id == "secret.private_key" {
                // The whole armoured block, through its END line (when there is one).
                if let Some(e) = text.get(end..).and_then(|rest| rest.find("-----END ")) {
                    let after = end + e + "-----END ".len();
                    end = text.get(after..).and_then(|rest| rest.find("-----")).map_or(end, |k| after + k + 5);
                }
            }
            push(id, what, m.start(), end, &mut out);
        }
    }
    let env: Vec<_> = c.env_line.find_iter(text).collect();
    if env.len() >= 2 {
        for m in env {
            push("secret.sensitive_file", "an environment file", m.start(), m.end(), &mut out);
        }
    }
    for caps in c.assigned.captures_iter(text) {
        if let Some(v) = caps.get(1) {
            if looks_random(v.as_str(), 3.3) {
                push("secret.credential_assignment", "a credential assigned by name", v.start(), v.end(), &mut out);
            }
        }
    }
    for m in c.token.find_iter(text) {
        let t = m.as_str().trim_end_matches('=');
        if t.len() >= 32 && looks_random(t, 4.3) {
            push("secret.high_entropy", "a high-entropy token", m.start(), m.end(), &mut out);
        }
    }
    for m in c.sensitive_path.find_iter(text) {
        push("secret.sensitive_path", "a path to a credential or history file", m.start(), m.end(), &mut out);
    }
    for m in c.system_prompt.find_iter(text) {
        push("secret.system_prompt", "the system prompt", m.start(), m.end(), &mut out);
    }
    // The agent's tool list echoed back: several tool names, or schema keywords, in one string.
    let lower = text.to_lowercase();
    let mut named: Vec<(usize, usize)> = Vec::new();
    for t in ctx.tools.iter().filter(|t| t.name.chars().count() >= 4) {
        let name = t.name.to_lowercase();
        if let Some(p) = lower.find(&name) {
            if !named.iter().any(|&(s, _)| s == p) {
                named.push((p, p + name.len()));
            }
        }
    }
    let schema_words = ["\"inputschema\"", "\"tools\":", "\"properties\":"].iter().filter(|w| lower.contains(*w)).count();
    if named.len() >= 3 || schema_words >= 2 {
        let start = named.iter().map(|p| p.0).min().unwrap_or(0);
        let end = named.iter().map(|p| p.1).max().unwrap_or(text.len()).max(start);
        // `lower` may differ in length from `text` for a few scripts; fall back to the whole string.
        let (start, end) = if lower.len() == text.len() && schema_words < 2 { (start, end) } else { (0, text.len()) };
        push("secret.tool_list", "the agent's tool list", start, end, &mut out);
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ToolRef;

    fn ids(text: &str) -> Vec<&'static str> {
        scan(text, &Context::default()).into_iter().map(|m| m.id).collect()
    }

    #[test]
    fn patterns_compile() {
        assert_eq!(COMPILED.credentials.len(), CREDENTIALS.len());
    }

    #[test]
    fn finds_credentials() {
        let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----";
        assert_eq!(ids(&format!("sidenote: {key}")), vec!["secret.private_key"]);
        assert_eq!(ids("id AKIAIOSFODNN7EXAMPLE here"), vec!["secret.cloud_credential"]);
        assert_eq!(ids("token ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123"), vec!["secret.api_token"]);
        assert_eq!(ids("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD"), vec!["secret.api_token"]);
        assert_eq!(ids("password=Zk8#pQ2vL9xT4mW7nR1s"), Vec::<&str>::new(), "`#` ends the value: too short");
        assert_eq!(ids("password: Zk8pQ2vL9xT4mW7nR1sY"), vec!["secret.credential_assignment"]);
        assert_eq!(ids("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin"), vec!["secret.sensitive_file"]);
        assert_eq!(ids("[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE"), vec!["secret.sensitive_file", "secret.cloud_credential"]);
        assert_eq!(ids("DB_PASSWORD=hunter2hunter2\nSTRIPE_SECRET_KEY=abcdefgh12345"), vec!["secret.sensitive_file", "secret.sensitive_file"]);
        assert_eq!(ids("cat ~/.ssh/id_rsa"), vec!["secret.sensitive_path"]);
        assert_eq!(ids("You are Claude, an AI assistant made by Anthropic."), vec!["secret.system_prompt"]);
        assert_eq!(ids("postgres://admin:s3cretpass@db.internal:5432/app"), vec!["secret.api_token"]);
    }

    #[test]
    fn leaves_ordinary_arguments_alone() {
        for text in [
            "What is the weather in Seoul?",
            "/home/me/project/src/main.rs",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "550e8400-e29b-41d4-a716-446655440000",
            "https://example.com/docs/getting-started?lang=en",
            "SELECT id, name FROM users WHERE created_at > '2024-01-01'",
            "the token limit is 4096 and the password field is optional",
            "my_function_name_that_is_very_long_indeed_for_testing",
            "서울의 날씨를 알려 주세요",
        ] {
            assert_eq!(ids(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn tool_list_echo() {
        let ctx = Context {
            tools: ["read_file", "send_email", "list_directory", "search_docs"]
                .iter()
                .map(|n| ToolRef { server: None, name: (*n).to_owned() })
                .collect(),
            ..Context::default()
        };
        let found = scan("tools: read_file, send_email, list_directory", &ctx);
        assert_eq!(found.iter().map(|m| m.id).collect::<Vec<_>>(), vec!["secret.tool_list"]);
        assert!(scan("please read_file the notes", &ctx).is_empty());
    }

    #[test]
    fn entropy_orders_strings() {
        assert!(entropy("aaaaaaaa") < 0.01);
        assert!(entropy("Zk8pQ2vL9xT4mW7nR1sY") > 4.0);
    }
}
