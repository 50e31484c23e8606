// What the language status item says: the server's state and version, and the finding count of
// the connector whose file is in the active editor. Pure: no `vscode` import, so it is unit-tested.

import * as path from "node:path";

export type ServerState =
  | { kind: "starting" }
  | { kind: "running"; version: string | undefined }
  | { kind: "stopped"; reason: string };

export interface StatusView {
  text: string;
  detail: string;
  /** The item is shown as an error (the server is not running). */
  error: boolean;
}

/** connector-ls's findings (diagnostics with source `connector-ls`) in the files of `folder`. */
export function findingCount(
  diagnostics: readonly (readonly [filePath: string, sources: readonly (string | undefined)[]])[],
  folder: string,
): number {
  let count = 0;
  for (const [filePath, sources] of diagnostics) {
    if (path.dirname(filePath) === folder) {
      count += sources.filter((source) => source === "connector-ls").length;
    }
  }
  return count;
}

export function statusView(state: ServerState, findings: number | undefined): StatusView {
  switch (state.kind) {
    case "starting":
      return { text: "connector-ls: starting", detail: "", error: false };
    case "stopped":
      return { text: "connector-ls: not running", detail: state.reason, error: true };
    case "running": {
      const version = state.version === undefined ? "" : ` ${state.version}`;
      const detail =
        findings === undefined ? "" : findings === 1 ? "1 finding in this connector" : `${findings} findings in this connector`;
      return { text: `connector-ls${version}`, detail, error: false };
    }
  }
}
