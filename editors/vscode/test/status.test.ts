import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { findingCount, statusView } from "../src/status";

describe("findingCount", () => {
  it("counts connector-ls's diagnostics in the connector's folder only", () => {
    const diagnostics = [
      ["/c/apiDefinition.swagger.json", ["connector-ls", "connector-ls", "json"]],
      ["/c/apiProperties.json", ["connector-ls"]],
      ["/c/sub/apiProperties.json", ["connector-ls"]],
      ["/other/apiProperties.json", ["connector-ls"]],
    ] as const;
    assert.equal(findingCount(diagnostics, "/c"), 3);
    assert.equal(findingCount(diagnostics, "/none"), 0);
  });
});

describe("statusView", () => {
  it("shows the version and the findings of a running server", () => {
    assert.deepEqual(statusView({ kind: "running", version: "0.1.0" }, 13), {
      text: "connector-ls 0.1.0",
      detail: "13 findings in this connector",
      error: false,
    });
    assert.equal(statusView({ kind: "running", version: "0.1.0" }, 1).detail, "1 finding in this connector");
    assert.equal(statusView({ kind: "running", version: undefined }, undefined).text, "connector-ls");
  });

  it("shows a server that is not running as an error, with the reason", () => {
    assert.deepEqual(statusView({ kind: "stopped", reason: "connectorLs.server.path is wrong" }, 3), {
      text: "connector-ls: not running",
      detail: "connectorLs.server.path is wrong",
      error: true,
    });
  });
});
