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

/// Whether a fix can be applied without a person looking at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the connector's meaning; `check --fix` and fix-all may apply it.
    Safe,
    /// Changes behaviour or needs a follow-up step (a new redirect URI, a renamed operation).
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
