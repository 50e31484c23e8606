import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { configurationAnswer, serverSettings } from "../src/settings";

describe("serverSettings", () => {
  it("passes rule severities through in the server's shape", () => {
    assert.deepEqual(
      serverSettings({ "operation-id-not-pascal-case": "off", "response-schema-missing": "error" }),
      {
        settings: { rules: { "operation-id-not-pascal-case": "off", "response-schema-missing": "error" } },
        problems: [],
      },
    );
  });

  it("gives an empty rule map when nothing is set (the server's defaults)", () => {
    assert.deepEqual(serverSettings(undefined), { settings: { rules: {} }, problems: [] });
    assert.deepEqual(serverSettings({}), { settings: { rules: {} }, problems: [] });
  });

  it("accepts any case and surrounding spaces", () => {
    assert.deepEqual(serverSettings({ " response-schema-missing ": " Warning" }).settings, {
      rules: { "response-schema-missing": "warning" },
    });
  });

  it("leaves out values the server would reject, and says which", () => {
    const mapped = serverSettings({ "a-rule": "fatal", "b-rule": 3, "c-rule": "hint" });
    assert.deepEqual(mapped.settings, { rules: { "c-rule": "hint" } });
    assert.equal(mapped.problems.length, 2);
    assert.match(mapped.problems[0], /'a-rule' is set to "fatal"; expected one of off, error, warning, info, hint/);
  });

  it("passes a known profile through, and says when one is not", () => {
    assert.deepEqual(serverSettings({}, " Certification").settings, { rules: {}, profile: "certification" });
    const mapped = serverSettings({}, "strict");
    assert.deepEqual(mapped.settings, { rules: {} });
    assert.match(mapped.problems[0], /connectorLs.profile is set to "strict"; expected one of default, certification/);
  });

  it("passes a base revision through; empty is none, and anything else is said", () => {
    assert.deepEqual(serverSettings({}, undefined, " origin/main ").settings, { rules: {}, baseRef: "origin/main" });
    assert.deepEqual(serverSettings({}, undefined, "").settings, { rules: {} });
    const mapped = serverSettings({}, undefined, 3);
    assert.deepEqual(mapped.settings, { rules: {} });
    assert.match(mapped.problems[0], /connectorLs.baseRef is set to 3; expected a git branch, tag or commit/);
  });

  it("rejects a value that is not an object", () => {
    for (const value of ["off", ["a"], 1]) {
      const mapped = serverSettings(value);
      assert.deepEqual(mapped.settings, { rules: {} });
      assert.equal(mapped.problems.length, 1);
    }
  });
});

describe("configurationAnswer", () => {
  it("answers the server's section with the mapped settings, other sections as VS Code did", () => {
    const settings = { rules: { "a-rule": "off" as const } };
    assert.deepEqual(
      configurationAnswer([{ section: "connectorLs" }, { section: "editor" }, {}], [{ rules: { "a-rule": "OFF" } }, { tabSize: 2 }, null], settings),
      [settings, { tabSize: 2 }, null],
    );
  });
});
