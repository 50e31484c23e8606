use crate::diagnostic::{Edit, Fix, Severity};
use crate::links;
use crate::model::FileKind;
use crate::model::swagger::{Operation, Swagger};
use crate::rules::context::{Context, Sink};
use crate::rules::readme::{
    Section, body, is_operations_heading, key, normalize, readme, sections, visible_operations,
};
use crate::rules::registry::declare_rule;
use crate::syntax::markdown::{Heading, Outline};
use crate::text::{TextRange, excerpt, excerpt_list};

declare_rule! {
    /// ## What it does
    /// Reports a `Supported Operations` section (or `Supported Actions`, `Supported
    /// Triggers`…) that does not list every operation makers see (not `x-ms-visibility:
    /// internal`, not `deprecated`), or that lists an entry that names no operation of the
    /// definition (an entry naming an internal operation, which publishers list for the
    /// dropdowns it fills, is let be).
    ///
    /// The entries are the section's subheadings (`### Get items`; grouping headings such as
    /// `### Actions` and `### Triggers` are looked into), else its list items at the outer
    /// level (`- **Get items**: …`, ``* `Get items` - …``, `1. Get items: …`), else the first
    /// cells of a table of operations. An entry names an operation by its summary or its
    /// operationId; case, spacing and punctuation are ignored, and an entry worded a little
    /// otherwise (half of its words in common with a summary not listed otherwise) is taken
    /// for that operation. A missing operation is a warning; an entry that names none is
    /// information, since it may be worded for people or be prose read as an entry.
    ///
    /// ## Why
    /// The readme is the connector's documentation page; reviewers check its operations
    /// against the definition. An operation added later and never listed, or one removed and
    /// still listed, misleads the makers who read it.
    ///
    /// ## Example
    /// ```markdown
    /// ## Supported Operations
    /// ### Get items
    /// ```
    /// for a definition whose operations are "Get items" and "Create item".
    ///
    /// ## Fix
    /// The fix regenerates the section from the definition: a subheading per visible
    /// operation, in the definition's order, with its summary and its description; other
    /// sections of operations (`## Supported Triggers` beside it) are removed.
    ///
    /// ## Fix safety
    /// Unsafe: the section's text is replaced, so what was written by hand in it (an
    /// introduction, descriptions richer than the definition's, grouping headings, a second
    /// section of triggers) is lost.
    /// Review the result before committing it.
    RULE {
        id: "readme-operations-mismatch",
        severity: Warning,
        file: Some(FileKind::Readme),
        summary: "The readme's Supported Operations do not match the definition's operations",
        reference: Some(links::README_TEMPLATE),
        check: check,
    }
}

/// One operation as the readme lists it.
struct Entry {
    name: String,
    range: TextRange,
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, outline)) = readme(ctx) else {
        return;
    };
    // Operations recovery may have lost would look undocumented, or documented but gone.
    let Some(swagger) = ctx.swagger().filter(|swagger| !swagger.operations_guessed) else {
        return;
    };
    let all: Vec<&Heading> = sections(outline, Section::SupportedOperations).collect();
    // `### Actions` under `## Supported Operations` is part of it, not a section of its own.
    let headings: Vec<&Heading> = all
        .iter()
        .filter(|h| {
            !all.iter()
                .any(|outer| outer.level < h.level && body(outer).contains(h.line.start))
        })
        .copied()
        .collect();
    let Some(&first) = headings.first() else {
        return;
    };
    let visible = visible_operations(swagger);
    let names = |op: &Operation| {
        let summary = swagger.tree.get_str(op.node, "summary").map(key);
        let id = swagger.operation_id(op).map(key);
        [summary, id]
            .into_iter()
            .flatten()
            .filter(|k| !k.is_empty())
    };
    // An entry may name an internal or deprecated operation (publishers list those that
    // feed dropdowns): only a name no operation has is reported.
    let known: Vec<String> = swagger.operations.iter().flat_map(names).collect();
    let entries: Vec<Entry> = headings
        .iter()
        .flat_map(|heading| entries(&file.text, outline, heading, &known))
        .collect();
    let listed: Vec<String> = entries.iter().map(|e| key(&e.name)).collect();
    let mut missing: Vec<&Operation> = visible
        .iter()
        .filter(|op| !names(op).any(|name| listed.contains(&name)))
        .copied()
        .collect();
    let mut unmatched: Vec<&Entry> = entries
        .iter()
        .filter(|entry| !known.contains(&key(&entry.name)))
        // The template's `Operation 1` is readme-placeholder's finding.
        .filter(|entry| !matches!(key(&entry.name).as_str(), "operation1" | "operation2"))
        // `### Known Issues and Limitations` nested too deep is a section, not an entry.
        .filter(|entry| {
            !Section::ALL
                .iter()
                .any(|s| s.named_by(&normalize(&entry.name)))
        })
        .collect();
    // A readme that words an operation a little otherwise ("Create a document from
    // template" for "Create new document from template") still lists it.
    unmatched.retain(|entry| {
        let best = missing
            .iter()
            .enumerate()
            .map(|(at, op)| (at, similarity(&entry.name, &display_name(swagger, op))))
            .filter(|(_, score)| *score >= SIMILAR)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((at, _)) => {
                missing.remove(at);
                false
            }
            None => true,
        }
    });
    let missing: Vec<String> = missing.iter().map(|op| display_name(swagger, op)).collect();
    let fix = regenerate(&file.text, swagger, &visible, &headings);
    if !missing.is_empty() {
        let message = format!(
            "'{}' does not list {} of the connector's operations: {}",
            excerpt(&first.text),
            missing.len(),
            excerpt_list(missing.iter().map(String::as_str))
        );
        sink.report(FileKind::Readme, first.range, String::new(), message)
            .with_fix(fix.clone());
    }
    // An entry that names no operation may be worded for people, or be prose the outline took
    // for an entry (about a third of those read by hand in the corpus): a note, not a warning.
    let grades = sink.may_grade();
    for entry in unmatched {
        let section = headings
            .iter()
            .find(|h| body(h).contains(entry.range.start))
            .unwrap_or(&first);
        let message = format!(
            "'{}' lists '{}', which is no operation of the definition (no summary or operationId is this)",
            excerpt(&section.text),
            excerpt(&entry.name)
        );
        let diagnostic = sink
            .report(FileKind::Readme, entry.range, String::new(), message)
            .with_fix(fix.clone());
        if grades {
            diagnostic.severity = Severity::Info;
        }
    }
}

/// How alike an entry and a summary must be to be taken for one operation worded otherwise:
/// half of their words in common.
const SIMILAR: f64 = 0.5;

/// Words that do not tell operations apart.
const STOP_WORDS: [&str; 12] = [
    "a", "an", "the", "of", "for", "to", "by", "from", "in", "on", "all", "and",
];

/// The share of words two names have in common (Jaccard index of their word sets).
fn similarity(a: &str, b: &str) -> f64 {
    let words = |text: &str| -> std::collections::BTreeSet<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

/// The operations a section lists: its subheadings one level down (looking into grouping
/// headings such as `### Actions`), else its outer list items, else the first cells of its
/// table rows. Headings further down (`#### Parameters` under an operation) are not entries.
fn entries(text: &str, outline: &Outline, heading: &Heading, known: &[String]) -> Vec<Entry> {
    let section = body(heading);
    let below: Vec<&Heading> = outline.headings_in(section).collect();
    if let Some(level) = below.iter().map(|h| h.level).min() {
        let named: Vec<Entry> = below
            .iter()
            .filter(|h| h.level == level)
            // `## Known issues` under `# Supported Actions` is the next section, not an
            // entry, unless an operation has that name (`### Authentication`).
            .filter(|h| {
                !Section::ALL.iter().any(|s| s.named_by(&normalize(&h.text)))
                    || known.contains(&key(&h.text))
            })
            .flat_map(|h| match is_group(outline, h) {
                true => entries(text, outline, h, known),
                false => heading_entry(h).into_iter().collect(),
            })
            .collect();
        if !named.is_empty() {
            return named;
        }
    }
    // List items directly under the section or under its grouping headings.
    let items: Vec<_> = outline.items_in(section).collect();
    if let Some(outer) = items.iter().map(|i| i.indent).min() {
        return items
            .iter()
            .filter(|i| i.indent == outer)
            .filter_map(|i| entry(text, i.range))
            .collect();
    }
    let lines: Vec<Entry> = outline
        .lines_in(section)
        .filter(|line| line.text.starts_with(['`', '*']))
        .filter_map(|line| {
            let (_, end) = name_span(&line.text);
            let after = line.text[end..].trim_start_matches(['`', '*']).trim_start();
            let named = after.starts_with([':', '-', '–']) || line.text[..end].ends_with(':');
            named.then(|| entry(text, line.range)).flatten()
        })
        .collect();
    if !lines.is_empty() {
        return lines;
    }
    table_entries(outline, section)
}

/// Whether a heading under Supported Operations groups entries (`### Actions`, `### Triggers`,
/// `### [Locations Operations](…)`, or a heading with only a list under it:
/// `### Link management` over `* Create a short URL`…) rather than naming one.
fn is_group(outline: &Outline, heading: &Heading) -> bool {
    let name = normalize(heading_name(heading));
    let section = body(heading);
    let listed = outline.items_in(section).nth(1).is_some();
    let only_a_list = outline.lines_in(section).next().is_none() && listed;
    // "Document Operations" over a list groups; "Get keyword actions" over a paragraph names
    // an operation.
    let group_name = name
        .rsplit(' ')
        .next()
        .is_some_and(|last| GROUP_WORDS.contains(&last))
        && (listed || outline.headings_in(section).next().is_some());
    is_operations_heading(&name) || group_name || only_a_list
}

/// The last words of a heading that groups operations.
const GROUP_WORDS: [&str; 8] = [
    "operations",
    "actions",
    "triggers",
    "endpoints",
    "webhooks",
    "apis",
    "api",
    "methods",
];

/// The first cell of each table row that is not its header or separator.
fn table_entries(outline: &Outline, section: TextRange) -> Vec<Entry> {
    let rows: Vec<_> = outline
        .lines_in(section)
        .filter(|line| line.text.starts_with('|'))
        .collect();
    let separator = rows
        .iter()
        .position(|row| row.text.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')));
    // Only a table of operations: its first column says so (`| Operation | Description |`),
    // not one of parameters.
    let Some(separator) = separator.filter(|&at| {
        at > 0 && {
            let header = normalize(rows[at - 1].text.trim_start_matches('|'));
            ["operation", "action", "trigger", "summary"]
                .iter()
                .any(|word| {
                    header
                        .split('|')
                        .next()
                        .is_some_and(|cell| cell.contains(word))
                })
        }
    }) else {
        return Vec::new();
    };
    rows[separator + 1..]
        .iter()
        .filter_map(|row| {
            let cell = row.text[1..].split('|').next()?;
            let start = row.range.start as usize + 1 + (cell.len() - cell.trim_start().len());
            let cell = cell.trim();
            let range = TextRange::new(start as u32, (start + cell.len()) as u32);
            entry_in(cell, range)
        })
        .collect()
}

/// A subheading names its operation with all its text (`### Get - My Boards`), emphasis
/// and a trailing colon aside.
fn heading_entry(heading: &Heading) -> Option<Entry> {
    let name = heading_name(heading).trim_matches(['*', '_', '`', ':', ' ']);
    let offset = heading.text.find(name)? as u32;
    (!key(name).is_empty()).then(|| Entry {
        name: name.to_string(),
        range: TextRange::new(
            heading.range.start + offset,
            heading.range.start + offset + name.len() as u32,
        ),
    })
}

/// A heading's text, or the text of the link it is (`### [Get items](…)`): never cut at a
/// dash (`### Actions - Describe Quick Action` is one name).
fn heading_name(heading: &Heading) -> &str {
    match heading.text.starts_with('[') {
        true => {
            let (start, end) = name_span(&heading.text);
            &heading.text[start..end]
        }
        false => heading.text.as_str(),
    }
}

/// The operation name an entry's text gives: the emphasized, code or linked text it starts
/// with, else what comes before a `:` or a dash.
fn entry(text: &str, range: TextRange) -> Option<Entry> {
    entry_in(&text[range.as_usize()], range)
}

fn entry_in(line: &str, range: TextRange) -> Option<Entry> {
    let (start, end) = name_span(line);
    let name = line[start..end].trim().trim_end_matches(':').trim_end();
    // A sentence ("Flows can also be triggered when a document is signed.") is prose in a
    // list, not the name of an operation.
    let sentence = name.split_whitespace().count() > MAX_NAME_WORDS;
    if key(name).is_empty() || sentence {
        return None;
    }
    let offset = start + line[start..end].find(name)?;
    let start = range.start + offset as u32;
    Some(Entry {
        name: name.to_string(),
        range: TextRange::new(start, start + name.len() as u32),
    })
}

/// The most words an operation's name has in a readme; longer is a sentence.
const MAX_NAME_WORDS: usize = 10;

/// The byte span of the name within an entry's text.
fn name_span(line: &str) -> (usize, usize) {
    for (open, close) in [
        ("**", "**"),
        ("__", "__"),
        ("`", "`"),
        ("[", "]"),
        ("*", "*"),
    ] {
        if let Some(rest) = line.strip_prefix(open)
            && let Some(end) = rest.find(close)
        {
            return (open.len(), open.len() + end);
        }
    }
    let end = [": ", " - ", " – ", " — ", " : "]
        .iter()
        .filter_map(|separator| line.find(separator))
        .min()
        .unwrap_or_else(|| line.strip_suffix(':').map_or(line.len(), str::len));
    (0, end)
}

/// What the readme calls an operation: its summary, else its operationId, else its method
/// and path.
fn display_name(swagger: &Swagger, op: &Operation) -> String {
    swagger
        .tree
        .get_str(op.node, "summary")
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| swagger.name(op))
}

/// The fix: the section's body written anew from the visible operations.
/// The first section gets the list; the others (`## Supported Triggers` beside `## Supported
/// Actions`) are removed, so that nothing is listed twice.
fn regenerate(text: &str, swagger: &Swagger, visible: &[&Operation], headings: &[&Heading]) -> Fix {
    let heading = headings[0];
    let marks = "#".repeat(usize::from(heading.level.min(5)) + 1);
    let mut new_text = String::from("\n");
    for op in visible {
        new_text.push_str(&format!("\n{marks} {}\n", display_name(swagger, op)));
        if let Some(description) = swagger
            .tree
            .get_str(op.node, "description")
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            for line in description.lines() {
                // A heading in a description would read as an entry of its own.
                if line.trim_start().starts_with('#') {
                    new_text.push('\\');
                }
                new_text.push_str(line);
                new_text.push('\n');
            }
        }
    }
    let section = body(heading);
    if (section.end as usize) < text.len() {
        new_text.push('\n');
    }
    let mut edits = vec![Edit::replace(FileKind::Readme, section, new_text)];
    for other in &headings[1..] {
        let whole = TextRange::new(other.line.start, other.section_end);
        edits.push(Edit::replace(FileKind::Readme, whole, ""));
    }
    Fix::unsafe_("Regenerate Supported Operations from the definition", edits)
}
