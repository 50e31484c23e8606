//! The project configuration file, `connector-ls.toml` (or `.connector-ls.toml`): rule
//! severities shared by `check` and the language server, so that an editor shows what CI
//! reports. The file that applies to a connector is the first found walking up from its
//! folder.
//!
//! ```toml
//! [rules]
//! operation-id-not-pascal-case = "off"
//! response-schema-missing = "error"
//! ```

use std::path::{Path, PathBuf};

use crate::rules::names::closest;
use crate::rules::{RULES, RuleConfig, RuleLevel, find_rule};

/// The names a configuration file may have, in order of preference within one folder.
pub const FILE_NAMES: [&str; 2] = ["connector-ls.toml", ".connector-ls.toml"];

/// A configuration file that cannot be used, and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// The configuration file that applies to the connector in `dir`: the first found in `dir` or
/// a folder above it.
pub fn find(dir: &Path) -> Option<PathBuf> {
    let dir = std::path::absolute(dir).ok()?;
    dir.ancestors()
        .flat_map(|folder| FILE_NAMES.iter().map(move |name| folder.join(name)))
        .find(|path| path.is_file())
}

/// Read and check a configuration file. Unknown keys, unknown rules and unknown levels are
/// errors, so that a typo never silently leaves a rule on.
pub fn load(path: &Path) -> Result<RuleConfig, ConfigError> {
    let error = |message: String| ConfigError {
        path: path.to_path_buf(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| error(format!("cannot read: {e}")))?;
    parse(&text).map_err(error)
}

/// The rule settings of a configuration file's text.
pub fn parse(text: &str) -> Result<RuleConfig, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        // The parser's message spans several lines with a source excerpt; keep its first.
        let message = e.message().trim().to_string();
        match e.span().map(|span| line_col(text, span.start)) {
            Some((line, column)) => format!("line {line}, column {column}: {message}"),
            None => message,
        }
    })?;
    let mut config = RuleConfig::default();
    for (key, value) in &table {
        if key != "rules" {
            return Err(format!(
                "unknown key '{key}'; the file has one table, [rules]"
            ));
        }
        let Some(rules) = value.as_table() else {
            return Err("'rules' must be a table: [rules]".to_string());
        };
        for (rule, level) in rules {
            if find_rule(rule).is_none() {
                let hint = closest(rule, RULES.iter().map(|r| r.id))
                    .map(|id| format!("; did you mean '{id}'?"))
                    .unwrap_or_default();
                return Err(format!("unknown rule '{rule}'{hint}"));
            }
            let Some(level) = level.as_str().and_then(RuleLevel::parse) else {
                let found = match level.as_str() {
                    Some(name) => format!("{name:?}"),
                    None => format!("a {}", level.type_str()),
                };
                return Err(format!(
                    "rule '{rule}': {found} is not a level; use \"off\", \"error\", \"warning\", \"info\" or \"hint\""
                ));
            };
            config.overrides.insert(rule.clone(), level);
        }
    }
    Ok(config)
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn rules_table_sets_levels() {
        let config = parse(
            "# team settings\n[rules]\noperation-id-not-pascal-case = \"off\"\nresponse-schema-missing = \"error\"\n",
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
        assert_eq!(parse("").unwrap(), RuleConfig::default());
    }

    #[test]
    fn mistakes_are_errors_that_say_where_and_what() {
        assert_eq!(
            parse("[rules]\nresponse-schema-mising = \"off\"").unwrap_err(),
            "unknown rule 'response-schema-mising'; did you mean 'response-schema-missing'?"
        );
        assert_eq!(
            parse("[rules]\nresponse-schema-missing = \"silent\"").unwrap_err(),
            "rule 'response-schema-missing': \"silent\" is not a level; use \"off\", \"error\", \"warning\", \"info\" or \"hint\""
        );
        assert_eq!(
            parse("[rule]\n").unwrap_err(),
            "unknown key 'rule'; the file has one table, [rules]"
        );
        assert_eq!(
            parse("rules = 1").unwrap_err(),
            "'rules' must be a table: [rules]"
        );
        let syntax = parse("[rules]\nx = \n").unwrap_err();
        assert!(syntax.starts_with("line 2, column "), "{syntax}");
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
