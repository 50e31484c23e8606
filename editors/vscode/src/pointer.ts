// The response that "Generate schema from sample" fills: the one at the cursor, or one picked
// from a list. Pure (text in, JSON pointers out), so unit-tested.

import { getLocation, parseTree, type Node, type Segment } from "jsonc-parser";

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch"]);

/** An RFC 6901 JSON pointer for a path of keys and indexes. */
export function toPointer(segments: readonly Segment[]): string {
  return segments
    .map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1"))
    .join("");
}

/**
 * The pointer of the response that contains `offset`: an operation's response
 * (`/paths/~1items/get/responses/200`) or a shared one (`/responses/NotFound`).
 */
export function responsePointerAt(text: string, offset: number): string | undefined {
  const path = getLocation(text, offset).path;
  // An operation's response: paths / <path> / <method> / responses / <code>.
  if (
    path.length >= 5 &&
    path[0] === "paths" &&
    typeof path[2] === "string" &&
    METHODS.has(path[2]) &&
    path[3] === "responses" &&
    typeof path[4] === "string" &&
    path[4] !== ""
  ) {
    return toPointer(path.slice(0, 5));
  }
  if (path.length >= 2 && path[0] === "responses" && typeof path[1] === "string" && path[1] !== "") {
    return toPointer(path.slice(0, 2));
  }
  return undefined;
}

export interface ResponseChoice {
  /** What the list shows, e.g. "GET /items  200". */
  label: string;
  pointer: string;
  /** Whether the response already has a schema (it would be replaced or refused). */
  hasSchema: boolean;
}

function member(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== "object") {
    return undefined;
  }
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (name?.value === key) {
      return value;
    }
  }
  return undefined;
}

function members(node: Node | undefined): Array<[string, Node]> {
  if (node?.type !== "object") {
    return [];
  }
  const out: Array<[string, Node]> = [];
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (typeof name?.value === "string" && value !== undefined) {
      out.push([name.value, value]);
    }
  }
  return out;
}

/** Every response of the definition, operations' first, in file order. */
export function responseChoices(text: string): ResponseChoice[] {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const choices: ResponseChoice[] = [];
  for (const [route, item] of members(member(root, "paths"))) {
    for (const [method, operation] of members(item)) {
      if (!METHODS.has(method)) {
        continue;
      }
      for (const [code, response] of members(member(operation, "responses"))) {
        choices.push({
          label: `${method.toUpperCase()} ${route}  ${code}`,
          pointer: toPointer(["paths", route, method, "responses", code]),
          hasSchema: member(response, "schema") !== undefined,
        });
      }
    }
  }
  for (const [name, response] of members(member(root, "responses"))) {
    choices.push({
      label: `responses  ${name}`,
      pointer: toPointer(["responses", name]),
      hasSchema: member(response, "schema") !== undefined,
    });
  }
  return choices;
}

/** Why `sample` is not JSON (undefined when it is), for the input box. */
export function sampleProblem(sample: string): string | undefined {
  if (sample.trim() === "") {
    return "Paste a JSON sample of the response body";
  }
  try {
    JSON.parse(sample);
    return undefined;
  } catch (error) {
    return `Not JSON: ${(error as Error).message}`;
  }
}

/** The server's command behind "Generate schema from sample". */
export const GENERATE_SCHEMA = "connector-ls.generateSchema";

/**
 * The argument of a `connector-ls.generateSchema` call that comes without a sample (the
 * server's code action "Generate schema from a sample…" carries `{ uri, pointer }` for the
 * editor to complete), or undefined for any other command.
 */
export function argumentWithoutSample(
  command: string,
  args: readonly unknown[],
): { uri: string; pointer: string } | undefined {
  const [first] = args;
  if (command !== GENERATE_SCHEMA || first === null || typeof first !== "object") {
    return undefined;
  }
  const argument = first as Record<string, unknown>;
  if (argument.sample !== undefined || typeof argument.uri !== "string" || typeof argument.pointer !== "string") {
    return undefined;
  }
  return { uri: argument.uri, pointer: argument.pointer };
}
