// Which files are connector files, by name. Pure: no `vscode` import, so it is unit-tested.

import * as path from "node:path";

/** Document selector patterns: VS Code keeps its own language (JSON, C#, Markdown) for these files. */
export const FILE_PATTERNS = [
  "**/apiDefinition*.swagger.json",
  "**/apiProperties.json",
  // Every settings.json matches, .vscode/settings.json too: the server answers only for a
  // settings.json beside a connector's files (or naming them), and ignores the others.
  "**/settings.json",
  "**/script.csx",
  // Every readme matches too: the server answers only for one beside a connector's files.
  "**/[Rr][Ee][Aa][Dd][Mm][Ee].[Mm][Dd]",
  "**/[Ii][Nn][Tt][Rr][Oo].[Mm][Dd]",
] as const;

/** The file system watcher glob: connector files that are not open are read from disk (the icon too). */
export const WATCH_GLOB =
  "**/{apiDefinition*.swagger.json,apiProperties.json,settings.json,script.csx,[Rr][Ee][Aa][Dd][Mm][Ee].[Mm][Dd],[Ii][Nn][Tt][Rr][Oo].[Mm][Dd],icon.png}";

const DEFINITION = /^apiDefinition.*\.swagger\.json$/;

/** The file names that make a folder a connector folder. */
export function isDefinitionName(name: string): boolean {
  return DEFINITION.test(name);
}

/**
 * Whether the file at `filePath` is a connector file, so that opening it starts the server.
 * A settings.json, and a readme (readme.md in any casing, or intro.md), count only beside an
 * apiDefinition*.swagger.json or an apiProperties.json.
 * `siblings` lists the names of the files in the same folder.
 */
export function isConnectorFile(filePath: string, siblings: () => readonly string[]): boolean {
  const name = path.basename(filePath);
  if (isDefinitionName(name) || name === "apiProperties.json" || name === "script.csx") {
    return true;
  }
  if (name === "settings.json" || /^(readme|intro)\.md$/i.test(name)) {
    return siblings().some((sibling) => isDefinitionName(sibling) || sibling === "apiProperties.json");
  }
  return false;
}
