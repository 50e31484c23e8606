import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { it } from "node:test";

// The pytest-lsp suite runs the server under the capabilities this extension's client sends
// (tests/editors/clients/vscode-languageclient.json). They must be the installed client's.
it("the recorded capabilities are those of the installed vscode-languageclient", () => {
  const extension = path.resolve(__dirname, "../..");
  const computed = execFileSync(process.execPath, [path.join(extension, "scripts/client-capabilities.js")], {
    encoding: "utf8",
  });
  const recorded = fs.readFileSync(path.join(extension, "../../tests/editors/clients/vscode-languageclient.json"), "utf8");
  assert.deepEqual(
    JSON.parse(computed),
    JSON.parse(recorded),
    "re-record with: node scripts/client-capabilities.js > ../../tests/editors/clients/vscode-languageclient.json",
  );
  const capabilities = JSON.parse(recorded).capabilities;
  // What the server relies on: pull diagnostics with refresh, diagnostic data kept.
  assert.equal(capabilities.workspace.diagnostics.refreshSupport, true);
  assert.ok(capabilities.textDocument.diagnostic);
  assert.equal(capabilities.textDocument.publishDiagnostics.dataSupport, true);
});
