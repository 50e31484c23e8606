import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { type DiscoveryInput, expandHome, findServer } from "../src/discovery";

function input(files: string[], overrides: Partial<DiscoveryInput> = {}): DiscoveryInput {
  const present = new Set(files);
  return {
    configuredPath: "",
    extensionPath: "/ext",
    workspaceFolder: "/work/connectors",
    platform: "linux",
    env: { PATH: "/usr/local/bin:/usr/bin" },
    homedir: "/home/me",
    isExecutable: (file) => present.has(file),
    ...overrides,
  };
}

describe("findServer", () => {
  it("prefers the setting over the bundled binary and PATH", () => {
    const found = findServer(
      input(["/opt/cls/connector-ls", "/ext/bundled/connector-ls", "/usr/bin/connector-ls"], {
        configuredPath: "/opt/cls/connector-ls",
      }),
    );
    assert.deepEqual(found, { found: true, path: "/opt/cls/connector-ls", source: "setting" });
  });

  it("expands ~ and resolves a relative setting against the workspace folder", () => {
    assert.deepEqual(
      findServer(input(["/home/me/.cargo/bin/connector-ls"], { configuredPath: "~/.cargo/bin/connector-ls" })),
      { found: true, path: "/home/me/.cargo/bin/connector-ls", source: "setting" },
    );
    assert.deepEqual(
      findServer(input(["/work/connectors/bin/connector-ls"], { configuredPath: "bin/connector-ls" })),
      { found: true, path: "/work/connectors/bin/connector-ls", source: "setting" },
    );
  });

  it("does not fall back when the configured path is wrong, and says so", () => {
    const found = findServer(
      input(["/ext/bundled/connector-ls", "/usr/bin/connector-ls"], { configuredPath: "/nope/connector-ls" }),
    );
    assert.equal(found.found, false);
    assert.match(!found.found ? found.message : "", /connectorLs\.server\.path is set to '\/nope\/connector-ls'/);
  });

  it("uses the bundled binary before PATH", () => {
    assert.deepEqual(findServer(input(["/ext/bundled/connector-ls", "/usr/bin/connector-ls"])), {
      found: true,
      path: "/ext/bundled/connector-ls",
      source: "bundled",
    });
  });

  it("searches PATH in order", () => {
    assert.deepEqual(findServer(input(["/usr/bin/connector-ls"])), {
      found: true,
      path: "/usr/bin/connector-ls",
      source: "PATH",
    });
    assert.deepEqual(findServer(input(["/usr/local/bin/connector-ls", "/usr/bin/connector-ls"])), {
      found: true,
      path: "/usr/local/bin/connector-ls",
      source: "PATH",
    });
  });

  it("says how to install when nothing is found", () => {
    const found = findServer(input([], { env: {} }));
    assert.equal(found.found, false);
    const message = !found.found ? found.message : "";
    assert.match(message, /not found/);
    assert.match(message, /cargo install --path \./);
    assert.match(message, /connectorLs\.server\.path/);
  });

  it("follows Windows rules: .exe bundled, ; in Path, PATHEXT", () => {
    const windows: Partial<DiscoveryInput> = {
      platform: "win32",
      extensionPath: "C:\\ext",
      homedir: "C:\\Users\\me",
      env: { Path: "C:\\Windows;C:\\tools", PATHEXT: ".COM;.EXE" },
    };
    assert.deepEqual(findServer(input(["C:\\ext\\bundled\\connector-ls.exe"], windows)), {
      found: true,
      path: "C:\\ext\\bundled\\connector-ls.exe",
      source: "bundled",
    });
    assert.deepEqual(findServer(input(["C:\\tools\\connector-ls.exe"], windows)), {
      found: true,
      path: "C:\\tools\\connector-ls.exe",
      source: "PATH",
    });
    assert.deepEqual(
      findServer(input(["C:\\Users\\me\\bin\\connector-ls.exe"], { ...windows, configuredPath: "~\\bin\\connector-ls.exe" })),
      { found: true, path: "C:\\Users\\me\\bin\\connector-ls.exe", source: "setting" },
    );
  });
});

describe("expandHome", () => {
  it("expands only a leading ~", () => {
    assert.equal(expandHome("~", "/home/me", "linux"), "/home/me");
    assert.equal(expandHome("~/x", "/home/me", "linux"), "/home/me/x");
    assert.equal(expandHome("/a/~/x", "/home/me", "linux"), "/a/~/x");
    assert.equal(expandHome("~other/x", "/home/me", "linux"), "~other/x");
  });
});
