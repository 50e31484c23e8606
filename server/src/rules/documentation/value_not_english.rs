//! Text makers read (titles, summaries, descriptions) written in a script other than Latin.

use crate::diagnostic::Severity;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeId;
use crate::text::excerpt;
use crate::vocabulary::Loc;

declare_rule! {
    /// ## What it does
    /// Reports a text makers read that holds a word of a script other than Latin (Greek,
    /// Cyrillic, Chinese, Japanese, Arabic…): `info.title` and `info.description`, the
    /// `summary` and `description` of operations, and the `x-ms-summary`, `description` and
    /// `title` of parameters and schemas. A word is two letters of such a script in a row:
    /// a lone letter is a symbol (`μg/m3`), not a language. Accented Latin letters (`é`,
    /// `ü`, `ø`) are Latin: names such as `Zürich` or `Citroën` are English text. No language
    /// is guessed from the words themselves.
    ///
    /// ## Why
    /// Microsoft's validator rejects values it finds not written in English
    /// (`ValueMustBeInEnglish`: "The '{0}' value must be written in English."): connectors
    /// are published in English and translated by Microsoft. Two published connectors (one
    /// certified) have such words, in four property descriptions that quote a Greek or
    /// Russian name in English text; one more writes `μg`, which is not reported: a warning
    /// by default, an error under the certification profile (a warning still in schemas,
    /// since a certified connector passed the validator with such a description).
    ///
    /// ## Example
    /// ```json
    /// "summary": "Получить счёт"
    /// ```
    ///
    /// ## Fix
    /// Write the text in English.
    ///
    /// ## Fix safety
    /// No automatic fix: translating is for a person.
    RULE {
        id: "value-not-english",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A title, summary or description holds words of a script other than Latin",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["ValueMustBeInEnglish"],
        policy: ["5000.2.3.1"],
        certification: Error,
        check: check,
    }
}

/// The keys of text makers read, by the kind of object that holds them.
const READ_BY_MAKERS: &[(Loc, &[&str])] = &[
    (Loc::Info, &["title", "description"]),
    (Loc::Operation, &["summary", "description"]),
    (Loc::Parameter, &["x-ms-summary", "description", "title"]),
    (Loc::Schema, &["x-ms-summary", "description", "title"]),
];

/// Whether a letter is of the Latin script: Basic Latin, Latin-1 and the Latin Extended
/// blocks, IPA, and the full-width Latin forms.
fn is_latin(letter: char) -> bool {
    matches!(
        u32::from(letter),
        0x0000..=0x02AF | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF
            | 0xAB30..=0xAB6F | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A
    )
}

/// The first word of `text` in a script other than Latin: a run of two letters or more of
/// such scripts (a lone Greek `μ` or `Ω` is a unit symbol).
fn foreign_word(text: &str) -> Option<&str> {
    let mut start = None;
    let mut letters = 0;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphabetic() && !is_latin(c) {
            start.get_or_insert(at);
            letters += 1;
            continue;
        }
        // Marks (accents, vowel signs) belong to the word they stand in.
        if start.is_some() && is_mark(c) {
            continue;
        }
        if let Some(from) = start.take()
            && letters >= 2
        {
            return Some(&text[from..at]);
        }
        letters = 0;
    }
    None
}

/// Combining marks: the vowel signs of Indic scripts and the diacritics written after a
/// letter (`\u{0301}`).
fn is_mark(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F
            | 0x0900..=0x0DFF | 0x0E31..=0x0E3A | 0x0E47..=0x0E4E | 0x3099..=0x309A
    ) && !c.is_alphabetic()
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let mut holders: Vec<(NodeId, Loc)> = Vec::new();
    if let Some(info) = tree.get(swagger.root, "info") {
        holders.push((info, Loc::Info));
    }
    holders.extend(
        swagger
            .operations
            .iter()
            .map(|op| (op.node, Loc::Operation)),
    );
    holders.extend(ctx.objects_at(&[Loc::Parameter, Loc::Schema]));
    let grades = sink.may_grade();
    for (holder, loc) in holders {
        let Some((_, keys)) = READ_BY_MAKERS.iter().find(|(place, _)| *place == loc) else {
            continue;
        };
        for key in *keys {
            let Some(value) = tree.get(holder, key) else {
                continue;
            };
            let Some(word) = tree.as_str(value).and_then(foreign_word) else {
                continue;
            };
            let diagnostic = sink.at_value(
                file.kind,
                tree,
                value,
                format!(
                    "The '{key}' value must be written in English: '{}' is not in the Latin \
                     script",
                    excerpt(word)
                ),
            );
            // A certified connector passed the validator with Greek words in property
            // descriptions: whether it reads schemas is not known, so those stay warnings.
            if loc == Loc::Schema && grades {
                diagnostic.severity = diagnostic.severity.max(Severity::Warning);
            }
            // The policy is about the connector's own description only.
            if !(loc == Loc::Info && *key == "description") {
                diagnostic.policy = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::foreign_word;

    #[test]
    fn words_of_other_scripts_are_found_and_accents_and_symbols_are_not() {
        assert_eq!(foreign_word("Get the invoice"), None);
        assert_eq!(foreign_word("Zürich, Citroën, Ørsted, Łódź"), None);
        assert_eq!(foreign_word("a standard of 50μg/m3, 10 Ω"), None);
        assert_eq!(
            foreign_word("Code 10 for \"Ταμιευτήριο\""),
            Some("Ταμιευτήριο")
        );
        assert_eq!(foreign_word("Получить счёт"), Some("Получить"));
        assert_eq!(foreign_word("請求書を取得"), Some("請求書を取得"));
        assert_eq!(foreign_word("हिन्दी text"), Some("हिन्दी"));
        assert_eq!(foreign_word("ends with 名前"), Some("名前"));
    }
}
