//! The protocol-neutral diagnostic: what every rule produces and every reporter (and, later,
//! the language server) consumes. Plain data: rule id, severity, file, byte range, JSON
//! pointer, message, related locations and an optional fix.

use serde::{Deserialize, Serialize};

use crate::model::{Connector, FileKind};
use crate::text::TextRange;

/// The id of the rule that reports JSON syntax errors: while a connector has any, the fixes of
/// these findings are the only ones that may be applied.
pub const SYNTAX_ERROR_RULE: &str = "json-syntax-error";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
}

/// A place in one of the connector's files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: FileKind,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub location: Location,
    pub message: String,
}

/// Whether a fix can be applied without a person looking at it. Each rule's "Fix safety"
/// section says why its fixes are one or the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Cannot change what the platform does at run time: the connector behaves the same, or it
    /// could not have been published as it is (the validator rejects it). `check --fix` and
    /// fix-all apply it blind.
    Safe,
    /// Can change behaviour, guesses, or needs a follow-up step (a new redirect URI, a renamed
    /// operation); applied only with `--unsafe-fixes` or by choice in the editor.
    Unsafe,
}

/// One replacement of a byte range in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub file: FileKind,
    pub range: TextRange,
    pub new_text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    /// Non-overlapping edits, possibly in several files of the connector.
    pub edits: Vec<Edit>,
}

/// An action an editor can offer beyond the fixes, one that needs input from the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Prompt {
    /// Generate the schema of the response at this JSON pointer from a sample of what it
    /// returns, which the user pastes.
    SchemaFromSample { pointer: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub file: FileKind,
    pub range: TextRange,
    /// RFC 6901 pointer of the offending key or value (empty for non-JSON files).
    pub pointer: String,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt: Option<Prompt>,
    /// The code Microsoft's Swagger Validator gives this finding (`OperationIdRequired`), when
    /// it has one: one of the codes its rule declares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validator: Option<&'static str>,
    /// The certification policy code of this finding (`5000.2.2.1`), when a policy names it:
    /// one of the codes its rule declares.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<&'static str>,
}

impl Diagnostic {
    pub fn with_related(
        &mut self,
        file: FileKind,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Self {
        self.related.push(Related {
            location: Location { file, range },
            message: message.into(),
        });
        self
    }

    pub fn with_fix(&mut self, fix: Fix) -> &mut Self {
        self.fixes.push(fix);
        self
    }

    pub fn with_prompt(&mut self, prompt: Prompt) -> &mut Self {
        self.prompt = Some(prompt);
        self
    }

    /// Name the validator code of this finding, for a rule that declares several.
    pub fn with_validator(&mut self, code: &'static str) -> &mut Self {
        self.validator = Some(code);
        self
    }

    /// Name the certification policy code of this finding, for a rule that declares several.
    pub fn with_policy(&mut self, code: &'static str) -> &mut Self {
        self.policy = Some(code);
        self
    }

    /// Microsoft's codes for this finding, as reports write them after the rule id: the
    /// validator's code, then the certification policy's (`OperationIdRequired / 5000.2.2.1`).
    pub fn microsoft_codes(&self) -> Option<String> {
        match (self.validator, self.policy) {
            (Some(code), Some(policy)) => Some(format!("{code} / {policy}")),
            (code, policy) => code.or(policy).map(str::to_string),
        }
    }

    /// Whether this finding is a JSON syntax error rather than a finding about the content.
    pub fn is_syntax_error(&self) -> bool {
        self.rule == SYNTAX_ERROR_RULE
    }
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

impl Fix {
    /// Whether this fix of `diagnostic` may be applied to `connector` as it is now; `check
    /// --fix`, fix-all and the quick fixes offered in the editor all ask this. A file that is
    /// not valid UTF-8 or too large is never edited (its bytes cannot be written back
    /// faithfully). While any JSON file of the connector has syntax errors, only the repairs
    /// of those errors apply, each to its own file: every other fix was computed from a tree
    /// that recovery may have rebuilt wrongly (a path that is really a top-level section),
    /// and a fix spanning files (a rename) would find only part of what it must change, or
    /// change a clean file and not the broken one.
    pub fn applies_to(&self, diagnostic: &Diagnostic, connector: &Connector) -> bool {
        let repairs_syntax =
            diagnostic.is_syntax_error() && self.edits.iter().all(|e| e.file == diagnostic.file);
        (repairs_syntax || !connector.has_syntax_errors())
            && self.edits.iter().all(|edit| {
                connector
                    .file(edit.file)
                    .is_some_and(|file| file.is_editable())
            })
    }
}

impl Edit {
    pub fn replace(file: FileKind, range: TextRange, new_text: impl Into<String>) -> Self {
        Edit {
            file,
            range,
            new_text: new_text.into(),
        }
    }
}

/// The fixes of `candidates` that can be applied together: each fix is taken whole or not at
/// all, and a fix whose edits overlap (or touch the same point as) an edit already taken is
/// skipped. Used by fix-all in the editor and by `check --fix`.
pub fn compatible_fixes<'a>(candidates: impl IntoIterator<Item = &'a Fix>) -> Vec<&'a Fix> {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut chosen = Vec::new();
    for fix in candidates {
        let conflicts = fix.edits.iter().any(|edit| {
            taken.iter().any(|other| {
                other.file == edit.file
                    && other.range.start <= edit.range.end
                    && edit.range.start <= other.range.end
            })
        });
        if !conflicts {
            taken.extend(fix.edits.iter());
            chosen.push(fix);
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(start: u32, end: u32) -> Fix {
        Fix::safe(
            "f",
            vec![Edit::replace(
                FileKind::ApiDefinition,
                TextRange::new(start, end),
                "x",
            )],
        )
    }

    #[test]
    fn overlapping_fixes_are_skipped() {
        let fixes = [fix(0, 2), fix(1, 3), fix(5, 6), fix(6, 6)];
        let chosen: Vec<_> = compatible_fixes(&fixes)
            .into_iter()
            .map(|f| f.edits[0].range.start)
            .collect();
        assert_eq!(chosen, [0, 5]);
    }
}
