//! Microsoft's messages placed in the connector. What users are sent has a JSON pointer and no
//! line: pipeline lines (`##[error]… ValuePath: /paths/~1items/get`, with or without the newer
//! `error Code:` prefix and quotes around the pointer), the portal's "Specified swagger has the
//! following errors: … Error : paths/~1items : …", paconn's JSON (`\r\n` between entries), or
//! bare pointers one per line, the numbered entries of the certification team's report
//! ("Error(s) are: 1. The required property 'x-ms-connector-metadata' is missing…"), or lines
//! naming a certification policy code (`5000.2.2.1`). Each message becomes a finding at the key its pointer names (or at its
//! nearest existing parent, said so; a policy code at the place its policy is about), with
//! the rule that covers its code when one does. It needs no rule of its own: a check
//! connector-ls does not implement is placed too.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Connector, FileKind};
use crate::rules::policy::{POLICIES, PolicyCode, rules_reporting_policy};
use crate::rules::validator::{CODES, rules_reporting};
use crate::syntax::json::{JsonTree, NodeId, NodeKind, escape_pointer, unescape_pointer};
use crate::text::{TextRange, excerpt};

/// The rule id of a located message no rule covers.
pub const LOCATED_MESSAGE: &str = "validator-message";

/// One message read from the text, before it is placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub pointer: Option<String>,
    pub severity: Severity,
    pub code: Option<&'static str>,
    /// The certification policy the message names.
    pub policy: Option<&'static PolicyCode>,
}

/// The messages in `log`, in order.
pub fn messages(log: &str) -> Vec<Message> {
    // paconn prints the service's JSON, whose message separates entries with `\r\n`; text
    // pasted in one line (an input box) runs the pipeline's lines together.
    let log = log
        .replace("\\r\\n", "\n")
        .replace("\\n", "\n")
        .replace("##[error]", "\n##[error]")
        .replace("##[warning]", "\n##[warning]");
    let mut found = Vec::new();
    let mut in_report = false;
    for line in log.lines() {
        // The certification team's report: numbered entries after "Error(s) are:", each
        // followed by lines that show the fix (a sample of the JSON wanted), which are read
        // like any other line and place nothing.
        if line.contains(REPORT_HEADING) {
            in_report = true;
            continue;
        }
        if let Some(entry) = numbered_entry(line).filter(|_| in_report) {
            found.extend(report_entry(entry));
            continue;
        }
        let (line, severity, marked) = strip_prefixes(line);
        // The portal and paconn put several `Error : …` entries in one line.
        let mut entries = line.split("Error : ").map(str::trim);
        let head = entries.next().unwrap_or_default();
        let portal: Vec<&str> = entries.collect();
        if portal.is_empty() {
            found.extend(message(head, severity, marked));
        }
        for entry in portal {
            found.extend(portal_entry(entry));
        }
    }
    found
}

/// The line without a timestamp, a CI service's marker, or a quote, and the severity the
/// marker gives; `marked` when the line says it is a validator's message.
fn strip_prefixes(line: &str) -> (&str, Severity, bool) {
    let mut line = line.trim();
    // Azure Pipelines logs start each line with a timestamp: 2024-05-01T10:00:00.1234567Z
    if let Some((stamp, rest)) = line.split_once(' ')
        && stamp.len() >= 20
        && stamp.ends_with('Z')
        && stamp.as_bytes()[4] == b'-'
        && stamp.contains('T')
    {
        line = rest.trim_start();
    }
    line = line.trim_start_matches(['`', '>', ' ']);
    for (marker, severity) in [
        ("##[error]", Severity::Error),
        ("##[warning]", Severity::Warning),
    ] {
        if let Some(rest) = line.strip_prefix(marker) {
            return (rest.trim(), severity, true);
        }
    }
    (line, Severity::Error, false)
}

/// One pipeline line, or a bare pointer; `None` for a line that is neither.
fn message(line: &str, mut severity: Severity, marked: bool) -> Option<Message> {
    let line = line.trim_end_matches(['`', ' ']);
    if line.is_empty() {
        return None;
    }
    let policy = policy_in(line);
    let (mut text, pointer) = match line.rsplit_once("ValuePath:") {
        Some((text, pointer)) => (text.trim(), Some(clean_pointer(pointer))),
        None if is_pointer(line) => ("", Some(clean_pointer(line))),
        None if marked || policy.is_some() => (line, None),
        None => return None,
    };
    // The newer form: `error OperationIdNotUnique: message`.
    let mut code = None;
    for (word, level) in [("error ", Severity::Error), ("warning ", Severity::Warning)] {
        if let Some(rest) = text.strip_prefix(word)
            && let Some((name, rest)) = rest.split_once(':')
            && !name.contains(' ')
        {
            code = known_code(name);
            severity = level;
            text = rest.trim();
        }
    }
    Some(Message {
        code: code.or_else(|| code_in(text)),
        text: text.to_string(),
        pointer,
        severity,
        policy,
    })
}

/// What starts the list of errors in the certification team's report.
const REPORT_HEADING: &str = "Error(s) are:";

/// The text of a numbered entry (`2. Title cannot…`).
fn numbered_entry(line: &str) -> Option<&str> {
    let line = line.trim();
    let (number, text) = line.split_once(". ")?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then(|| text.trim())
}

/// The report's phrasings of certification policies that name no code, as the certification
/// team writes them in the connectors repository's pull requests.
const REPORT_POLICIES: [(&str, &str); 1] =
    [("Title cannot contain the reserved words", "5000.2.2.2")];

/// One entry of the certification team's report: a property it names as missing ("The
/// required property 'x' is missing in 'Connector/…_openapidefinition.json'") is looked for
/// at the top of the file.
fn report_entry(text: &str) -> Option<Message> {
    if text.is_empty() {
        return None;
    }
    let pointer = text
        .split_once("required property '")
        .and_then(|(_, rest)| rest.split_once('\''))
        .map(|(name, _)| format!("/{}", escape_pointer(name)));
    let policy = policy_in(text).or_else(|| {
        REPORT_POLICIES
            .iter()
            .find(|(phrase, _)| text.contains(phrase))
            .and_then(|(_, code)| POLICIES.iter().find(|p| p.code == *code))
    });
    Some(Message {
        code: code_in(text),
        text: text.to_string(),
        pointer,
        severity: Severity::Error,
        policy,
    })
}

/// One `Error : …` entry of the portal or paconn: `pointer : message`, or a message alone.
fn portal_entry(entry: &str) -> Option<Message> {
    let entry = entry.trim_end_matches(['\'', '"', ' ', '}', ',']);
    if entry.is_empty() {
        return None;
    }
    let (pointer, text) = match entry.split_once(" : ") {
        Some((pointer, text)) if is_pointer(pointer) => (Some(clean_pointer(pointer)), text),
        _ => (None, entry),
    };
    Some(Message {
        code: code_in(text),
        text: text.trim().to_string(),
        pointer,
        severity: Severity::Error,
        policy: policy_in(text),
    })
}

/// Whether a token reads as a JSON pointer: no spaces, and `/…`, `#/…`, or a top-level key of
/// a definition followed by `/` (the portal leaves out the first slash).
fn is_pointer(token: &str) -> bool {
    let token = token.trim().trim_matches(['\'', '"', '`']);
    const TOP: [&str; 8] = [
        "paths",
        "definitions",
        "parameters",
        "responses",
        "securityDefinitions",
        "info",
        "x-ms-connector-metadata",
        "properties",
    ];
    !token.is_empty()
        && !token.contains(char::is_whitespace)
        && (token.starts_with('/')
            || token.starts_with("#/")
            || TOP
                .iter()
                .any(|top| token == *top || token.starts_with(&format!("{top}/"))))
}

/// The pointer at the start of `text` as RFC 6901 writes it: what the quotes hold or the first
/// word, without a `#` or trailing punctuation, the first slash restored.
fn clean_pointer(text: &str) -> String {
    let text = text.trim();
    let token = match text.chars().next() {
        Some(quote @ ('\'' | '"' | '`')) => {
            let inner = &text[1..];
            &inner[..inner.find(quote).unwrap_or(inner.len())]
        }
        _ => text.split_whitespace().next().unwrap_or_default(),
    };
    let token = token.trim_end_matches(['.', ',', ';']);
    let token = token.strip_prefix('#').unwrap_or(token);
    match token.starts_with('/') || token.is_empty() {
        true => token.to_string(),
        false => format!("/{token}"),
    }
}

fn known_code(name: &str) -> Option<&'static str> {
    CODES.iter().find(|c| c.code == name).map(|c| c.code)
}

/// The codes of the validator's messages that do not name theirs, by a phrase of the message
/// as pull requests of the connectors repository quote it (the more specific phrases first).
const MESSAGE_CODES: [(&str, &str); 12] = [
    (
        "could not be found in this swagger document",
        "OperationIdRequired",
    ),
    (
        "contains any of the restricted characters",
        "RestrictedCharactersInSummary",
    ),
    (
        "connector metadata property",
        "ConnectorMetadataPropertiesMissing",
    ),
    (
        "'x-ms-connector-metadata' property is required",
        "ConnectorMetadataPropertiesMissing",
    ),
    (
        "property 'x-ms-connector-metadata' is missing",
        "ConnectorMetadataPropertiesMissing",
    ),
    ("required property", "RequiredPropertyMissing"),
    ("property is required", "RequiredPropertyMissing"),
    ("value must be between", "FieldLengthNotInRange"),
    (
        "contains at least one of the restricted words",
        "ValueContainsRestrictedWords",
    ),
    ("must be a valid URI host", "HostNameNotValid"),
    (
        "response should not have schema",
        "DefaultResponseHasSchema",
    ),
    (
        "defined multiple times with different capitalization",
        "DuplicateOperationPath",
    ),
];

/// The validator code of a message: named in it (some messages end with theirs), or known by
/// its phrasing.
fn code_in(text: &str) -> Option<&'static str> {
    let named = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find_map(known_code);
    named.or_else(|| {
        MESSAGE_CODES
            .iter()
            .find(|(phrase, _)| text.contains(phrase))
            .and_then(|(_, code)| known_code(code))
    })
}

/// The certification policy a line names: a listed code (`5000.2.2.1`) as a word of its own.
fn policy_in(line: &str) -> Option<&'static PolicyCode> {
    line.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|word| word.trim_end_matches('.'))
        .find_map(|word| POLICIES.iter().find(|p| p.code == word))
}

/// Every message of `log` as a finding in `connector`: at the key its pointer names in the
/// definition (or apiProperties.json, for pointers only it holds), or at the nearest part of
/// the file that is there; a message without a pointer at the top of the definition.
pub fn locate(log: &str, connector: &Connector) -> Vec<Diagnostic> {
    messages(log)
        .into_iter()
        .filter_map(|message| place(message, connector))
        .collect()
}

fn place(message: Message, connector: &Connector) -> Option<Diagnostic> {
    // The rule of the code, when one rule reports it (a code several rules share, such as
    // RequiredPropertyMissing, does not tell which).
    let by_code = message.code.map(rules_reporting);
    let by_policy = message.policy.map(|p| rules_reporting_policy(p.code));
    let rule = match by_code.or(by_policy).as_deref() {
        Some([rule]) => Some(rule.id),
        _ => None,
    };
    // A policy report gives no pointer: the place its policy is about stands in.
    let subject = message
        .policy
        .filter(|_| message.pointer.is_none())
        .and_then(|p| p.subject)
        .filter(|subject| connector.file(subject.file).is_some());
    if let Some(subject) = subject
        && !subject.file.is_json()
    {
        return Some(Diagnostic {
            rule: rule.unwrap_or(LOCATED_MESSAGE),
            severity: message.severity,
            file: subject.file,
            range: TextRange::empty(0),
            pointer: String::new(),
            message: message.text,
            related: Vec::new(),
            fixes: Vec::new(),
            prompt: None,
            validator: message.code,
            policy: message.policy.map(|p| p.code),
        });
    }
    let files = match subject {
        Some(subject) => vec![subject.file],
        None => vec![FileKind::ApiDefinition, FileKind::ApiProperties],
    };
    let trees = files.iter().filter_map(|&kind| {
        let file = connector.file(kind)?;
        Some((kind, file.tree()?))
    });
    let pointer = match subject {
        Some(subject) => subject.pointer.to_string(),
        None => message.pointer.clone().unwrap_or_default(),
    };
    // The file where the most of the pointer exists.
    let (file, tree, (node, depth)) = trees
        .map(|(kind, tree)| (kind, tree, nearest(tree, &pointer)))
        .max_by_key(|(kind, _, (_, depth))| (*depth, *kind == FileKind::ApiDefinition))?;
    let found = tree.pointer(node);
    let exact = depth == segments(&pointer).count();
    let mut text = match message.text.is_empty() {
        true => format!("the validator points at {}", excerpt(&pointer)),
        false => message.text.clone(),
    };
    if message.pointer.is_none() && subject.is_none() {
        text.push_str(" (no place given: shown at the top of the file)");
    } else if !exact {
        text.push_str(&format!(
            " ({} is not in the file: shown at its nearest part, {})",
            excerpt(&pointer),
            match found.as_str() {
                "" => "the top".to_string(),
                found => excerpt(found).into_owned(),
            }
        ));
    }
    Some(Diagnostic {
        rule: rule.unwrap_or(LOCATED_MESSAGE),
        severity: message.severity,
        file,
        range: key_range(tree, node),
        pointer: found,
        message: text,
        related: Vec::new(),
        fixes: Vec::new(),
        prompt: None,
        validator: message.code,
        policy: message.policy.map(|p| p.code),
    })
}

fn segments(pointer: &str) -> impl Iterator<Item = &str> {
    pointer.split('/').skip(1)
}

/// The deepest node on `pointer`'s way, and how many of its segments lead there.
fn nearest(tree: &JsonTree, pointer: &str) -> (NodeId, usize) {
    let Some(mut node) = tree.root() else {
        return (0, 0);
    };
    let mut depth = 0;
    for raw in segments(pointer) {
        let segment = unescape_pointer(raw);
        let next = match tree.kind(node) {
            NodeKind::Object(_) => tree.get(node, &segment),
            NodeKind::Array(items) => segment
                .parse::<usize>()
                .ok()
                .and_then(|i| items.get(i).copied()),
            _ => None,
        };
        match next {
            Some(next) => (node, depth) = (next, depth + 1),
            None => break,
        }
    }
    (node, depth)
}

/// Where a node is named: the key of a member, the value of anything else (an array item, the
/// root's opening brace).
fn key_range(tree: &JsonTree, node: NodeId) -> TextRange {
    match tree.member_of(node) {
        Some(member) => member.key_range,
        None if tree.parent(node).is_none() => {
            let start = tree.range(node).start;
            TextRange::new(start, start + 1)
        }
        None => tree.range(node),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real lines, as reviewers and pipelines quote them in the connectors repository's pull
    /// requests and issues.
    #[test]
    fn reads_the_forms_users_are_sent() {
        let pipeline = "##[error]Summary string contains any of the restricted characters [/\\<>*%&?] ValuePath: /paths/~1api~1organizations~1{org}~1tasks~1{task}~1comment/post/summary";
        let found = messages(pipeline);
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/paths/~1api~1organizations~1{org}~1tasks~1{task}~1comment/post/summary")
        );
        assert!(found[0].text.starts_with("Summary string contains"));
        assert_eq!(found[0].severity, Severity::Error);

        let found = messages("##[error]The 'contact' property is required. ValuePath: /info");
        assert_eq!(found[0].pointer.as_deref(), Some("/info"));
        assert_eq!(found[0].text, "The 'contact' property is required.");

        let found = messages("##[error]The 'x-ms-connector-metadata' property is required.");
        assert_eq!(found[0].pointer, None);
        assert_eq!(found[0].code, Some("ConnectorMetadataPropertiesMissing"));
        let found = messages("##[error]The 'x-ms-summary' property is required. ValuePath: /x");
        assert_eq!(found[0].code, Some("RequiredPropertyMissing"));

        let portal = "Specified swagger has the following errors: 'Definition is not valid. Error: 'Error : paths/~1/securityDefinitions : The property 'securityDefinitions' is not valid. If this property is an extension, its name must begin with \"x-\". '";
        let found = messages(portal);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/paths/~1/securityDefinitions")
        );
        assert!(
            found[0]
                .text
                .starts_with("The property 'securityDefinitions' is not valid")
        );

        let paconn = r#""message": "Swagger certification failed with errors. Please validate again after fixing following errors: Error : info : The 'contact' property is required.\r\nError : The 'x-ms-connector-metadata' property is required.""#;
        let found = messages(paconn);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].pointer.as_deref(), Some("/info"));
        assert_eq!(found[1].pointer, None);
        assert_eq!(
            found[1].text,
            "The 'x-ms-connector-metadata' property is required."
        );

        let newer = "2024-05-01T10:00:00.1234567Z ##[warning]warning OperationIdNotUnique: The operationId 'GetItem' is not unique. ValuePath: '/paths/~1items/get/operationId'";
        let found = messages(newer);
        assert_eq!(found[0].code, Some("OperationIdNotUnique"));
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].pointer.as_deref(),
            Some("/paths/~1items/get/operationId")
        );
        assert_eq!(found[0].text, "The operationId 'GetItem' is not unique.");

        // Lines run together, as pasted in one line.
        let one_line = "##[error]A ValuePath: /info ##[warning]B ValuePath: '/paths/~1a b' (x)";
        let found = messages(one_line);
        let pointers: Vec<_> = found.iter().map(|m| m.pointer.as_deref()).collect();
        assert_eq!(pointers, [Some("/info"), Some("/paths/~1a b")]);
        assert_eq!((found[0].text.as_str(), found[1].text.as_str()), ("A", "B"));

        let bare = messages("/paths/~1items/get\n#/definitions/Item\nnothing here\n");
        let pointers: Vec<_> = bare.iter().map(|m| m.pointer.as_deref()).collect();
        assert_eq!(
            pointers,
            [Some("/paths/~1items/get"), Some("/definitions/Item")]
        );
    }

    #[test]
    fn places_each_message_at_its_key_or_nearest_parent() {
        let definition = r#"{
  "swagger": "2.0",
  "info": {"title": "T", "version": "1"},
  "paths": {"/items": {"get": {"operationId": "GetItem", "responses": {}}}}
}"#;
        let file = crate::model::SourceFile::from_text(
            FileKind::ApiDefinition,
            "apiDefinition.swagger.json".into(),
            definition.to_string(),
        );
        let connector = Connector::from_files(".".into(), vec![file], Vec::new());
        let text = |d: &Diagnostic| definition[d.range.as_usize()].to_string();
        let log = "##[error]error OperationIdNotUnique: not unique ValuePath: /paths/~1items/get/operationId\n\
                   ##[error]The 'contact' property is required. ValuePath: /info/contact\n\
                   ##[error]The 'x-ms-connector-metadata' property is required.";
        let found = locate(log, &connector);
        assert_eq!(found.len(), 3);
        assert_eq!(text(&found[0]), "\"operationId\"");
        assert_eq!(found[0].rule, "operation-id-duplicate");
        assert_eq!(found[0].validator, Some("OperationIdNotUnique"));
        assert_eq!(text(&found[1]), "\"info\"");
        assert_eq!(found[1].rule, LOCATED_MESSAGE);
        assert!(
            found[1]
                .message
                .contains("/info/contact is not in the file")
        );
        assert_eq!(found[1].pointer, "/info");
        assert_eq!(text(&found[2]), "{");
        assert!(found[2].message.contains("no place given"));
    }
}
