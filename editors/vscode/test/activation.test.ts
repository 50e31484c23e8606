// Loads the built bundle (dist/extension.js) against a recording stand-in for the `vscode`
// module and drives its activation: commands registered, the server started only for a
// connector file, and a wrong `connectorLs.server.path` reported with its fix. A real VS Code
// cannot be downloaded on the machines this runs on, so this is as far as it goes.

import assert from "node:assert/strict";
import Module from "node:module";
import * as path from "node:path";
import { it } from "node:test";

type Listener = (value: unknown) => unknown;

function inert(name: string): unknown {
  const fn = function () {};
  return new Proxy(fn, {
    get(_t, key) {
      if (key === "then") return undefined;
      if (key === Symbol.toPrimitive) return () => name;
      return inert(`${name}.${String(key)}`);
    },
    apply: () => inert(`${name}()`),
    construct: () => inert(`new ${name}`) as object,
  });
}

function withFallback<T extends object>(known: T, name: string): T {
  return new Proxy(known, {
    get(target, key) {
      return key in target ? (target as Record<string | symbol, unknown>)[key] : inert(`${name}.${String(key)}`);
    },
  });
}

it("activates, registers its commands, and reports a wrong server path when a connector file opens", async () => {
  const commands: string[] = [];
  const errors: string[] = [];
  const logged: string[] = [];
  const openListeners: Listener[] = [];
  const settings: Record<string, unknown> = { "server.path": "/nonexistent/connector-ls", rules: {} };
  const disposable = { dispose() {} };
  const channel = withFallback(
    {
      info: (m: string) => logged.push(`info ${m}`),
      warn: (m: string) => logged.push(`warn ${m}`),
      error: (m: string) => logged.push(`error ${m}`),
      show() {},
      dispose() {},
    },
    "channel",
  );
  const statusItems: Record<string, unknown>[] = [];
  const vscode = withFallback(
    {
      version: "1.91.0",
      LanguageStatusSeverity: { Information: 0, Warning: 1, Error: 2 },
      languages: withFallback(
        {
          createLanguageStatusItem: (id: string, selector: unknown) => {
            const item: Record<string, unknown> = { id, selector, dispose() {} };
            statusItems.push(item);
            return item;
          },
          getDiagnostics: () => [],
          onDidChangeDiagnostics: () => disposable,
        },
        "languages",
      ),
      commands: withFallback(
        {
          registerCommand: (id: string) => {
            commands.push(id);
            return disposable;
          },
          executeCommand: async () => undefined,
        },
        "commands",
      ),
      window: withFallback(
        {
          createOutputChannel: () => channel,
          activeTextEditor: undefined,
          onDidChangeActiveTextEditor: () => disposable,
          showErrorMessage: async (message: string) => {
            errors.push(message);
            return undefined;
          },
        },
        "window",
      ),
      workspace: withFallback(
        {
          textDocuments: [],
          workspaceFolders: undefined,
          getConfiguration: () => ({ get: (key: string) => settings[key] }),
          onDidOpenTextDocument: (listener: Listener) => {
            openListeners.push(listener);
            return disposable;
          },
          onDidChangeConfiguration: () => disposable,
        },
        "workspace",
      ),
    },
    "vscode",
  );

  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === "vscode" ? vscode : load.call(this, request, ...rest);
  };
  try {
    const extension = require(path.resolve(__dirname, "../../dist/extension.js"));
    extension.activate({ extensionPath: "/nonexistent/extension", subscriptions: [] });
    assert.deepEqual(commands.sort(), [
      "connectorLs.clearLocated",
      "connectorLs.generateSchema",
      "connectorLs.locate",
      "connectorLs.restart",
      "connectorLs.showOutput",
    ]);
    assert.equal(openListeners.length, 1);

    const document = (fsPath: string) => ({ uri: { scheme: "file", fsPath }, languageId: "json" });
    // Not a connector file: nothing starts.
    openListeners[0](document("/project/package.json"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(errors, []);

    openListeners[0](document("/connectors/contoso/apiDefinition.swagger.json"));
    for (let i = 0; i < 100 && errors.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(errors.length, 1);
    assert.match(errors[0], /connectorLs\.server\.path is set to '\/nonexistent\/connector-ls', which is not an executable file/);
    assert.ok(logged.some((line) => line.startsWith("error connectorLs.server.path")), logged.join("\n"));
    // The language status item, on connector files only, says the server is not running, and why.
    assert.equal(statusItems.length, 1);
    const item = statusItems[0];
    assert.deepEqual(
      (item.selector as { pattern: string }[]).map((s) => s.pattern),
      [
        "**/apiDefinition*.swagger.json",
        "**/apiProperties.json",
        "**/settings.json",
        "**/script.csx",
        "**/[Rr][Ee][Aa][Dd][Mm][Ee].[Mm][Dd]",
        "**/[Ii][Nn][Tt][Rr][Oo].[Mm][Dd]",
      ],
    );
    assert.equal(item.text, "connector-ls: not running");
    assert.match(String(item.detail), /not an executable file/);
    assert.equal(item.severity, 2);
    assert.deepEqual(item.command, { title: "Show Output", command: "connectorLs.showOutput" });
    await extension.deactivate();
  } finally {
    loader._load = load;
  }
});
