// The connector-ls extension: starts `connector-ls lsp` when a connector file is opened and
// hands it the connector files. The files keep VS Code's own languages (JSON, C#), so JSON
// colouring, folding and schema validation stay as they are.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  type Diagnostic,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
  type WorkspaceEdit,
} from "vscode-languageclient/node";

import { findServer } from "./discovery";
import { FILE_PATTERNS, WATCH_GLOB, isConnectorFile } from "./files";
import {
  GENERATE_SCHEMA,
  argumentWithoutSample,
  responseChoices,
  responsePointerAt,
  sampleProblem,
} from "./pointer";
import { configurationAnswer, serverSettings } from "./settings";
import { type ServerState, findingCount, statusView } from "./status";

let client: LanguageClient | undefined;
let starting: Promise<void> | undefined;
let output: vscode.LogOutputChannel;
let extensionPath: string;
let status: vscode.LanguageStatusItem | undefined;
let serverState: ServerState = { kind: "starting" };

/** The language status item: the server's state and version, the active connector's findings. */
function updateStatus(): void {
  if (status === undefined) {
    return;
  }
  const document = vscode.window.activeTextEditor?.document;
  let findings: number | undefined;
  if (document !== undefined && isConnectorDocument(document)) {
    const folder = path.dirname(document.uri.fsPath);
    findings = findingCount(
      vscode.languages
        .getDiagnostics()
        .filter(([uri]) => uri.scheme === "file")
        .map(([uri, diagnostics]) => [uri.fsPath, diagnostics.map((d) => d.source)] as const),
      folder,
    );
  }
  const view = statusView(serverState, findings);
  status.text = view.text;
  status.detail = view.detail;
  status.severity = view.error ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
}

function setServerState(state: ServerState): void {
  serverState = state;
  updateStatus();
}

function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function siblings(file: string): string[] {
  try {
    return fs.readdirSync(path.dirname(file));
  } catch {
    return [];
  }
}

function isConnectorDocument(document: vscode.TextDocument): boolean {
  return (
    document.uri.scheme === "file" &&
    isConnectorFile(document.uri.fsPath, () => siblings(document.uri.fsPath))
  );
}

/** `connectorLs.rules`, `connectorLs.profile` and `connectorLs.baseRef` as the server reads them; entries it would reject are logged. */
function currentSettings() {
  const configuration = vscode.workspace.getConfiguration("connectorLs");
  const mapped = serverSettings(
    configuration.get<unknown>("rules"),
    configuration.get<unknown>("profile"),
    configuration.get<unknown>("baseRef"),
  );
  for (const problem of mapped.problems) {
    output.warn(problem);
  }
  return mapped.settings;
}

async function start(): Promise<void> {
  if (client !== undefined) {
    return;
  }
  const discovery = findServer({
    configuredPath: vscode.workspace.getConfiguration("connectorLs").get<string>("server.path"),
    extensionPath,
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    platform: process.platform,
    env: process.env,
    homedir: os.homedir(),
    isExecutable,
  });
  if (!discovery.found) {
    setServerState({ kind: "stopped", reason: discovery.message });
    output.error(discovery.message);
    const choice = await vscode.window.showErrorMessage(discovery.message, "Open Settings", "Show Output");
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "connectorLs.server.path");
    } else if (choice === "Show Output") {
      output.show();
    }
    return;
  }
  output.info(`Starting ${discovery.path} (found through ${discovery.source})`);
  const serverOptions: ServerOptions = {
    command: discovery.path,
    // The client appends --stdio, which `connector-ls lsp` accepts.
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: FILE_PATTERNS.map((pattern) => ({ scheme: "file", pattern })),
    initializationOptions: currentSettings(),
    outputChannel: output,
    traceOutputChannel: output,
    diagnosticCollectionName: "connector-ls",
    middleware: {
      // The server pulls its settings: give it the validated mapping, as at start.
      workspace: {
        configuration: async (params, token, next) => {
          const answered = await next(params, token);
          return Array.isArray(answered) ? configurationAnswer(params.items, answered, currentSettings()) : answered;
        },
      },
      // The server's code action "Generate schema from a sample…" runs its command without a
      // sample, for the editor to ask for one.
      executeCommand: async (command, args, next) => {
        const argument = argumentWithoutSample(command, args);
        if (argument === undefined) {
          return next(command, args);
        }
        const sample = await askForSample(argument.pointer);
        return sample === undefined ? undefined : next(command, [{ ...argument, sample }]);
      },
    },
    synchronize: {
      // Files that are not open are read from disk: tell the server when they change.
      fileEvents: vscode.workspace.createFileSystemWatcher(WATCH_GLOB),
    },
  };
  // The id `connectorLs` makes the client read the `connectorLs.trace.server` setting.
  const created = new LanguageClient("connectorLs", "connector-ls", serverOptions, clientOptions);
  // The extension asks for the sample "Generate schema from a sample…" needs (see
  // generateSchema): the server offers that action only to clients that say so.
  created.registerFeature({
    fillClientCapabilities(capabilities) {
      capabilities.experimental = { ...capabilities.experimental, connectorLs: { promptsForSample: true } };
    },
    initialize() {},
    getState: () => ({ kind: "static" }),
    clear() {},
  });
  client = created;
  setServerState({ kind: "starting" });
  try {
    await created.start();
    setServerState({ kind: "running", version: created.initializeResult?.serverInfo?.version });
  } catch (error) {
    client = undefined;
    setServerState({ kind: "stopped", reason: `did not start: ${String(error)}` });
    output.error(`The language server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage(`connector-ls did not start: ${String(error)}`, "Show Output").then(
      (choice) => choice && output.show(),
    );
  }
}

/** Start the server once, when the first connector file is open. */
function startFor(document: vscode.TextDocument): void {
  if (client === undefined && starting === undefined && isConnectorDocument(document)) {
    starting = start().finally(() => {
      starting = undefined;
    });
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop();
    } catch (error) {
      output.warn(`Stopping the language server: ${String(error)}`);
    }
  }
}

async function restart(): Promise<void> {
  await starting;
  await stop();
  await start();
}

/** The clipboard's text, where reading it needs no permission: in a browser (code-server,
 * Codespaces) reading it asks the user first, and a refusal shows an error before the input
 * box that was to offer it, so it is not read there. */
async function clipboardText(): Promise<string> {
  if (vscode.env.uiKind === vscode.UIKind.Web) {
    return "";
  }
  return vscode.env.clipboard.readText().then(
    (text) => text,
    () => "",
  );
}

/** Ask for the JSON body a response returns (the clipboard is offered when it holds JSON). */
async function askForSample(pointer: string): Promise<string | undefined> {
  const clipboard = await clipboardText();
  return vscode.window.showInputBox({
    title: `Generate schema from sample: ${pointer}`,
    prompt: "A JSON sample of the response body",
    value: sampleProblem(clipboard) === undefined ? clipboard : "",
    ignoreFocusOut: true,
    validateInput: sampleProblem,
  });
}

/** The running server, started if need be, when it offers `command` (else says so). */
async function serverOffering(command: string, what: string): Promise<LanguageClient | undefined> {
  await starting;
  if (client === undefined) {
    await start();
  }
  const running = client;
  if (running === undefined) {
    return undefined;
  }
  const commands = running.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  if (!commands.includes(command)) {
    const version = running.initializeResult?.serverInfo?.version ?? "unknown";
    void vscode.window.showWarningMessage(
      `This connector-ls (version ${version}) does not offer '${what}'; update connector-ls.`,
    );
    return undefined;
  }
  return running;
}

async function generateSchema(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || !isConnectorDocument(editor.document)) {
    void vscode.window.showWarningMessage("Open an apiDefinition.swagger.json to generate a response schema.");
    return;
  }
  const running = await serverOffering(GENERATE_SCHEMA, "Generate schema from sample");
  if (running === undefined) {
    return;
  }
  const document = editor.document;
  const text = document.getText();
  let pointer = responsePointerAt(text, document.offsetAt(editor.selection.active));
  if (pointer === undefined) {
    const choices = responseChoices(text);
    if (choices.length === 0) {
      void vscode.window.showWarningMessage("This definition has no responses.");
      return;
    }
    const picked = await vscode.window.showQuickPick(
      choices.map((c) => ({ label: c.label, description: c.hasSchema ? "has a schema" : undefined, pointer: c.pointer })),
      { title: "Generate schema from sample", placeHolder: "The response to give a schema" },
    );
    if (picked === undefined) {
      return;
    }
    pointer = picked.pointer;
  }
  const sample = await askForSample(pointer);
  if (sample === undefined) {
    return;
  }
  const result: unknown = await running.sendRequest(ExecuteCommandRequest.type, {
    command: GENERATE_SCHEMA,
    // The sample goes as text, so the server keeps the order of its keys.
    arguments: [{ uri: running.code2ProtocolConverter.asUri(document.uri), pointer, sample }],
  });
  // The server may apply the edit itself (workspace/applyEdit) or return it.
  if (result !== null && typeof result === "object" && ("changes" in result || "documentChanges" in result)) {
    const edit = await running.protocol2CodeConverter.asWorkspaceEdit(result as WorkspaceEdit);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage("The schema could not be inserted (the file changed meanwhile?).");
    }
  }
}

/** The command that places pasted validator messages in the connector. */
const LOCATE = "connector-ls.locate";

/** The pasted validator messages, placed (shown beside connector-ls's own diagnostics). */
let located: vscode.DiagnosticCollection | undefined;

/** Validator messages (a pipeline log, the portal's errors, paconn output): the selection of the
 * active editor when there is one, else pasted in an input box (the clipboard is offered). */
async function askForMessages(editor: vscode.TextEditor): Promise<string | undefined> {
  if (!editor.selection.isEmpty && !isConnectorDocument(editor.document)) {
    return editor.document.getText(editor.selection);
  }
  const clipboard = await clipboardText();
  return vscode.window.showInputBox({
    title: "Locate validator messages",
    prompt: "Paste the messages: ##[error]… ValuePath: …, the portal's errors, paconn output",
    value: clipboard.includes("ValuePath") || clipboard.includes("Error : ") ? clipboard : "",
    ignoreFocusOut: true,
  });
}

async function locateMessages(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const document = vscode.workspace.textDocuments.find(isConnectorDocument);
  if (editor === undefined || document === undefined) {
    void vscode.window.showWarningMessage("Open a file of the connector to place the validator's messages in.");
    return;
  }
  const running = await serverOffering(LOCATE, "Locate validator messages");
  if (running === undefined) {
    return;
  }
  const connectorFile = isConnectorDocument(editor.document) ? editor.document : document;
  const text = await askForMessages(editor);
  if (text === undefined || text.trim() === "") {
    return;
  }
  const result = (await running.sendRequest(ExecuteCommandRequest.type, {
    command: LOCATE,
    arguments: [{ uri: running.code2ProtocolConverter.asUri(connectorFile.uri), text }],
  })) as { uri: string; diagnostic: Diagnostic }[] | null;
  const found = result ?? [];
  located ??= vscode.languages.createDiagnosticCollection("connector-ls (validator messages)");
  located.clear();
  const byUri = new Map<string, Diagnostic[]>();
  for (const item of found) {
    byUri.set(item.uri, [...(byUri.get(item.uri) ?? []), item.diagnostic]);
  }
  for (const [uri, diagnostics] of byUri) {
    located.set(
      running.protocol2CodeConverter.asUri(uri),
      await running.protocol2CodeConverter.asDiagnostics(diagnostics),
    );
  }
  if (found.length === 0) {
    void vscode.window.showInformationMessage("No validator message with a place was found in the text.");
    return;
  }
  await vscode.commands.executeCommand("workbench.actions.view.problems");
}

export function activate(context: vscode.ExtensionContext): void {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel("connector-ls", { log: true });
  status = vscode.languages.createLanguageStatusItem(
    "connectorLs.status",
    FILE_PATTERNS.map((pattern) => ({ scheme: "file", pattern })),
  );
  status.name = "connector-ls";
  status.command = { title: "Show Output", command: "connectorLs.showOutput" };
  updateStatus();
  context.subscriptions.push(
    output,
    status,
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.commands.registerCommand("connectorLs.restart", restart),
    vscode.commands.registerCommand("connectorLs.showOutput", () => output.show()),
    vscode.commands.registerCommand("connectorLs.generateSchema", () =>
      generateSchema().catch((error) => {
        output.error(`Generate schema from sample: ${String(error)}`);
        void vscode.window.showErrorMessage(`Generate schema from sample failed: ${String(error)}`);
      }),
    ),
    vscode.commands.registerCommand("connectorLs.locate", () =>
      locateMessages().catch((error) => {
        output.error(`Locate validator messages: ${String(error)}`);
        void vscode.window.showErrorMessage(`Locate validator messages failed: ${String(error)}`);
      }),
    ),
    vscode.commands.registerCommand("connectorLs.clearLocated", () => located?.clear()),
    { dispose: () => located?.dispose() },
    vscode.workspace.onDidOpenTextDocument(startFor),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("connectorLs.server.path")) {
        if (client !== undefined) {
          await restart();
        } else {
          // A server that failed to start (a wrong path) starts once the path is corrected.
          const document = vscode.workspace.textDocuments.find(isConnectorDocument);
          if (document !== undefined) {
            startFor(document);
          }
        }
      } else if (
        event.affectsConfiguration("connectorLs.rules") ||
        event.affectsConfiguration("connectorLs.profile") ||
        event.affectsConfiguration("connectorLs.baseRef")
      ) {
        await client?.sendNotification(DidChangeConfigurationNotification.type, {
          settings: currentSettings(),
        });
      }
    }),
  );
  vscode.workspace.textDocuments.forEach(startFor);
}

export async function deactivate(): Promise<void> {
  await starting;
  await stop();
}
