import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";

import { FILE_PATTERNS, WATCH_GLOB, isConnectorFile } from "../src/files";

const examples = path.resolve(__dirname, "../../../../fixtures/examples");

describe("isConnectorFile", () => {
  it("takes every file of the example connectors", () => {
    for (const example of ["contoso-items", "todo-broken"]) {
      const dir = path.join(examples, example);
      for (const name of fs.readdirSync(dir)) {
        assert.ok(isConnectorFile(path.join(dir, name), () => fs.readdirSync(dir)), `${example}/${name}`);
      }
    }
  });

  it("takes renamed definitions", () => {
    assert.ok(isConnectorFile("/c/apiDefinition.v2.swagger.json", () => []));
    assert.ok(isConnectorFile("/c/apiDefinitionBeta.swagger.json", () => []));
  });

  it("takes a settings.json only beside connector files", () => {
    assert.ok(isConnectorFile("/c/settings.json", () => ["apiProperties.json", "settings.json"]));
    assert.ok(isConnectorFile("/c/settings.json", () => ["apiDefinition.swagger.json"]));
    assert.ok(!isConnectorFile("/project/.vscode/settings.json", () => ["settings.json", "launch.json"]));
  });

  it("takes a readme only beside connector files", () => {
    for (const name of ["readme.md", "README.md", "Readme.MD", "intro.md"]) {
      assert.ok(isConnectorFile(`/c/${name}`, () => ["apiDefinition.swagger.json", name]), name);
      assert.ok(!isConnectorFile(`/project/${name}`, () => ["package.json", name]), name);
    }
  });

  it("leaves other JSON alone", () => {
    for (const file of ["/c/package.json", "/c/swagger.json", "/c/apiDefinition.json", "/c/x.csx"]) {
      assert.ok(!isConnectorFile(file, () => ["apiProperties.json"]), file);
    }
  });
});

describe("manifest", () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8"));
  const source = fs.readFileSync(path.resolve(__dirname, "../../src/extension.ts"), "utf8");

  it("contributes every command the extension registers, and no other", () => {
    const registered = [...source.matchAll(/registerCommand\("([^"]+)"/g)].map((m) => m[1]).sort();
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(registered, contributed);
    assert.deepEqual(registered, [
      "connectorLs.clearLocated",
      "connectorLs.generateSchema",
      "connectorLs.locate",
      "connectorLs.restart",
      "connectorLs.showOutput",
    ]);
  });

  it("contributes the settings the extension reads", () => {
    const properties = Object.keys(manifest.contributes.configuration.properties).sort();
    assert.deepEqual(properties, ["connectorLs.baseRef", "connectorLs.profile", "connectorLs.rules", "connectorLs.server.path", "connectorLs.trace.server"]);
    const severities = manifest.contributes.configuration.properties["connectorLs.rules"].additionalProperties.enum;
    assert.deepEqual(severities, ["off", "error", "warning", "info", "hint"]);
  });

  it("activates on the connector file names it watches", () => {
    assert.ok(manifest.activationEvents.includes("workspaceContains:**/apiDefinition*.swagger.json"));
    assert.ok(manifest.activationEvents.includes("workspaceContains:**/apiProperties.json"));
    for (const pattern of FILE_PATTERNS) {
      assert.ok(WATCH_GLOB.includes(pattern.replace("**/", "")), pattern);
    }
  });

  it("bundles everything: no runtime dependencies to ship", () => {
    assert.equal(manifest.dependencies, undefined);
    assert.equal(manifest.main, "./dist/extension.js");
  });
});
