// The manifest as VS Code users expect it: activation on connector workspaces only, the server
// path restricted in untrusted workspaces, the connector-ls.toml schema offered to TOML extensions.

import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { it } from "node:test";

const extension = path.resolve(__dirname, "../..");
const manifest = JSON.parse(fs.readFileSync(path.join(extension, "package.json"), "utf8"));

it("activates for connector workspaces, not for every JSON or C# file", () => {
  const events: string[] = manifest.activationEvents;
  assert.ok(events.length > 0);
  for (const event of events) {
    assert.match(event, /^workspaceContains:/, event);
  }
  assert.ok(!events.some((event) => event.startsWith("onLanguage:")));
});

it("reads connectorLs.server.path from the user settings only in an untrusted workspace", () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, "limited");
  assert.deepEqual(untrusted.restrictedConfigurations, ["connectorLs.server.path"]);
  assert.ok(manifest.contributes.configuration.properties[untrusted.restrictedConfigurations[0]]);
});

it("offers the connector-ls.toml schema that scripts/package.sh writes to TOML extensions", () => {
  const validations: { fileMatch: string; url: string }[] = manifest.contributes.tomlValidation;
  assert.deepEqual(validations.map((v) => v.fileMatch).sort(), [".connector-ls.toml", "connector-ls.toml"]);
  const script = fs.readFileSync(path.join(extension, "scripts/package.sh"), "utf8");
  for (const { url } of validations) {
    assert.ok(script.includes(`config schema >${url.replace(/^\.\//, "")}`), url);
  }
});

it("names its icon, repository, homepage and issue tracker", () => {
  assert.ok(fs.existsSync(path.join(extension, manifest.icon)));
  assert.match(manifest.repository.url, /^https:\/\//);
  assert.match(manifest.homepage, /^https:\/\//);
  assert.match(manifest.bugs.url, /^https:\/\/.*\/issues$/);
  assert.ok(fs.existsSync(path.join(extension, "CHANGELOG.md")));
});
