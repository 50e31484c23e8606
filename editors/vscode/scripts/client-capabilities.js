// Prints the client capabilities that vscode-languageclient (the version installed here, the
// one the extension bundles) sends in `initialize`, as VS Code would run it. VS Code itself is
// not needed: the `vscode` module is replaced by a stand-in where every name is an inert
// value, which is enough for the client to list its features' capabilities.
//
//   node scripts/client-capabilities.js > ../../tests/editors/clients/vscode-languageclient.json

"use strict";

const Module = require("node:module");

// The oldest VS Code the extension runs on (package.json `engines.vscode`).
const VSCODE = require("../package.json").engines.vscode.replace(/^\^/, "");

function inert(name, known = {}) {
  const fn = function () {};
  return new Proxy(fn, {
    get(_target, key) {
      if (key in known) return known[key];
      if (key === Symbol.toPrimitive) return () => name;
      if (key === "then") return undefined;
      return inert(`${name}.${String(key)}`);
    },
    apply() {
      return inert(`${name}()`);
    },
    construct() {
      return inert(`new ${name}`);
    },
  });
}

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === "vscode" ? "vscode" : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: inert("vscode", { version: VSCODE }) };

const { LanguageClient } = require("vscode-languageclient/node");
const { version } = JSON.parse(
  require("node:fs").readFileSync(require("node:path").join(__dirname, "../node_modules/vscode-languageclient/package.json"), "utf8"),
);

const client = new LanguageClient("connectorLs", "connector-ls", { command: "connector-ls" }, {});
const capabilities = client.computeClientCapabilities();
process.stdout.write(
  JSON.stringify({ clientInfo: { name: "vscode-languageclient", version, vscode: VSCODE }, capabilities }, null, 2) + "\n",
);
