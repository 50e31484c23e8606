// Where the server binary is: the `connectorLs.server.path` setting, then the binary bundled
// in the extension, then `connector-ls` on PATH. Pure (the file system is passed in), so the
// order is unit-tested on every platform's path rules.

import * as path from "node:path";

export type ServerSource = "setting" | "bundled" | "PATH";

export type Discovery =
  | { found: true; path: string; source: ServerSource }
  | { found: false; message: string };

export interface DiscoveryInput {
  /** The `connectorLs.server.path` setting ("" when unset). */
  configuredPath: string | undefined;
  /** The extension's install folder (the binary is bundled as `bundled/connector-ls`). */
  extensionPath: string;
  /** A folder to resolve a relative setting against (the first workspace folder). */
  workspaceFolder: string | undefined;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
  /** Whether `file` exists and is a file (and, off Windows, executable). */
  isExecutable: (file: string) => boolean;
}

export const BINARY = "connector-ls";

export const INSTALL_HINT =
  "Build it from the connector-ls repository with `cargo install --path .` (which puts " +
  "`connector-ls` on PATH), or set `connectorLs.server.path` to the binary.";

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

/** `~` and `~/…` stand for the home folder. */
export function expandHome(file: string, homedir: string, platform: NodeJS.Platform): string {
  const p = pathApi(platform);
  if (file === "~") {
    return homedir;
  }
  if (file.startsWith("~/") || (platform === "win32" && file.startsWith("~\\"))) {
    return p.join(homedir, file.slice(2));
  }
  return file;
}

/** The names a command has on this platform (Windows tries each PATHEXT extension). */
function executableNames(platform: NodeJS.Platform, env: DiscoveryInput["env"]): string[] {
  if (platform !== "win32") {
    return [BINARY];
  }
  const extensions = (env.PATHEXT ?? env.Pathext ?? ".COM;.EXE;.BAT;.CMD")
    .split(";")
    .filter((e) => e.length > 0);
  return extensions.map((e) => BINARY + e.toLowerCase());
}

export function findServer(input: DiscoveryInput): Discovery {
  const p = pathApi(input.platform);
  const configured = (input.configuredPath ?? "").trim();
  if (configured !== "") {
    let file = expandHome(configured, input.homedir, input.platform);
    if (!p.isAbsolute(file) && input.workspaceFolder !== undefined) {
      file = p.resolve(input.workspaceFolder, file);
    }
    if (input.isExecutable(file)) {
      return { found: true, path: file, source: "setting" };
    }
    // A path the user chose is not silently replaced by another binary.
    return {
      found: false,
      message: `connectorLs.server.path is set to '${configured}', which is not an executable file. ${INSTALL_HINT}`,
    };
  }
  const bundled = p.join(
    input.extensionPath,
    "bundled",
    input.platform === "win32" ? `${BINARY}.exe` : BINARY,
  );
  if (input.isExecutable(bundled)) {
    return { found: true, path: bundled, source: "bundled" };
  }
  const searchPath = input.env.PATH ?? input.env.Path ?? "";
  for (const dir of searchPath.split(p.delimiter)) {
    if (dir === "") {
      continue;
    }
    for (const name of executableNames(input.platform, input.env)) {
      const file = p.join(dir, name);
      if (input.isExecutable(file)) {
        return { found: true, path: file, source: "PATH" };
      }
    }
  }
  return {
    found: false,
    message: `connector-ls was not found: this extension has no bundled binary for this platform and there is no connector-ls on PATH. ${INSTALL_HINT}`,
  };
}
