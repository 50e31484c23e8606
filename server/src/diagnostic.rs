//! The protocol-neutral diagnostic: what every rule produces and every reporter (and, later,
//! the language server) consumes. Plain data: rule id, severity, file, byte range, JSON
//! pointer, message, related locations and an optional fix.

use serde::Serialize;

use crate::model::FileKind;
use crate::text::TextRange;

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
