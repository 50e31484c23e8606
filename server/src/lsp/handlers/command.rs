//! `workspace/executeCommand`: `connector-ls.generateSchema` and the code action that carries
//! it, and `connector-ls.locate`.
//!
//! `connector-ls.locate` takes `{ "uri": <any file of the connector>, "text": <pasted text> }`
//! and returns the validator messages of the text placed in the connector (see
//! [`crate::workspace::locate`]): `[{ "uri", "diagnostic" }]`, each an LSP diagnostic at the
//! key its pointer names, for the editor to show.
//!
//! `connector-ls.generateSchema` takes one argument, an object:
//!
//! ```json
//! { "uri": "file:///…/apiDefinition.swagger.json",
//!   "pointer": "/paths/~1items/get/responses/200",
//!   "sample": { "id": 1, "createdAt": "2024-01-15T10:30:00Z" } }
//! ```
//!
//! `pointer` names a response (or its `schema`; a `$ref` to a shared response is followed).
//! `sample` is the JSON value the response returns, either as a value or as JSON text (a
//! string is always read as JSON text, which also keeps the order of its keys). Without a
//! sample, the response's own example is used. The server computes the edit that sets the
//! response's `schema` and sends it to the client with `workspace/applyEdit` (versioned, so a
//! document that changed meanwhile is left alone); the command returns `null`.
//!
//! On diagnostics that carry the prompt `SchemaFromSample` (`response-schema-missing` and
//! `response-schema-empty` when the response has no example), the code action "Generate schema from a sample…" carries the command with
//! `{ uri, pointer }` and no `sample`: an editor intercepts it, asks the user for JSON, adds it
//! as `sample` and executes the command.

use serde::Deserialize;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::diagnostic::Prompt;
use crate::edit::schema_sample::Sample;
use crate::ide::schema::schema_from_sample;
use crate::lsp::capabilities::ClientSupport;
use crate::lsp::convert;
use crate::lsp::handlers::DocumentSnapshot;

/// Generate the schema of a response from a sample.
pub const GENERATE_SCHEMA: &str = "connector-ls.generateSchema";

/// Place pasted validator messages in the connector.
pub const LOCATE: &str = "connector-ls.locate";

pub fn register(capabilities: &mut lsp::ServerCapabilities) {
    capabilities.execute_command_provider = Some(lsp::ExecuteCommandOptions {
        commands: vec![GENERATE_SCHEMA.to_string(), LOCATE.to_string()],
        ..Default::default()
    });
}

/// A command the client asks for, with its arguments.
pub enum Invocation {
    GenerateSchema(GenerateSchemaArgs),
    Locate(LocateArgs),
}

impl Invocation {
    /// The document the command is about.
    pub fn uri(&self) -> &Uri {
        match self {
            Invocation::GenerateSchema(args) => &args.uri,
            Invocation::Locate(args) => &args.uri,
        }
    }
}

/// The arguments of [`LOCATE`].
#[derive(Deserialize)]
pub struct LocateArgs {
    pub uri: Uri,
    text: String,
}

/// The command the client asks for, its arguments checked against what it supports.
pub fn invocation(params: lsp::ExecuteCommandParams, support: ClientSupport) -> Result<Invocation> {
    if params.command != LOCATE {
        return arguments(params, support).map(Invocation::GenerateSchema);
    }
    let argument = params.arguments.into_iter().next().unwrap_or_default();
    let args = serde_json::from_value(argument)
        .map_err(|e| Error::invalid_params(format!("{LOCATE} takes {{ uri, text }}: {e}")))?;
    Ok(Invocation::Locate(args))
}

/// The messages of the pasted text, placed in the connector of `document`.
pub fn locate(document: &DocumentSnapshot, args: &LocateArgs) -> Value {
    let analysis = &document.analysis;
    let encoding = document.support.encoding;
    let found: Vec<Value> = crate::workspace::locate::locate(&args.text, analysis.connector())
        .iter()
        .filter_map(|diagnostic| {
            let uri = analysis.uris.get(diagnostic.file)?;
            let diagnostic =
                convert::diagnostic(analysis.connector(), &analysis.uris, diagnostic, encoding)?;
            Some(serde_json::json!({ "uri": uri, "diagnostic": diagnostic }))
        })
        .collect();
    Value::Array(found)
}

/// The arguments of [`GENERATE_SCHEMA`].
#[derive(Deserialize)]
pub struct GenerateSchemaArgs {
    pub uri: Uri,
    pointer: String,
    #[serde(default)]
    sample: Option<Value>,
}

/// The arguments of the command the client asks for, checked against what it supports.
fn arguments(
    params: lsp::ExecuteCommandParams,
    support: ClientSupport,
) -> Result<GenerateSchemaArgs> {
    if params.command != GENERATE_SCHEMA {
        return Err(Error::invalid_params(format!(
            "unknown command '{}'",
            params.command
        )));
    }
    let argument = params.arguments.into_iter().next().ok_or_else(|| {
        Error::invalid_params(format!(
            "{GENERATE_SCHEMA} takes one argument: {{ uri, pointer, sample }}"
        ))
    })?;
    let args: GenerateSchemaArgs = serde_json::from_value(argument).map_err(|e| {
        Error::invalid_params(format!(
            "{GENERATE_SCHEMA} takes {{ uri, pointer, sample }}: {e}"
        ))
    })?;
    if !support.apply_edit {
        return Err(Error {
            code: ErrorCode::InvalidRequest,
            message: "the client does not support workspace/applyEdit".into(),
            data: None,
        });
    }
    Ok(args)
}

/// The edit that generates the schema, for the server to send with `workspace/applyEdit`.
/// `document` is the definition `args.uri` names.
pub fn schema_edit(
    document: &DocumentSnapshot,
    args: &GenerateSchemaArgs,
) -> Result<lsp::WorkspaceEdit> {
    let sample =
        match &args.sample {
            None => None,
            Some(Value::String(text)) => Some(Sample::parse(text).map_err(|e| {
                Error::invalid_params(format!("the sample is not valid JSON ({e})"))
            })?),
            Some(value) => Some(Sample::from_value(value)),
        };
    let analysis = &document.analysis;
    let file = document
        .file()
        .ok_or_else(|| Error::invalid_params(format!("{} cannot be read", args.uri.as_str())))?;
    let fix = schema_from_sample(file, &args.pointer, sample).map_err(Error::invalid_params)?;
    let encoding = document.support.encoding;
    let mut edit = convert::workspace_edit(analysis.connector(), &analysis.uris, &[&fix], encoding);
    if document.support.document_changes {
        edit = convert::versioned(edit, &analysis.open);
    }
    Ok(edit)
}

/// The command's answer once the client has answered `workspace/applyEdit`.
pub fn outcome(response: lsp::ApplyWorkspaceEditResponse) -> Result<Option<Value>> {
    if !response.applied {
        return Err(Error {
            // RequestFailed: the request was valid but could not be carried out.
            code: ErrorCode::ServerError(-32803),
            message: format!(
                "the editor did not apply the schema{}",
                response
                    .failure_reason
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default()
            )
            .into(),
            data: None,
        });
    }
    Ok(None)
}

/// "Generate schema from a sample…" for a schema diagnostic without an example fix: the
/// command with `{ uri, pointer }`, for the editor to complete with a sample.
pub fn schema_action(
    support: ClientSupport,
    uri: &Uri,
    diagnostic: &lsp::Diagnostic,
) -> Option<lsp::CodeActionOrCommand> {
    // A client that cannot ask for the sample would run the command without one, in vain.
    if diagnostic.source.as_deref() != Some("connector-ls")
        || !support.apply_edit
        || !support.prompts_for_sample
    {
        return None;
    }
    let Prompt::SchemaFromSample { pointer } = convert::data_of(diagnostic).prompt?;
    let title = "Generate schema from a sample…".to_string();
    Some(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: title.clone(),
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        command: Some(lsp::Command {
            title,
            command: GENERATE_SCHEMA.to_string(),
            arguments: Some(vec![serde_json::json!({
                "uri": uri,
                "pointer": pointer,
            })]),
        }),
        ..Default::default()
    }))
}
