//! The candidates of JSON files: keys allowed where the cursor is, their values, array items
//! and whole structures, from the vocabulary and the connector's own names.

use std::collections::HashSet;

use crate::edit::names::{description_of, json_string, title_of};
use crate::ide::docs::{self, describe_parameter, operation_markdown, ref_markdown, ref_type};
use crate::model::swagger::{self, Swagger};
use crate::model::{Connector, FileKind, SourceFile};
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::TextRange;
use crate::vocabulary::{
    self, CUSTOM_PARAMETERS, EnumValue, Key, Kind, Loc, Only, POLICY_PARAM_PREFIX,
    POLICY_TEMPLATES, Seg, Source,
};

use super::cursor::{CursorContext, cursor_context, resolve_path, scan_string, unescape_json};
use super::snippets::{
    escape_choice, escape_snippet, line_indent, next_significant, reindent, snippet_string,
    snippet_to_plain,
};
use super::{Candidate, CandidateKind, Role, fit_inside_string};

struct Ctx<'a> {
    connector: &'a Connector,
    kind: FileKind,
    file: &'a SourceFile,
    tree: &'a JsonTree,
    cursor: CursorContext,
    /// The base indentation and unit for multi-line snippets.
    base: String,
    unit: String,
    /// A colon follows the token at the cursor: a key being renamed, so only the key is
    /// inserted.
    colon_after: bool,
    out: Vec<Candidate>,
}

impl<'a> Ctx<'a> {
    fn text(&self) -> &'a str {
        &self.file.text
    }

    fn additional(&self) -> Vec<(TextRange, String)> {
        self.cursor
            .missing_comma
            .map(|at| vec![(TextRange::empty(at), ",".to_string())])
            .unwrap_or_default()
    }

    fn filter_for(&self, label: &str, quoted_form: &str) -> Option<String> {
        if self.cursor.quoted {
            Some(quoted_form.to_string())
        } else if self.cursor.replace.is_empty() {
            None
        } else {
            Some(label.to_string())
        }
    }

    fn push(&mut self, mut candidate: Candidate) {
        candidate.sort = format!("{:04}", self.out.len());
        self.out.push(candidate);
    }

    /// The definition this file belongs with, as a Swagger view.
    fn definition(&self) -> Option<&'a JsonTree> {
        match self.kind {
            FileKind::ApiDefinition => Some(self.tree),
            _ => self.connector.file(FileKind::ApiDefinition)?.tree(),
        }
    }

    fn multi_line(&self, template: &str) -> String {
        reindent(template, &self.base, &self.unit)
    }
}

/// The candidates at `offset` in a JSON file of the connector.
pub(super) fn complete_json(
    connector: &Connector,
    kind: FileKind,
    file: &SourceFile,
    offset: u32,
) -> Vec<Candidate> {
    let Some(tree) = file.tree() else {
        return Vec::new();
    };
    let Some(cursor) = cursor_context(&file.text, offset) else {
        return Vec::new();
    };
    let base = line_indent(&file.text, cursor.replace.start);
    let colon_after = next_significant(&file.text, cursor.replace.end) == Some(b':');
    let mut ctx = Ctx {
        connector,
        kind,
        file,
        tree,
        cursor,
        base,
        unit: crate::edit::json::indent_unit(&file.text),
        colon_after,
        out: Vec::new(),
    };
    match ctx.cursor.role.clone() {
        Role::Root => root_candidates(&mut ctx),
        Role::Key => key_candidates(&mut ctx),
        Role::Value(key) => value_candidates(&mut ctx, &key),
        Role::Item(_) => item_candidates(&mut ctx),
    }
    let Ctx { cursor, out, .. } = ctx;
    out.into_iter()
        .filter_map(|candidate| fit_inside_string(candidate, &cursor))
        .collect()
}

fn root_candidates(ctx: &mut Ctx) {
    let (label, template) = match ctx.kind {
        FileKind::ApiDefinition => (
            "connector definition",
            "{\n\t\"swagger\": \"2.0\",\n\t\"info\": {\n\t\t\"title\": \"$1\",\n\t\t\"description\": \"$2\",\n\t\t\"version\": \"1.0\"\n\t},\n\t\"host\": \"$3\",\n\t\"basePath\": \"/\",\n\t\"schemes\": [\"https\"],\n\t\"consumes\": [\"application/json\"],\n\t\"produces\": [\"application/json\"],\n\t\"paths\": {$0},\n\t\"definitions\": {},\n\t\"securityDefinitions\": {}\n}",
        ),
        FileKind::ApiProperties => (
            "apiProperties",
            "{\n\t\"properties\": {\n\t\t\"iconBrandColor\": \"#${1:da3b01}\",\n\t\t\"capabilities\": [\"actions\"],\n\t\t\"publisher\": \"$2\",\n\t\t\"stackOwner\": \"$3\",\n\t\t\"connectionParameters\": {$0}\n\t}\n}",
        ),
        FileKind::Settings => (
            "settings",
            "{\n\t\"apiDefinition\": \"apiDefinition.swagger.json\",\n\t\"apiProperties\": \"apiProperties.json\",\n\t\"icon\": \"icon.png\"$0\n}",
        ),
        FileKind::Script | FileKind::Readme | FileKind::Icon => return,
    };
    let insert = ctx.multi_line(template);
    ctx.push(Candidate {
        label: label.to_string(),
        kind: CandidateKind::Snippet,
        detail: Some(format!("skeleton of {}", ctx.kind.default_name())),
        documentation: None,
        insert,
        snippet: true,
        filter: None,
        range: ctx.cursor.replace,
        additional: Vec::new(),
        sort: String::new(),
    });
}

/// A JSON string snippet whose content is a choice between `values`.
fn choice_string(values: &[EnumValue]) -> String {
    let choices: Vec<String> = values.iter().map(|v| escape_choice(v.value)).collect();
    format!("\"${{1|{}|}}\"", choices.join(","))
}

/// The snippet of a key's value, from its template or its kind.
fn value_template(key: &Key) -> String {
    if !key.template.is_empty() {
        return key.template.to_string();
    }
    match key.kind {
        Kind::String if key.source == Source::Enum && !key.values.is_empty() => {
            choice_string(key.values)
        }
        Kind::String => "\"$1\"".to_string(),
        Kind::Boolean => "${1|true,false|}".to_string(),
        Kind::Integer | Kind::Number => "${1:0}".to_string(),
        Kind::Object => "{$1}".to_string(),
        Kind::Array => "[$1]".to_string(),
        Kind::Any => "$1".to_string(),
    }
}

fn key_candidates(ctx: &mut Ctx) {
    let path = ctx.cursor.path.clone();
    let loc = vocabulary::classify(ctx.kind, &path);
    let container = resolve_path(ctx.tree, &path).filter(|&n| ctx.tree.is_object(n));
    let editing = ctx.cursor.quoted.then_some(ctx.cursor.replace.start);
    let present = present_keys(ctx.text(), ctx.cursor.container_start, editing);
    if !ctx.colon_after {
        structure_snippets(ctx, loc, &path, container, &present);
    }

    // A parameter's `in`, a security definition's `type`: what decides which keywords apply.
    let discriminant =
        Only::discriminant(loc).and_then(|key| container.and_then(|n| ctx.tree.get_str(n, key)));
    for key in vocabulary::keys(loc) {
        if present.contains(key.name) || discriminant.is_some_and(|value| !key.only.admits(value)) {
            continue;
        }
        let template = ctx.multi_line(&value_template(key));
        let candidate = key_candidate(
            ctx,
            key.name,
            &template,
            docs::describe_value(key),
            docs::key_markdown(key),
        );
        ctx.push(candidate);
    }

    match loc {
        Loc::DynamicValuesParams | Loc::DynamicListParams => {
            target_parameter_keys(ctx, loc, &path, &present)
        }
        Loc::PolicyParameters => policy_parameter_keys(ctx, container, &present),
        Loc::SecurityRequirement => security_requirement_keys(ctx, &present),
        Loc::CustomParameters => custom_parameter_keys(ctx, &path, &present),
        _ => {}
    }
}

/// The keys of the object that opens at `open`, read from the text: every string directly
/// inside it that is followed by a colon, except the one at `editing`. The tree is not used
/// here because a key being typed above another one (without its colon yet) makes the parser
/// read the next key as its value.
fn present_keys(text: &str, open: u32, editing: Option<u32>) -> HashSet<String> {
    let bytes = text.as_bytes();
    let mut keys = HashSet::new();
    let mut depth = 0usize;
    let mut i = open as usize + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let (end, closed) = scan_string(bytes, i);
                if depth == 0
                    && editing != Some(i as u32)
                    && next_significant(text, end as u32) == Some(b':')
                {
                    let inner_end = if closed { end - 1 } else { end };
                    keys.insert(unescape_json(&text[i + 1..inner_end]));
                }
                i = end;
            }
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    keys
}

fn key_candidate(
    ctx: &Ctx,
    name: &str,
    value_snippet: &str,
    detail: String,
    documentation: String,
) -> Candidate {
    let mut insert = snippet_string(name);
    if !ctx.colon_after {
        insert.push_str(": ");
        insert.push_str(value_snippet);
        insert.push_str(separator_after(ctx));
    }
    Candidate {
        label: name.to_string(),
        kind: CandidateKind::Property,
        detail: Some(detail),
        documentation: Some(documentation),
        insert,
        snippet: true,
        filter: ctx.filter_for(name, &json_string(name)),
        range: ctx.cursor.replace,
        additional: ctx.additional(),
        sort: String::new(),
    }
}

/// A snippet for a whole structure (an operation, a response, a parameter, a policy…).
fn structure(ctx: &Ctx, label: &str, detail: &str, template: &str) -> Candidate {
    let mut insert = ctx.multi_line(template);
    insert.push_str(separator_after(ctx));
    Candidate {
        label: label.to_string(),
        kind: CandidateKind::Snippet,
        detail: Some(detail.to_string()),
        documentation: Some(format!(
            "```json\n{}\n```",
            snippet_to_plain(&reindent(template, "", "  "))
        )),
        insert,
        snippet: true,
        filter: ctx.filter_for(label, &format!("\"{label}")),
        range: ctx.cursor.replace,
        additional: ctx.additional(),
        sort: String::new(),
    }
}

const RESPONSE_BODY: &str = "{\n\t\"description\": \"${2:OK}\",\n\t\"schema\": {\n\t\t\"type\": \"object\",\n\t\t\"properties\": {$0}\n\t}\n}";

fn structure_snippets(
    ctx: &mut Ctx,
    loc: Loc,
    path: &[Seg],
    container: Option<NodeId>,
    present: &HashSet<String>,
) {
    match loc {
        Loc::Paths => {
            let template = "\"/${1:items}\": {\n\t\"get\": {\n\t\t\"operationId\": \"$2\",\n\t\t\"summary\": \"$3\",\n\t\t\"description\": \"$4\",\n\t\t\"responses\": {\n\t\t\t\"200\": {\n\t\t\t\t\"description\": \"OK\",\n\t\t\t\t\"schema\": {\n\t\t\t\t\t\"type\": \"object\",\n\t\t\t\t\t\"properties\": {$0}\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n}";
            let c = structure(ctx, "path with a GET operation", "path item", template);
            ctx.push(c);
        }
        Loc::PathItem => {
            let free: Vec<&str> = ["get", "post", "put", "patch", "delete"]
                .into_iter()
                .filter(|m| !present.contains(*m))
                .collect();
            if free.is_empty() {
                return;
            }
            let template_key = match path.last() {
                Some(Seg::Key(template)) => template.clone(),
                _ => String::new(),
            };
            let declared = declared_names(ctx.tree, container);
            let mut parameters = String::new();
            for (name, _) in swagger::template_variables(swagger::path_part(&template_key)) {
                if declared.iter().any(|d| d == name) {
                    continue;
                }
                if !parameters.is_empty() {
                    parameters.push(',');
                }
                // The texts path-parameter-undeclared's fix writes, from the same names code.
                parameters.push_str(&format!(
                    "\n\t\t{{\n\t\t\t\"name\": {},\n\t\t\t\"in\": \"path\",\n\t\t\t\"required\": true,\n\t\t\t\"type\": \"string\",\n\t\t\t\"x-ms-summary\": {},\n\t\t\t\"description\": {},\n\t\t\t\"x-ms-url-encoding\": \"single\"\n\t\t}}",
                    snippet_string(name),
                    snippet_string(&title_of(name)),
                    snippet_string(&description_of(name))
                ));
            }
            if !parameters.is_empty() {
                parameters.push_str("\n\t");
            }
            let template = format!(
                "\"${{1|{}|}}\": {{\n\t\"operationId\": \"$2\",\n\t\"summary\": \"$3\",\n\t\"description\": \"$4\",\n\t\"parameters\": [{parameters}],\n\t\"responses\": {{\n\t\t\"200\": {{\n\t\t\t\"description\": \"OK\",\n\t\t\t\"schema\": {{\n\t\t\t\t\"type\": \"object\",\n\t\t\t\t\"properties\": {{$0}}\n\t\t\t}}\n\t\t}}\n\t}}\n}}",
                free.join(",")
            );
            let c = structure(ctx, "operation with a 200 response", "operation", &template);
            ctx.push(c);
        }
        Loc::Responses | Loc::ResponseDefinitions => {
            let name = if loc == Loc::Responses { "200" } else { "Ok" };
            let template = format!("\"${{1:{name}}}\": {RESPONSE_BODY}");
            let c = structure(ctx, "response with a schema", "response", &template);
            ctx.push(c);
        }
        Loc::SchemaMap => {
            let template = if path.len() == 1 {
                "\"${1:Name}\": {\n\t\"type\": \"object\",\n\t\"properties\": {$0}\n}"
            } else {
                "\"${1:name}\": {\n\t\"type\": \"${2|string,integer,number,boolean,object,array|}\",\n\t\"x-ms-summary\": \"$3\",\n\t\"description\": \"$4\"\n}"
            };
            let label = if path.len() == 1 {
                "object definition"
            } else {
                "property"
            };
            let c = structure(ctx, label, "schema", template);
            ctx.push(c);
        }
        Loc::ParameterDefinitions => {
            let template = "\"${1:Name}\": {\n\t\"name\": \"$2\",\n\t\"in\": \"${3|path,query,header|}\",\n\t\"required\": ${4|true,false|},\n\t\"type\": \"string\",\n\t\"x-ms-summary\": \"$5\",\n\t\"description\": \"$6\"\n}";
            let c = structure(ctx, "parameter", "parameter", template);
            ctx.push(c);
        }
        Loc::SecurityDefinitions => {
            for (label, template) in [
                (
                    "oauth2 (authorization code)",
                    "\"${1:oauth2_auth}\": {\n\t\"type\": \"oauth2\",\n\t\"flow\": \"accessCode\",\n\t\"authorizationUrl\": \"$2\",\n\t\"tokenUrl\": \"$3\",\n\t\"scopes\": {$0}\n}",
                ),
                (
                    "apiKey",
                    "\"${1:API Key}\": {\n\t\"type\": \"apiKey\",\n\t\"name\": \"${2:X-Api-Key}\",\n\t\"in\": \"${3|header,query|}\"\n}",
                ),
                ("basic", "\"${1:basic_auth}\": {\n\t\"type\": \"basic\"\n}"),
            ] {
                let c = structure(ctx, label, "security definition", template);
                ctx.push(c);
            }
        }
        Loc::ConnectionParameters => {
            let oauth = format!(
                "\"${{1:token}}\": {{\n\t\"type\": \"oauthSetting\",\n\t\"oAuthSettings\": {}\n}}",
                OAUTH_SETTINGS_TEMPLATE.replace('\n', "\n\t")
            );
            let c = structure(
                ctx,
                "OAuth connection parameter",
                "connection parameter",
                &oauth,
            );
            ctx.push(c);
            let key = "\"${1:api_key}\": {\n\t\"type\": \"securestring\",\n\t\"uiDefinition\": {\n\t\t\"displayName\": \"${2:API Key}\",\n\t\t\"description\": \"${3:The API key for this API}\",\n\t\t\"tooltip\": \"${4:Provide your API key}\",\n\t\t\"constraints\": {\n\t\t\t\"tabIndex\": 2,\n\t\t\t\"clearText\": false,\n\t\t\t\"required\": \"true\"\n\t\t}\n\t}\n}";
            let c = structure(
                ctx,
                "API key connection parameter",
                "connection parameter",
                key,
            );
            ctx.push(c);
        }
        Loc::ConnectionParameter if !present.contains("oAuthSettings") => {
            let template = format!("\"oAuthSettings\": {OAUTH_SETTINGS_TEMPLATE}");
            let c = structure(ctx, "oAuthSettings block", "OAuth settings", &template);
            ctx.push(c);
        }
        _ => {}
    }
}

/// The `oAuthSettings` of a generic OAuth 2.0 connection (multi-line template).
const OAUTH_SETTINGS_TEMPLATE: &str = "{\n\t\"identityProvider\": \"${11|oauth2,oauth2pkce,aad,oauth2generic|}\",\n\t\"clientId\": \"${12:[[DUMMY]]}\",\n\t\"scopes\": [$13],\n\t\"redirectMode\": \"GlobalPerConnector\",\n\t\"customParameters\": {\n\t\t\"authorizationUrl\": {\"value\": \"$14\"},\n\t\t\"tokenUrl\": {\"value\": \"$15\"},\n\t\t\"refreshUrl\": {\"value\": \"$16\"}\n\t}\n}";

/// The names of the parameters declared in a `parameters` list of `container` (through `$ref`).
fn declared_names(tree: &JsonTree, container: Option<NodeId>) -> Vec<String> {
    let Some(list) = container.and_then(|c| tree.get(c, "parameters")) else {
        return Vec::new();
    };
    let view = Swagger::new(tree);
    tree.items(list)
        .iter()
        .filter_map(|&item| {
            let node = view.as_ref().map_or(item, |s| s.deref(item));
            tree.get_str(node, "name").map(str::to_string)
        })
        .collect()
}

/// The operation that `path` is inside of (`paths/<template>/<method>/…`).
fn enclosing_operation<'t>(swagger: &Swagger<'t>, path: &[Seg]) -> Option<usize> {
    let (Some(Seg::Key(first)), Some(Seg::Key(template)), Some(Seg::Key(method))) =
        (path.first(), path.get(1), path.get(2))
    else {
        return None;
    };
    if first != "paths" {
        return None;
    }
    swagger
        .operations
        .iter()
        .position(|op| op.method == method && swagger.path_of(op).template == template)
}

/// Keys of `x-ms-dynamic-values.parameters` (and of the dynamic-list forms): the parameters
/// of the operation the extension calls.
fn target_parameter_keys(ctx: &mut Ctx, loc: Loc, path: &[Seg], present: &HashSet<String>) {
    let Some(tree) = ctx.definition() else { return };
    let Some(swagger) = Swagger::new(tree) else {
        return;
    };
    let extension = resolve_path(ctx.tree, &path[..path.len().saturating_sub(1)]);
    let Some(target) = extension.and_then(|e| ctx.tree.get_str(e, "operationId")) else {
        return;
    };
    let Some(op) = swagger.find_operation(target) else {
        return;
    };
    let value = if loc == Loc::DynamicValuesParams {
        "{\"parameter\": \"$1\"}"
    } else {
        "{\"parameterReference\": \"$1\"}"
    };
    for param in swagger.parameters(op) {
        let Some(name) = param.name else { continue };
        if present.contains(name) {
            continue;
        }
        let detail = describe_parameter(tree, param.node);
        let doc = format!(
            "Parameter `{name}` of `{target}` ({detail}).{}",
            tree.get_str(param.node, "description")
                .map(|d| format!("\n\n{d}"))
                .unwrap_or_default()
        );
        let candidate = key_candidate(ctx, name, value, detail, doc);
        ctx.push(candidate);
    }
}

fn policy_parameter_keys(ctx: &mut Ctx, container: Option<NodeId>, present: &HashSet<String>) {
    let instance = container.and_then(|c| ctx.tree.parent(c));
    let Some(template) = instance
        .and_then(|i| ctx.tree.get_str(i, "templateId"))
        .and_then(vocabulary::policy_template)
    else {
        return;
    };
    for param in template.params {
        let name = format!("{POLICY_PARAM_PREFIX}{}", param.name);
        if present.contains(&name) {
            continue;
        }
        let value = if param.values.is_empty() {
            "\"$1\"".to_string()
        } else {
            choice_string(param.values)
        };
        let detail = if param.required {
            "required"
        } else {
            "optional"
        };
        let doc = docs::policy_param_markdown(template, param);
        let candidate = key_candidate(ctx, &name, &value, detail.to_string(), doc);
        ctx.push(candidate);
    }
}

fn custom_parameter_keys(ctx: &mut Ctx, path: &[Seg], present: &HashSet<String>) {
    let settings = resolve_path(ctx.tree, &path[..path.len().saturating_sub(1)]);
    let provider = settings
        .and_then(|s| ctx.tree.get_str(s, "identityProvider"))
        .unwrap_or("oauth2");
    let Some((_, params)) = CUSTOM_PARAMETERS.iter().find(|(p, _)| *p == provider) else {
        return;
    };
    for param in *params {
        if present.contains(param.value) {
            continue;
        }
        let doc = format!(
            "**`{}`** · custom parameter of `{provider}`\n\n{}",
            param.value, param.doc
        );
        let candidate = key_candidate(
            ctx,
            param.value,
            "{\"value\": \"$1\"}",
            format!("{provider} setting"),
            doc,
        );
        ctx.push(candidate);
    }
}

/// Keys of a `security` requirement: the names of the security definitions.
fn security_requirement_keys(ctx: &mut Ctx, present: &HashSet<String>) {
    let tree = ctx.tree;
    let Some(definitions) = tree.root().and_then(|r| tree.get(r, "securityDefinitions")) else {
        return;
    };
    for member in tree.members(definitions) {
        if present.contains(&*member.key) {
            continue;
        }
        let kind = tree
            .get_str(member.value, "type")
            .unwrap_or("security definition");
        let doc = format!(
            "**`{}`** · {kind}\n\nApply this security definition; list the OAuth scopes it needs \
             (an empty list for `apiKey` and `basic`).",
            member.key
        );
        let candidate = key_candidate(ctx, &member.key, "[$1]", kind.to_string(), doc);
        ctx.push(candidate);
    }
}

fn value_candidates(ctx: &mut Ctx, key_name: &str) {
    let path = ctx.cursor.path.clone();
    let loc = vocabulary::classify(ctx.kind, &path);
    let container = resolve_path(ctx.tree, &path);
    // Policy template parameters have their values listed per template.
    if loc == Loc::PolicyParameters
        && let Some(param) = key_name.strip_prefix(POLICY_PARAM_PREFIX)
    {
        let template = container
            .and_then(|c| ctx.tree.parent(c))
            .and_then(|i| ctx.tree.get_str(i, "templateId"))
            .and_then(vocabulary::policy_template);
        if let Some(param) = template.and_then(|t| t.params.iter().find(|p| p.name == param)) {
            for value in param.values {
                push_value(
                    ctx,
                    value.value,
                    key_name,
                    Some(value.doc.to_string()),
                    CandidateKind::EnumMember,
                );
            }
        }
        return;
    }
    let Some(key) = vocabulary::find(loc, key_name).copied() else {
        return;
    };
    if key.kind == Kind::Array || key.kind == Kind::Object {
        // Only the skeleton of the container: its items are completed inside it.
        if !ctx.cursor.quoted && ctx.cursor.replace.is_empty() {
            let template = value_template(&key);
            let mut insert = ctx.multi_line(&template);
            if needs_space(ctx) {
                insert.insert(0, ' ');
            }
            insert.push_str(separator_after(ctx));
            let label = snippet_to_plain(&template);
            ctx.push(Candidate {
                label: shorten(&label, 40),
                kind: CandidateKind::Snippet,
                detail: Some(key.name.to_string()),
                documentation: Some(docs::key_markdown(&key)),
                insert,
                snippet: true,
                filter: None,
                range: ctx.cursor.replace,
                additional: Vec::new(),
                sort: String::new(),
            });
        }
        return;
    }
    source_values(ctx, &key, loc, container, &path);
}

/// Values offered for `key` (for its items, when it is an array).
fn source_values(ctx: &mut Ctx, key: &Key, loc: Loc, container: Option<NodeId>, path: &[Seg]) {
    match key.source {
        Source::None => {}
        Source::Enum => {
            for value in key.values {
                push_value(
                    ctx,
                    value.value,
                    key.name,
                    Some(value.doc.to_string()),
                    CandidateKind::EnumMember,
                );
            }
        }
        Source::Bool => {
            for word in ["true", "false"] {
                push_literal(ctx, word, key.name);
            }
        }
        Source::OperationId => operation_values(ctx),
        Source::Ref => ref_values(ctx, loc),
        Source::OwnParameter => own_parameter_values(ctx, path),
        Source::PropertyName => {
            // `required` of a schema: the names under its `properties` (the array's parent).
            let schema = container.and_then(|c| ctx.tree.parent(c));
            let listed: HashSet<&str> = container
                .map(|c| {
                    ctx.tree
                        .items(c)
                        .iter()
                        .filter_map(|&i| ctx.tree.as_str(i))
                        .collect()
                })
                .unwrap_or_default();
            let names: Vec<String> = schema
                .and_then(|s| ctx.tree.get(s, "properties"))
                .map(|p| {
                    ctx.tree
                        .members(p)
                        .iter()
                        .map(|m| m.key.to_string())
                        .collect()
                })
                .unwrap_or_default();
            for name in names.iter().filter(|n| !listed.contains(n.as_str())) {
                push_value(ctx, name, "property", None, CandidateKind::Property);
            }
        }
        Source::FileName => {
            let wanted = match key.name {
                "icon" => ".png",
                "script" => ".csx",
                _ => ".json",
            };
            let files: Vec<String> = ctx
                .connector
                .listing
                .iter()
                .filter(|n| n.to_ascii_lowercase().ends_with(wanted))
                .cloned()
                .collect();
            for file in files {
                push_value(ctx, &file, "file", None, CandidateKind::File);
            }
        }
        Source::PolicyTemplate => {
            for template in POLICY_TEMPLATES {
                push_value(
                    ctx,
                    template.id,
                    "policy template",
                    Some(docs::policy_markdown(template)),
                    CandidateKind::EnumMember,
                );
            }
        }
    }
}

/// `text`, cut to about `max` characters.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{cut}…")
}

/// Whether a value inserted at the cursor needs a space after the colon.
fn needs_space(ctx: &Ctx) -> bool {
    ctx.cursor.replace.is_empty()
        && ctx.cursor.replace.start > 0
        && ctx.text().as_bytes()[ctx.cursor.replace.start as usize - 1] == b':'
}

/// The text after an inserted member, value or item that keeps the JSON valid: a comma when
/// another one follows.
fn separator_after(ctx: &Ctx) -> &'static str {
    let next = next_significant(ctx.text(), ctx.cursor.replace.end);
    match ctx.cursor.role {
        Role::Key | Role::Value(_) if next == Some(b'"') => ",",
        Role::Item(_) if !matches!(next, None | Some(b']' | b',' | b'}')) => ",",
        _ => "",
    }
}

fn push_value(ctx: &mut Ctx, value: &str, detail: &str, doc: Option<String>, kind: CandidateKind) {
    let quoted = json_string(value);
    let mut insert = quoted.clone();
    if needs_space(ctx) {
        insert.insert(0, ' ');
    }
    insert.push_str(separator_after(ctx));
    let candidate = Candidate {
        label: value.to_string(),
        kind,
        detail: Some(detail.to_string()),
        documentation: doc,
        insert,
        snippet: false,
        filter: ctx.filter_for(value, &quoted),
        range: ctx.cursor.replace,
        additional: ctx.additional(),
        sort: String::new(),
    };
    ctx.push(candidate);
}

fn push_literal(ctx: &mut Ctx, word: &str, detail: &str) {
    let mut insert = word.to_string();
    if needs_space(ctx) {
        insert.insert(0, ' ');
    }
    insert.push_str(separator_after(ctx));
    let candidate = Candidate {
        label: word.to_string(),
        kind: CandidateKind::Keyword,
        detail: Some(detail.to_string()),
        documentation: None,
        insert,
        snippet: false,
        filter: ctx.filter_for(word, &format!("\"{word}")),
        range: ctx.cursor.replace,
        additional: ctx.additional(),
        sort: String::new(),
    };
    ctx.push(candidate);
}

fn operation_values(ctx: &mut Ctx) {
    let Some(tree) = ctx.definition() else { return };
    let Some(swagger) = Swagger::new(tree) else {
        return;
    };
    let mut seen = HashSet::new();
    let entries: Vec<(String, String, Option<String>)> = swagger
        .operations
        .iter()
        .filter_map(|op| {
            let id = swagger.operation_id(op)?;
            seen.insert(id).then(|| {
                (
                    id.to_string(),
                    swagger.describe(op),
                    Some(operation_markdown(&swagger, op)),
                )
            })
        })
        .collect();
    for (id, detail, doc) in entries {
        push_value(ctx, &id, &detail, doc, CandidateKind::Operation);
    }
}

fn ref_values(ctx: &mut Ctx, loc: Loc) {
    let containers: &[&str] = match loc {
        Loc::Schema => &["definitions"],
        Loc::Parameter => &["parameters"],
        Loc::Response => &["responses"],
        _ => &["definitions", "parameters", "responses"],
    };
    let tree = ctx.tree;
    let Some(root) = tree.root() else { return };
    let mut entries = Vec::new();
    for container in containers {
        let Some(map) = tree.get(root, container) else {
            continue;
        };
        for member in tree.members(map) {
            let pointer = format!(
                "#/{container}/{}",
                crate::syntax::json::escape_pointer(&member.key)
            );
            let detail = ref_type(tree, member.value);
            let doc = ref_markdown(tree, &pointer);
            entries.push((pointer, detail, doc));
        }
    }
    for (pointer, detail, doc) in entries {
        push_value(ctx, &pointer, &detail, doc, CandidateKind::Reference);
    }
}

fn own_parameter_values(ctx: &mut Ctx, path: &[Seg]) {
    let Some(swagger) = Swagger::new(ctx.tree) else {
        return;
    };
    let Some(index) = enclosing_operation(&swagger, path) else {
        return;
    };
    let op = &swagger.operations[index];
    let entries: Vec<(String, String)> = swagger
        .parameters(op)
        .iter()
        .filter_map(|p| Some((p.name?.to_string(), describe_parameter(ctx.tree, p.node))))
        .collect();
    for (name, detail) in entries {
        push_value(ctx, &name, &detail, None, CandidateKind::Value);
    }
}

fn item_candidates(ctx: &mut Ctx) {
    let path = ctx.cursor.path.clone();
    let Some((Seg::Key(key_name), parent_path)) =
        path.split_last().map(|(l, p)| (l.clone(), p.to_vec()))
    else {
        return;
    };
    let parent_loc = vocabulary::classify(ctx.kind, &parent_path);
    let container = resolve_path(ctx.tree, &path);
    match (parent_loc, key_name.as_str()) {
        (Loc::Operation | Loc::PathItem, "parameters") => {
            parameter_item_snippets(ctx, &parent_path);
            return;
        }
        (Loc::Properties, "policyTemplateInstances") => {
            for template in POLICY_TEMPLATES {
                let mut body = String::new();
                let mut stop = 2;
                if template.id == "pollingtrigger" {
                    body.push_str("\n\t\"type\": \"PollingTrigger\",");
                }
                let mut params = Vec::new();
                for param in template.params.iter().filter(|p| p.required) {
                    params.push(format!(
                        "\n\t\t{}: \"${stop}\"",
                        snippet_string(&format!("{POLICY_PARAM_PREFIX}{}", param.name))
                    ));
                    stop += 1;
                }
                params.push(format!(
                    "\n\t\t\"x-ms-apimTemplate-operationName\": [${stop}]"
                ));
                let template_text = format!(
                    "{{\n\t\"templateId\": \"{}\",\n\t\"title\": \"$1\",{body}\n\t\"parameters\": {{{}\n\t}}\n}}",
                    template.id,
                    params.join(",")
                );
                let mut candidate =
                    structure(ctx, template.id, "policy template instance", &template_text);
                candidate.documentation = Some(docs::policy_markdown(template));
                ctx.push(candidate);
            }
            return;
        }
        (Loc::Schema, "allOf") => {
            ref_object_items(ctx, "definitions");
            return;
        }
        _ => {}
    }
    let Some(key) = vocabulary::find(parent_loc, &key_name).copied() else {
        return;
    };
    if key.kind == Kind::Array {
        source_values(ctx, &key, parent_loc, container, &path);
    }
}

/// `{"$ref": "#/<container>/<name>"}` items, one per definition of the file.
fn ref_object_items(ctx: &mut Ctx, container: &str) {
    let tree = ctx.tree;
    let Some(map) = tree.root().and_then(|r| tree.get(r, container)) else {
        return;
    };
    let entries: Vec<(String, String)> = tree
        .members(map)
        .iter()
        .map(|m| {
            (
                format!(
                    "#/{container}/{}",
                    crate::syntax::json::escape_pointer(&m.key)
                ),
                ref_type(tree, m.value),
            )
        })
        .collect();
    for (pointer, detail) in entries {
        let template = format!("{{\"\\$ref\": {}}}", snippet_string(&pointer));
        let mut candidate = structure(ctx, &pointer, &detail, &template);
        candidate.kind = CandidateKind::Reference;
        candidate.documentation = ref_markdown(tree, &pointer);
        ctx.push(candidate);
    }
}

fn parameter_item_snippets(ctx: &mut Ctx, parent_path: &[Seg]) {
    // The path template and the names already declared on the path item and the operation.
    let template = match parent_path.get(1) {
        Some(Seg::Key(template)) if parent_path.first() == Some(&Seg::Key("paths".into())) => {
            template.clone()
        }
        _ => String::new(),
    };
    let mut declared = Vec::new();
    if parent_path.len() >= 2 {
        let path_item = resolve_path(ctx.tree, &parent_path[..2]);
        declared.extend(declared_names(ctx.tree, path_item));
    }
    if parent_path.len() >= 3 {
        let operation = resolve_path(ctx.tree, parent_path);
        declared.extend(declared_names(ctx.tree, operation));
    }
    let undeclared: Vec<String> = swagger::template_variables(swagger::path_part(&template))
        .into_iter()
        .map(|(name, _)| name.to_string())
        .filter(|name| !declared.contains(name))
        .collect();
    // `name` is snippet text; `texts` the summary and description to offer, if known.
    let path_param = |name: &str, texts: Option<(String, String)>| {
        let (summary, description) = texts.map_or_else(
            || ("$2".to_string(), "$3".to_string()),
            |(summary, description)| (format!("${{2:{summary}}}"), format!("${{3:{description}}}")),
        );
        format!(
            "{{\n\t\"name\": {name},\n\t\"in\": \"path\",\n\t\"required\": true,\n\t\"type\": \"string\",\n\t\"x-ms-summary\": \"{summary}\",\n\t\"description\": \"{description}\",\n\t\"x-ms-url-encoding\": \"single\"\n}}"
        )
    };
    if undeclared.is_empty() {
        let c = structure(
            ctx,
            "path parameter",
            "parameter in path",
            &path_param("\"$1\"", None),
        );
        ctx.push(c);
    }
    // Inside a JSON string: the text as JSON escapes it, without its quotes.
    let inner = |text: &str| {
        let quoted = json_string(text);
        escape_snippet(&quoted[1..quoted.len() - 1])
    };
    for name in &undeclared {
        let label = format!("path parameter {name}");
        // The texts path-parameter-undeclared's fix writes, from the same names code.
        let texts = (inner(&title_of(name)), inner(&description_of(name)));
        let text = path_param(&format!("\"${{1:{}}}\"", escape_snippet(name)), Some(texts));
        let c = structure(ctx, &label, "undeclared variable of the path", &text);
        ctx.push(c);
    }
    for (label, location) in [("query parameter", "query"), ("header parameter", "header")] {
        let text = format!(
            "{{\n\t\"name\": \"$1\",\n\t\"in\": \"{location}\",\n\t\"required\": ${{2|false,true|}},\n\t\"type\": \"${{3|string,integer,number,boolean|}}\",\n\t\"x-ms-summary\": \"$4\",\n\t\"description\": \"$5\"\n}}"
        );
        let c = structure(ctx, label, &format!("parameter in {location}"), &text);
        ctx.push(c);
    }
    let body = "{\n\t\"name\": \"body\",\n\t\"in\": \"body\",\n\t\"required\": true,\n\t\"schema\": {\n\t\t\"type\": \"object\",\n\t\t\"properties\": {$0}\n\t}\n}";
    let c = structure(ctx, "body parameter", "parameter in body", body);
    ctx.push(c);
    ref_object_items(ctx, "parameters");
}
