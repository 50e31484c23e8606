// The VS Code settings as the server reads them: `connectorLs.rules`, `connectorLs.profile` and
// `connectorLs.baseRef` become `{ "rules": { "<rule-id>": "<severity>" }, "profile":
// "<profile>", "baseRef": "<git revision>" }`, the shape of
// `initializationOptions` and of `workspace/didChangeConfiguration`. Pure, so unit-tested.

export const SEVERITIES = ["off", "error", "warning", "info", "hint"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PROFILES = ["default", "certification"] as const;
export type Profile = (typeof PROFILES)[number];

export interface ServerSettings {
  rules: Record<string, Severity>;
  /** Absent: the server's default profile (or the project file's). */
  profile?: Profile;
  /** The git revision the breaking- rules compare with; absent: none (or the project file's). */
  baseRef?: string;
}

export interface Mapped {
  settings: ServerSettings;
  /** One line per entry that was left out, for the output channel. */
  problems: string[];
}

export function serverSettings(rules: unknown, profile?: unknown, baseRef?: unknown): Mapped {
  const settings: ServerSettings = { rules: {} };
  const problems: string[] = [];
  if (typeof baseRef === "string" && baseRef.trim() !== "" && !baseRef.trim().startsWith("-")) {
    settings.baseRef = baseRef.trim();
  } else if (typeof baseRef === "string" && baseRef.trim() === "") {
    // An empty setting is no base, as VS Code shows it.
  } else if (baseRef !== undefined && baseRef !== null) {
    problems.push(`connectorLs.baseRef is set to ${JSON.stringify(baseRef)}; expected a git branch, tag or commit`);
  }
  if (typeof profile === "string" && (PROFILES as readonly string[]).includes(profile.trim().toLowerCase())) {
    settings.profile = profile.trim().toLowerCase() as Profile;
  } else if (profile !== undefined && profile !== null) {
    problems.push(`connectorLs.profile is set to ${JSON.stringify(profile)}; expected one of ${PROFILES.join(", ")}`);
  }
  if (rules === undefined || rules === null) {
    return { settings, problems };
  }
  if (typeof rules !== "object" || Array.isArray(rules)) {
    problems.push("connectorLs.rules must be an object of rule ids to severities");
    return { settings, problems };
  }
  for (const [rule, value] of Object.entries(rules as Record<string, unknown>)) {
    const severity = typeof value === "string" ? value.trim().toLowerCase() : value;
    if (typeof severity === "string" && (SEVERITIES as readonly string[]).includes(severity)) {
      settings.rules[rule.trim()] = severity as Severity;
    } else {
      problems.push(
        `connectorLs.rules: '${rule}' is set to ${JSON.stringify(value)}; expected one of ${SEVERITIES.join(", ")}`,
      );
    }
  }
  return { settings, problems };
}

/** The section the server asks for with `workspace/configuration`. */
export const SECTION = "connectorLs";

/**
 * The answer to `workspace/configuration`: the server's own section as `serverSettings` maps
 * it (validated, lower-cased), any other section as VS Code answered it.
 */
export function configurationAnswer(
  items: readonly { section?: string }[],
  answered: readonly unknown[],
  settings: ServerSettings,
): unknown[] {
  return items.map((item, index) => (item.section === SECTION ? settings : answered[index]));
}
