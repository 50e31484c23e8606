//! The project configuration file, `connector-ls.toml` (or `.connector-ls.toml`): the rules
//! that run, rule severities and ignored findings, shared by `check` and the language server so that an
//! editor shows what CI reports. The file that applies to a connector is the first found
//! walking up from its folder.
//!
//! ```toml
//! profile = "certification"
//! select = ["operations", "responses"]
//! ignore = ["operation-id-not-pascal-case"]
//! min-severity = "warning"
//! base-ref = "origin/main"
//!
//! [rules]
//! operation-id-not-pascal-case = "off"
//! response-schema-missing = "error"
//!
//! [[ignore]]
//! rules = ["response-schema-missing"]
//! files = ["legacy/**"]
//! pointers = ["/paths/~1export/get"]
//! reason = "The export returns a file"
//! ```

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use crate::edit::names::closest;
use crate::paths;
use crate::rules::ignore::{FilePattern, Ignore};
use crate::rules::selection::{parse_severity, rules_named};
use crate::rules::{FAMILIES, Profile, RULES, RuleConfig, RuleLevel, find_rule};
use crate::text::LineIndex;

/// The top-level keys of a configuration file.
const KEYS: [&str; 6] = [
    "profile",
    "select",
    "ignore",
    "min-severity",
    "base-ref",
    "rules",
];

/// The names a configuration file may have, in order of preference within one folder.
pub const FILE_NAMES: [&str; 2] = ["connector-ls.toml", ".connector-ls.toml"];

/// A configuration file that cannot be used, and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
    /// Where in the file, when the mistake is at one place: its byte range, and the 1-based
    /// line and column (in characters) of its start.
    pub at: Option<(Range<usize>, usize, usize)>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.at {
            Some((_, line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// A mistake in a configuration file's text, and the bytes it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mistake {
    pub message: String,
    pub span: Option<Range<usize>>,
}

impl Mistake {
    fn at(span: Range<usize>, message: String) -> Self {
        Mistake {
            message,
            span: Some(span),
        }
    }
}

/// The configuration file that applies to the connector in `dir`: the first found in `dir` or
/// a folder above it.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let dir = paths::absolute(dir);
    dir.ancestors()
        .flat_map(|folder| FILE_NAMES.iter().map(move |name| folder.join(name)))
        .find(|path| path.is_file())
}

/// The text to append to the configuration file at `config`, whose text is `existing`, to
/// ignore the findings of `rule` at or under `pointer` in the file at `path`; `None` when the
/// file is not below the configuration file's folder.
pub fn ignore_entry(
    config: &Path,
    existing: &str,
    path: &Path,
    rule: &str,
    pointer: &str,
) -> Option<String> {
    let file = paths::relative(&paths::folder_of(config), path)?;
    // "./" keeps the pattern to this one path: a bare name would match the name in any folder.
    let file = format!("./{}", globset::escape(&file));
    // A JSON string is a TOML basic string: the same escapes, quoted the same way.
    let quoted = |text: &str| serde_json::Value::from(text).to_string();
    let separator = match existing {
        "" => "",
        text if text.ends_with('\n') => "\n",
        _ => "\n\n",
    };
    Some(format!(
        "{separator}[[ignore]]\nrules = [{}]\nfiles = [{}]\npointers = [{}]\n",
        quoted(rule),
        quoted(&file),
        quoted(pointer)
    ))
}

/// Whether `reference` can name a git revision (it is not empty, an option or a line).
pub fn is_revision(reference: &str) -> bool {
    !reference.trim().is_empty()
        && !reference.starts_with('-')
        && !reference.chars().any(char::is_control)
}

/// Read and check a configuration file. Unknown keys, unknown rules and unknown levels are
/// errors, so that a typo never silently leaves a rule on.
pub fn load(path: &Path) -> Result<RuleConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: path.to_path_buf(),
        message: format!("cannot read: {e}"),
        at: None,
    })?;
    parse(&text, &paths::folder_of(path)).map_err(|mistake| ConfigError {
        path: path.to_path_buf(),
        at: mistake.span.map(|span| {
            let at = LineIndex::new(&text).line_col(&text, span.start as u32);
            (span, at.line as usize + 1, at.col_char as usize + 1)
        }),
        message: mistake.message,
    })
}

/// The rule settings of a configuration file's text; `base` is the folder the file is in,
/// which the file paths of its ignores are relative to.
pub fn parse(text: &str, base: &Path) -> Result<RuleConfig, Mistake> {
    let document = DeTable::parse(text).map_err(|e| Mistake {
        // The parser's message spans several lines with a source excerpt; keep its first.
        message: e.message().trim().to_string(),
        span: e.span(),
    })?;
    let mut config = RuleConfig::default();
    for (key, value) in document.get_ref() {
        match key.get_ref().as_ref() {
            "rules" => {
                let Some(rules) = value.get_ref().as_table() else {
                    return Err(Mistake::at(
                        value.span(),
                        "'rules' must be a table: [rules]".to_string(),
                    ));
                };
                for (rule, level) in rules {
                    known_rule(rule.get_ref(), rule.span())?;
                    let Some(parsed) = level.get_ref().as_str().and_then(RuleLevel::parse) else {
                        return Err(Mistake::at(
                            level.span(),
                            format!(
                                "rule '{}': {} is not a level; use \"off\", \"error\", \"warning\", \"info\" or \"hint\"",
                                rule.get_ref(),
                                describe(level)
                            ),
                        ));
                    };
                    config.overrides.insert(rule.get_ref().to_string(), parsed);
                }
            }
            "ignore" => {
                let Some(entries) = value.get_ref().as_array() else {
                    return Err(Mistake::at(
                        value.span(),
                        "'ignore' must be a list of rule and family names, or [[ignore]] entries"
                            .to_string(),
                    ));
                };
                for (at, entry) in entries.iter().enumerate() {
                    // A name ignores a whole rule or family; a table, the findings it names.
                    if let Some(name) = entry.get_ref().as_str() {
                        let ids = rules_named(name).map_err(|m| Mistake::at(entry.span(), m))?;
                        config.selection.ignore.extend(ids);
                        continue;
                    }
                    let ignore = parse_ignore(entry, base).map_err(|mistake| Mistake {
                        message: format!("ignore entry {}: {}", at + 1, mistake.message),
                        span: mistake.span,
                    })?;
                    config.ignores.push(ignore);
                }
            }
            "select" => {
                let mut select = BTreeSet::new();
                for name in strings(key, value)? {
                    let ids =
                        rules_named(name.get_ref()).map_err(|m| Mistake::at(name.span(), m))?;
                    select.extend(ids);
                }
                config.selection.select = Some(select);
            }
            "profile" => {
                let Some(profile) = value.get_ref().as_str().and_then(Profile::parse) else {
                    return Err(Mistake::at(
                        value.span(),
                        format!(
                            "'profile': {} is not a profile; use {}",
                            describe(value),
                            quoted_names(&Profile::NAMES)
                        ),
                    ));
                };
                config.profile = Some(profile);
            }
            "min-severity" => {
                let Some(severity) = value.get_ref().as_str().and_then(parse_severity) else {
                    return Err(Mistake::at(
                        value.span(),
                        format!(
                            "'min-severity': {} is not a severity; use \"error\", \"warning\", \"info\" or \"hint\"",
                            describe(value)
                        ),
                    ));
                };
                config.selection.min_severity = Some(severity);
            }
            "base-ref" => {
                let Some(reference) = value.get_ref().as_str().filter(|r| is_revision(r)) else {
                    return Err(Mistake::at(
                        value.span(),
                        format!(
                            "'base-ref': {} is not a git revision; use a branch, tag or commit such as \"origin/main\"",
                            describe(value)
                        ),
                    ));
                };
                config.base_ref = Some(reference.to_string());
            }
            other => {
                let hint = closest(other, KEYS)
                    .map(|key| format!(" (did you mean '{key}'?)"))
                    .unwrap_or_default();
                return Err(Mistake::at(
                    key.span(),
                    format!(
                        "unknown key '{other}'{hint}; the file has profile, select, ignore, min-severity and base-ref, a [rules] table and [[ignore]] entries"
                    ),
                ));
            }
        }
    }
    Ok(config)
}

fn parse_ignore(entry: &Spanned<DeValue>, base: &Path) -> Result<Ignore, Mistake> {
    let Some(table) = entry.get_ref().as_table() else {
        return Err(Mistake::at(
            entry.span(),
            format!(
                "{} is neither a rule or family name nor a table",
                describe(entry)
            ),
        ));
    };
    let mut ignore = Ignore {
        rules: Vec::new(),
        files: Vec::new(),
        pointers: Vec::new(),
    };
    for (key, value) in table {
        match key.get_ref().as_ref() {
            "rules" => {
                for rule in strings(key, value)? {
                    known_rule(rule.get_ref(), rule.span())?;
                    ignore.rules.push(rule.get_ref().to_string());
                }
            }
            "files" => {
                for pattern in strings(key, value)? {
                    let file = FilePattern::new(pattern.get_ref(), base)
                        .map_err(|message| Mistake::at(pattern.span(), message))?;
                    ignore.files.push(file);
                }
            }
            "pointers" => {
                for pointer in strings(key, value)? {
                    if !(pointer.get_ref().is_empty() || pointer.get_ref().starts_with('/')) {
                        return Err(Mistake::at(
                            pointer.span(),
                            format!(
                                "'{}' is not a JSON Pointer; it starts with '/', like \"/paths/~1items/get\"",
                                crate::text::excerpt(pointer.get_ref())
                            ),
                        ));
                    }
                    ignore.pointers.push(pointer.get_ref().to_string());
                }
            }
            "reason" if value.get_ref().as_str().is_some() => {}
            "reason" => {
                return Err(Mistake::at(
                    value.span(),
                    format!("'reason' is {}, not a string", describe(value)),
                ));
            }
            other => {
                return Err(Mistake::at(
                    key.span(),
                    format!(
                        "unknown key '{other}'; an entry has rules, and optionally files, pointers and reason"
                    ),
                ));
            }
        }
    }
    if ignore.rules.is_empty() {
        return Err(Mistake::at(
            entry.span(),
            "'rules' is missing: name the rules to ignore".to_string(),
        ));
    }
    Ok(ignore)
}

fn known_rule(rule: &str, span: Range<usize>) -> Result<(), Mistake> {
    if find_rule(rule).is_some() {
        return Ok(());
    }
    let hint = closest(rule, RULES.iter().map(|r| r.id))
        .map(|id| format!("; did you mean '{id}'?"))
        .unwrap_or_default();
    Err(Mistake::at(span, format!("unknown rule '{rule}'{hint}")))
}

/// The strings of a list value, each with its span.
fn strings<'a, 'i>(
    key: &Spanned<DeString>,
    value: &'a Spanned<DeValue<'i>>,
) -> Result<Vec<Spanned<&'a str>>, Mistake> {
    let key = key.get_ref();
    let not_a_list = |span: Range<usize>| {
        Mistake::at(
            span,
            format!("'{key}' must be a list of strings, like {key} = [\"...\"]"),
        )
    };
    value
        .get_ref()
        .as_array()
        .ok_or_else(|| not_a_list(value.span()))?
        .iter()
        .map(|item| match item.get_ref().as_str() {
            Some(text) => Ok(Spanned::new(item.span(), text)),
            None => Err(not_a_list(item.span())),
        })
        .collect()
}

/// `"a" or "b"`.
fn quoted_names(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
    quoted.join(" or ")
}

/// A value as a message names it: a string quoted, anything else by its type.
fn describe(value: &Spanned<DeValue>) -> String {
    match value.get_ref().as_str() {
        Some(text) => format!("{text:?}"),
        None => {
            let kind = value.get_ref().type_str();
            let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("{article} {kind}")
        }
    }
}

/// A JSON Schema of the configuration file, for TOML editors that validate and complete
/// with one (taplo, Even Better TOML): the same keys, rule ids and levels that [`parse`]
/// accepts.
pub fn json_schema() -> serde_json::Value {
    let rule_ids: Vec<&str> = RULES.iter().map(|rule| rule.id).collect();
    let families: Vec<&str> = FAMILIES.iter().map(|(family, _)| *family).collect();
    let names: Vec<&str> = rule_ids.iter().chain(&families).copied().collect();
    let name = |description: &str| serde_json::json!({"type": "string", "enum": names, "description": description});
    let level = serde_json::json!({
        "type": "string",
        "enum": ["off", "error", "warning", "info", "hint"],
    });
    let rules: serde_json::Map<String, serde_json::Value> = RULES
        .iter()
        .map(|rule| {
            let mut property = level.clone();
            property["description"] =
                format!("{} (default: {}).", rule.summary, rule.default_level()).into();
            (rule.id.to_string(), property)
        })
        .collect();
    let strings = |description: &str| {
        serde_json::json!({
            "type": "array",
            "items": {"type": "string"},
            "description": description,
        })
    };
    let mut pointers = strings(
        "JSON Pointers (RFC 6901, as `check --format json` reports them): the findings at or under one of them.",
    );
    pointers["items"]["pattern"] = "^(/.*)?$".into();
    serde_json::json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "connector-ls.toml",
        "description": "connector-ls configuration: the rules that run, rule severities and ignored findings for the connectors in this folder and below.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "profile": {
                "type": "string",
                "enum": Profile::NAMES,
                "description": "The rule severities as a whole: \"default\" (an error only where Power Platform rejects the connector or it breaks) or \"certification\" (every rule that reports a Swagger Validator or certification policy code at certification's severity). [rules] settings still win.",
            },
            "select": {
                "type": "array",
                "items": name("A rule id, or a family name for every rule of the family."),
                "description": format!(
                    "Only these rules run (rule ids and family names: {}); every rule when absent.",
                    families.join(", ")
                ),
            },
            "min-severity": {
                "type": "string",
                "enum": ["error", "warning", "info", "hint"],
                "description": "Findings less severe than this are not reported.",
            },
            "base-ref": {
                "type": "string",
                "description": "The git revision (branch, tag or commit, e.g. \"origin/main\") the editor compares each connector with, to show the changes that break existing flows (the breaking rules) as you type. `check` takes it as --base.",
            },
            "rules": {
                "type": "object",
                "description": "Rule severities by rule id: off, error, warning, info or hint.",
                "additionalProperties": false,
                "properties": rules,
            },
            "ignore": {
                "type": "array",
                "description": "Rules and findings not to report: a rule id or family name turns those rules off; an [[ignore]] entry ignores a finding when its rule is listed and, where given, its file matches one of `files` and its JSON Pointer is one of `pointers` or below one.",
                "items": {"anyOf": [name("A rule id or family name: those rules do not run."), {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["rules"],
                    "properties": {
                        "rules": {
                            "type": "array",
                            "minItems": 1,
                            "items": {"type": "string", "enum": rule_ids},
                            "description": "The rule ids whose findings to ignore.",
                        },
                        "files": strings("Globs of the files: without a '/', a file name in any folder; with one, a path from this file's folder."),
                        "pointers": pointers,
                        "reason": {"type": "string", "description": "Why: for the people who read this file."},
                    },
                }]},
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn base() -> &'static Path {
        Path::new("/project")
    }

    #[test]
    fn rules_table_sets_levels() {
        let config = parse(
            "# team settings\n[rules]\noperation-id-not-pascal-case = \"off\"\nresponse-schema-missing = \"error\"\n",
            base(),
        )
        .unwrap();
        assert_eq!(
            config.overrides.get("operation-id-not-pascal-case"),
            Some(&RuleLevel::Off)
        );
        assert_eq!(
            config.overrides.get("response-schema-missing"),
            Some(&RuleLevel::On(Severity::Error))
        );
        assert_eq!(parse("", base()).unwrap(), RuleConfig::default());
    }

    /// The message of the mistake in `text`, and the text it points at.
    fn mistake(text: &str) -> (String, &str) {
        let mistake = parse(text, base()).unwrap_err();
        let span = mistake.span.expect("the mistake is at one place");
        (mistake.message, &text[span])
    }

    #[test]
    fn mistakes_say_what_and_point_at_it() {
        assert_eq!(
            mistake("[rules]\nresponse-schema-mising = \"off\""),
            (
                "unknown rule 'response-schema-mising'; did you mean 'response-schema-missing'?"
                    .to_string(),
                "response-schema-mising"
            )
        );
        assert_eq!(
            mistake("[rules]\nresponse-schema-missing = \"silent\""),
            ("rule 'response-schema-missing': \"silent\" is not a level; use \"off\", \"error\", \"warning\", \"info\" or \"hint\"".to_string(), "\"silent\"")
        );
        assert_eq!(
            mistake("[rule]\n"),
            (
                "unknown key 'rule' (did you mean 'rules'?); the file has profile, select, ignore, min-severity and base-ref, a [rules] table and [[ignore]] entries"
                    .to_string(),
                "rule"
            )
        );
        assert_eq!(
            mistake("rules = 1"),
            ("'rules' must be a table: [rules]".to_string(), "1")
        );
        let (message, at) = mistake("[rules]\nx = \n");
        assert!(!message.is_empty() && at.len() <= 1, "{message}: {at:?}");

        // A file's mistake says its line and column.
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("connector-ls.toml");
        std::fs::write(&path, "[rules]\n  summary-mising = \"off\"\n").unwrap();
        let error = load(&path).unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with("connector-ls.toml:2:3: unknown rule 'summary-mising'"),
            "{error}"
        );
    }

    #[test]
    fn any_prefix_or_insertion_is_read_without_panicking() {
        let text = "# équipe 😀\n[rules]\nsummary-missing = \"off\"\n[[ignore]]\nrules = [\"secret-committed\"]\nfiles = [\"dossier é/*.json\"]\npointers = [\"/a/é\"]\nreason = \"😀\"\n";
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("connector-ls.toml");
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&at| text.is_char_boundary(at))
            .collect();
        for &at in &boundaries {
            for variant in [
                text[..at].to_string(),
                format!("{}é\"[{}", &text[..at], &text[at..]),
            ] {
                std::fs::write(&path, &variant).unwrap();
                if let Err(ConfigError {
                    at: Some((span, line, column)),
                    ..
                }) = load(&path)
                {
                    assert!(span.start <= variant.len() && line >= 1 && column >= 1);
                }
            }
        }
    }

    #[test]
    fn select_ignore_and_min_severity_choose_what_is_reported() {
        let config = parse(
            "select = [\"responses\", \"operation-id-missing\"]\nignore = [\"response-schema-empty\", { rules = [\"secret-committed\"] }]\nmin-severity = \"warning\"\n",
            base(),
        )
        .unwrap();
        let selection = &config.selection;
        assert!(
            selection.runs("response-schema-missing") && selection.runs("operation-id-missing")
        );
        assert!(
            !selection.runs("response-schema-empty") && !selection.runs("operation-id-whitespace")
        );
        assert_eq!(selection.min_severity, Some(Severity::Warning));
        assert_eq!(config.ignores.len(), 1);
        assert_eq!(config.ignores[0].rules, ["secret-committed"]);

        assert_eq!(
            mistake("select = [\"operation\"]"),
            (
                "unknown rule or family 'operation'; did you mean 'operations'?".to_string(),
                "\"operation\""
            )
        );
        assert_eq!(
            mistake("ignore = [\"security\", \"secret-comitted\"]"),
            (
                "unknown rule or family 'secret-comitted'; did you mean 'secret-committed'?"
                    .to_string(),
                "\"secret-comitted\""
            )
        );
        assert_eq!(
            mistake("select = \"operations\""),
            (
                "'select' must be a list of strings, like select = [\"...\"]".to_string(),
                "\"operations\""
            )
        );
        assert_eq!(
            mistake("min-severity = \"warn\""),
            (
                "'min-severity': \"warn\" is not a severity; use \"error\", \"warning\", \"info\" or \"hint\"".to_string(),
                "\"warn\""
            )
        );
        assert_eq!(
            mistake("min_severity = \"hint\"").0,
            "unknown key 'min_severity' (did you mean 'min-severity'?); the file has profile, select, ignore, min-severity and base-ref, a [rules] table and [[ignore]] entries"
        );
    }

    #[test]
    fn profile_chooses_the_severities_of_rules_without_their_own() {
        use crate::rules::{Profile, find_rule};
        let config = parse(
            "profile = \"certification\"\n[rules]\nresponse-success-missing = \"hint\"\n",
            base(),
        )
        .unwrap();
        assert_eq!(config.profile, Some(Profile::Certification));
        let level = |id: &str| config.level_of(find_rule(id).unwrap());
        // A warning by default, the validator's error under certification.
        assert_eq!(level("response-schema-missing"), Some(Severity::Error));
        // The rule's own setting wins.
        assert_eq!(level("response-success-missing"), Some(Severity::Hint));
        // A rule without validator codes keeps its default.
        assert_eq!(level("operation-id-not-pascal-case"), Some(Severity::Hint));
        // A rule only certification runs is on under it, off by default unless named.
        assert_eq!(level("info-contact-invalid"), Some(Severity::Error));
        let contact = find_rule("info-contact-invalid").unwrap();
        assert_eq!(RuleConfig::default().level_of(contact), None);
        let named = parse("[rules]\ninfo-contact-invalid = \"warning\"\n", base()).unwrap();
        assert_eq!(named.level_of(contact), Some(Severity::Warning));
        assert_eq!(
            RuleConfig::default().level_of(find_rule("response-schema-missing").unwrap()),
            Some(Severity::Warning)
        );
        // The layer above chooses, when it chooses.
        let default = RuleConfig {
            profile: Some(Profile::Default),
            ..RuleConfig::default()
        };
        assert_eq!(
            config.overridden_by(&default).profile,
            Some(Profile::Default)
        );
        assert_eq!(
            config.overridden_by(&RuleConfig::default()).profile,
            Some(Profile::Certification)
        );
        assert_eq!(
            mistake("profile = 1"),
            (
                "'profile': an integer is not a profile; use \"default\" or \"certification\""
                    .to_string(),
                "1"
            )
        );
    }

    #[test]
    fn ignore_entries_name_rules_files_and_pointers() {
        let config = parse(
            r#"
[[ignore]]
rules = ["response-schema-missing", "response-success-missing"]
files = ["legacy/**", "apiDefinition.swagger.json"]
pointers = ["/paths/~1export"]
reason = "The export returns a file"

[[ignore]]
rules = ["secret-committed"]
"#,
            base(),
        )
        .unwrap();
        assert_eq!(config.ignores.len(), 2);
        assert_eq!(
            config.ignores[0].rules,
            ["response-schema-missing", "response-success-missing"]
        );
        assert!(config.ignores[0].files[0].matches(Path::new("/project/legacy/a/settings.json")));
        assert!(config.ignores[0].files[1].matches(Path::new("/x/apiDefinition.swagger.json")));
        assert_eq!(config.ignores[0].pointers, ["/paths/~1export"]);
        assert!(config.ignores[1].files.is_empty() && config.ignores[1].pointers.is_empty());
    }

    #[test]
    fn ignore_mistakes_name_the_entry_and_point_at_the_value() {
        let missing = mistake("[[ignore]]\nfiles = [\"a.json\"]");
        assert_eq!(
            missing.0,
            "ignore entry 1: 'rules' is missing: name the rules to ignore"
        );
        assert_eq!(missing.1, "[[ignore]]");
        assert_eq!(
            mistake(
                "[[ignore]]\nrules = [\"secret-committed\"]\n[[ignore]]\nrules = [\"response-success-mising\"]"
            ),
            ("ignore entry 2: unknown rule 'response-success-mising'; did you mean 'response-success-missing'?".to_string(), "\"response-success-mising\"")
        );
        assert_eq!(
            mistake("[[ignore]]\nrules = \"response-success-missing\""),
            (
                "ignore entry 1: 'rules' must be a list of strings, like rules = [\"...\"]"
                    .to_string(),
                "\"response-success-missing\""
            )
        );
        assert_eq!(
            mistake("[[ignore]]\nrules = [\"response-success-missing\"]\npointers = [\"paths\"]"),
            ("ignore entry 1: 'paths' is not a JSON Pointer; it starts with '/', like \"/paths/~1items/get\"".to_string(), "\"paths\"")
        );
        assert_eq!(
            mistake("[[ignore]]\nrules = [\"response-success-missing\"]\nfile = []"),
            ("ignore entry 1: unknown key 'file'; an entry has rules, and optionally files, pointers and reason".to_string(), "file")
        );
        assert_eq!(
            mistake("ignore = 1"),
            (
                "'ignore' must be a list of rule and family names, or [[ignore]] entries"
                    .to_string(),
                "1"
            )
        );
        assert_eq!(
            mistake("ignore = [1]"),
            (
                "ignore entry 1: an integer is neither a rule or family name nor a table"
                    .to_string(),
                "1"
            )
        );
        let glob = mistake("[[ignore]]\nrules = [\"response-success-missing\"]\nfiles = [\"[\"]");
        assert!(glob.0.contains("not a valid glob"), "{glob:?}");
        assert_eq!(glob.1, "\"[\"");
    }

    #[test]
    fn an_ignore_entry_for_one_finding_reads_back_as_ignoring_it() {
        let config = Path::new("/project/connector-ls.toml");
        let path = Path::new("/project/Contoso [Preview]/apiDefinition.swagger.json");
        let pointer = "/paths/~1items~1{id}/get/x-\"quoted\"";
        let entry =
            ignore_entry(config, "[rules]", path, "operation-id-whitespace", pointer).unwrap();
        assert_eq!(
            entry,
            "\n\n[[ignore]]\nrules = [\"operation-id-whitespace\"]\nfiles = [\"./Contoso [[]Preview[]]/apiDefinition.swagger.json\"]\npointers = [\"/paths/~1items~1{id}/get/x-\\\"quoted\\\"\"]\n"
        );
        let ignore = &parse(&format!("[rules]{entry}"), base()).unwrap().ignores[0];
        assert!(ignore.files[0].matches(path));
        assert!(!ignore.files[0].matches(Path::new("/project/apiDefinition.swagger.json")));
        assert_eq!(ignore.pointers, [pointer]);
        assert!(
            ignore_entry(config, "", path, "x", "")
                .unwrap()
                .starts_with("[[ignore]]")
        );
        assert_eq!(
            ignore_entry(config, "", Path::new("/elsewhere/a.json"), "x", ""),
            None
        );
    }

    #[test]
    fn the_nearest_file_above_applies() {
        let temp = tempfile::tempdir().unwrap();
        let connector = temp.path().join("connectors/contoso");
        std::fs::create_dir_all(&connector).unwrap();
        assert_eq!(
            find(&connector).filter(|p| p.starts_with(temp.path())),
            None
        );
        std::fs::write(temp.path().join(".connector-ls.toml"), "").unwrap();
        assert_eq!(
            find(&connector),
            Some(std::path::absolute(temp.path().join(".connector-ls.toml")).unwrap())
        );
        let nearer = temp.path().join("connectors/connector-ls.toml");
        std::fs::write(&nearer, "").unwrap();
        assert_eq!(find(&connector), Some(std::path::absolute(nearer).unwrap()));
    }
}
