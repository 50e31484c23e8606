// The packaged extension in a real VS Code (code-server), used as a person would through
// Debian's headless Chromium: the Problems panel, a hover, a quick fix, fix-all on save, a rename
// across files, "Generate schema from sample", a settings change, a wrong server path and the
// language status item.
// The settings run.sh writes turn off what would make a keyboard-driven test flaky or change
// what the steps see: auto save (fix-all runs on an explicit save only), auto-closing brackets
// and quotes, suggestions.
// run.sh starts code-server and passes CODE_SERVER_URL, CONNECTOR_DIR (the copy of the fixture
// connector it opened), USER_SETTINGS (the settings.json it reads) and ARTIFACTS.
// Every wait is for something on the screen or on disk, never a fixed delay: the machine may be
// loaded. A failing step leaves a screenshot in ARTIFACTS.

"use strict";

const fs = require("node:fs");
const path = require("node:path");
const puppeteer = require("puppeteer-core");

const URL = process.env.CODE_SERVER_URL;
const CONNECTOR = process.env.CONNECTOR_DIR;
const SETTINGS = process.env.USER_SETTINGS;
const ARTIFACTS = process.env.ARTIFACTS;
const DEFINITION = path.join(CONNECTOR, "apiDefinition.swagger.json");
const PROPERTIES = path.join(CONNECTOR, "apiProperties.json");
/** How long one thing may take to appear: generous, the machine has 2 shared cores. */
const WAIT = 60_000;

let page;
let passed = 0;
let failed = 0;

/** `text` with VS Code's rendered non-breaking spaces as spaces. */
const plain = (text) => text.replace(/\u00a0/g, " ");

async function until(what, check, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) {
        return last;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : last})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function visibleText(selector) {
  return page.$$eval(selector, (nodes) =>
    nodes.filter((n) => n.offsetParent !== null).map((n) => n.innerText),
  ).then((texts) => texts.map(plain));
}

/** Open the command palette and replace its text with `text` (">" runs commands, else Quick Open). */
async function palette(text) {
  await page.keyboard.press("Escape");
  await page.keyboard.press("F1");
  await page.waitForSelector(".quick-input-widget .quick-input-box input", { visible: true });
  await page.keyboard.down("Control");
  await page.keyboard.press("a");
  await page.keyboard.up("Control");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(text);
}

/** Run a command from the command palette by its title. */
async function command(title) {
  await palette(`>${title}`);
  const row = await until(`"${title}" in the command palette`, async () => {
    for (const candidate of await page.$$(".quick-input-widget .monaco-list-row")) {
      const label = await candidate.$eval(".label-name", (n) => n.innerText).catch(() => "");
      if (plain(label).trim() === title) {
        return candidate;
      }
    }
    return undefined;
  });
  await row.click();
}

/** Open a file of the workspace from the explorer and put the cursor at line:column (1-based). */
async function goTo(file, line, column) {
  await page.keyboard.press("Escape");
  const row = await until(`${file} in the explorer`, async () => {
    for (const candidate of await page.$$(".explorer-folders-view .monaco-list-row")) {
      if (plain(await candidate.evaluate((n) => n.innerText)).trim() === file) {
        return candidate;
      }
    }
    return undefined;
  });
  await row.click();
  // The tab shows the name and its extension in separate elements.
  await until(`${file} in the active tab`, async () =>
    (await visibleText(".tabs-container .tab.active")).some((t) => t.replace(/\s/g, "").includes(file)),
  );
  await palette(`:${line}:${column}`);
  await until("the go-to-line entry", async () =>
    (await visibleText(".quick-input-widget .monaco-list-row")).some((t) => t.includes(`line ${line} at column ${column}`)),
  );
  await page.keyboard.press("Enter");
  await until(`the cursor at ${line}:${column}`, async () =>
    (await visibleText("#status\\.editor\\.selection")).some((t) => t.includes(`Ln ${line}, Col ${column}`)),
  );
}

/** connector-ls's rows of the Problems panel, as { rule, text } (a row's lines: the message,
 * the source, the rule id, "[Ln 14, Col 24]"). */
async function problems() {
  const rows = await visibleText(".markers-panel .monaco-list-row");
  return rows
    .map((text) => ({ lines: text.split("\n"), text }))
    .filter(({ lines }) => lines[1] === "connector-ls")
    .map(({ lines, text }) => ({ rule: lines[2], text }));
}

async function problemAt(rule, line) {
  return (await problems()).some((row) => row.rule === rule && row.text.includes(`[Ln ${line},`));
}

async function hasProblem(rule) {
  return (await problems()).some((row) => row.rule === rule);
}

/** The Problems panel shows connector-ls's findings, none of them `rule`'s. */
async function noProblem(rule) {
  const rows = await problems();
  return rows.length > 0 && !rows.some((row) => row.rule === rule);
}

async function editorLine(text) {
  const lines = await visibleText(".monaco-editor.focused .view-line");
  return lines.some((line) => line.includes(text));
}

/** Put the cursor at line:column, open the quick fix menu (Ctrl+.) and choose `title`. The menu
 * is opened again until it offers `title`: it lists the actions of the diagnostics it knows of,
 * which may be those of the text before the last edit. */
async function quickFix(file, line, column, title) {
  await goTo(file, line, column);
  const item = await until(`"${title}" in the quick fix menu`, async () => {
    await page.keyboard.press("Escape");
    await page.keyboard.down("Control");
    await page.keyboard.press(".");
    await page.keyboard.up("Control");
    const menu = await page.waitForSelector(".action-widget .monaco-list-row", { visible: true, timeout: 5_000 });
    if (menu === null) {
      return undefined;
    }
    for (const row of await page.$$(".action-widget .monaco-list-row")) {
      if (plain(await row.evaluate((n) => n.innerText)).trim() === title) {
        return row;
      }
    }
    return undefined;
  });
  await item.click();
}

async function save() {
  await page.keyboard.down("Control");
  await page.keyboard.press("s");
  await page.keyboard.up("Control");
}

const onDisk = (file, text) => () => fs.readFileSync(file, "utf8").includes(text);

/** Change a setting as a person does: in settings.json, opened from the command palette, edited
 * and saved. run.sh writes the connector-ls settings last, one a line, in `order`, with no
 * newline after the closing brace, so the one to change is found by counting lines up from the
 * end. `connectorLs.server.path` is a machine setting: a browser VS Code (code-server,
 * Codespaces) ignores it in the user settings, so it is set in the workspace's. */
const USER = { title: "Preferences: Open User Settings (JSON)", file: SETTINGS, order: ["connectorLs.rules"] };
const WORKSPACE = {
  title: "Preferences: Open Workspace Settings (JSON)",
  file: path.join(CONNECTOR, ".vscode", "settings.json"),
  order: ["connectorLs.server.path"],
};
async function changeSetting({ title, file, order }, key, value) {
  await command(title);
  // VS Code 1.139 opens it in a modal editor, without a tab.
  await until("settings.json in the focused editor", () => editorLine(JSON.stringify(order[0])));
  const key_ = async (name, modifier) => {
    if (modifier) await page.keyboard.down(modifier);
    await page.keyboard.press(name);
    if (modifier) await page.keyboard.up(modifier);
  };
  await key_("End", "Control");
  for (let i = order.indexOf(key); i < order.length; i++) {
    await key_("ArrowUp");
  }
  await key_("End");
  await page.keyboard.down("Shift");
  await key_("Home");
  await page.keyboard.up("Shift");
  await key_("Delete");
  const comma = key === order.at(-1) ? "" : ",";
  // Typed: run.sh turns off the auto-closing of brackets and quotes and the suggestions.
  await page.keyboard.type(`${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
  await save();
  await until(`${key} saved`, () => {
    try {
      return JSON.stringify(JSON.parse(fs.readFileSync(file, "utf8"))[key]) === JSON.stringify(value);
    } catch {
      return false;
    }
  });
  // Escape closes the modal editor (a notification that appeared meanwhile takes one first).
  await until("the settings editor closed", async () => {
    await page.keyboard.press("Escape");
    return (await visibleText(".modal-editor-part")).length === 0;
  });
}

async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    passed += 1;
    console.log(`ok ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed += 1;
    console.log(`FAILED ${name}: ${error.message}`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, `${String(passed + failed).padStart(2, "0")}-${name.replace(/\W+/g, "-")}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    // Later steps build on this one: stop here.
    throw error;
  }
}

async function main() {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1600,1200"],
    defaultViewport: { width: 1600, height: 1200 },
  });
  try {
    page = await browser.newPage();
    page.setDefaultTimeout(WAIT);
    await run();
  } finally {
    await browser.close();
  }
}

async function run() {
  await step("the workbench opens the connector folder", async () => {
    await until("code-server to answer", () =>
      page.goto(URL, { waitUntil: "domcontentloaded" }).then((response) => response?.ok()),
    );
    await page.waitForSelector(".monaco-workbench .part.statusbar", { visible: true, timeout: 120_000 });
    await until("the explorer to list apiDefinition.swagger.json", async () =>
      (await visibleText(".explorer-folders-view .monaco-list-row")).some((t) => t.includes("apiDefinition.swagger.json")),
    );
  });

  await step("diagnostics at their lines in the Problems panel", async () => {
    await goTo("apiDefinition.swagger.json", 14, 24);
    await command("View: Focus Problems (Errors, Warnings, Infos)");
    await until("operation-id-whitespace at line 14", () => problemAt("operation-id-whitespace", 14));
    await until("operation-ref-unknown at line 24", () => problemAt("operation-ref-unknown", 24));
    await until("response-schema-missing at line 31", () => problemAt("response-schema-missing", 31));
    // The connector's files are analysed together, without opening apiProperties.json.
    await until("policy-operation-unknown in apiProperties.json at line 32", () =>
      problemAt("policy-operation-unknown", 32),
    );
  });

  await step("the language status item: the server's version and the connector's findings", async () => {
    await goTo("apiDefinition.swagger.json", 1, 1);
    const indicator = await page.waitForSelector("#status\\.languageStatus", { visible: true });
    await indicator.click();
    await until("the language status hover", async () =>
      (await visibleText(".monaco-hover, .context-view")).some(
        (t) => /connector-ls \d+\.\d+\.\d+/.test(t) && /\d+ findings in this connector/.test(t),
      ),
    );
    await page.keyboard.press("Escape");
  });

  await step("a hover shows the rule's documentation", async () => {
    await goTo("apiDefinition.swagger.json", 14, 26);
    await command("Show or Focus Hover");
    await until("the hover", async () => {
      const hovers = await visibleText(".monaco-hover");
      return hovers.some((h) => h.includes("operation-id-whitespace") && h.includes("Why"));
    });
  });

  await step("quick fixes applied", async () => {
    // While the connector has a syntax error, its repair is the only fix offered.
    await quickFix("apiDefinition.swagger.json", 80, 37, "Remove the trailing comma");
    await until("json-syntax-error gone", () => noProblem("json-syntax-error"));
    // An unsafe fix says so in its title.
    await quickFix("apiDefinition.swagger.json", 24, 32, "Replace with 'GetLists' (review the change)");
    await until("GetLists in the editor", () => editorLine('"operationId": "GetLists"'));
    await until("operation-ref-unknown gone", () => noProblem("operation-ref-unknown"));
  });

  await step("fix-all on save (source.fixAll.connector-ls)", async () => {
    await goTo("apiDefinition.swagger.json", 14, 24);
    await save();
    await until("ListTasks saved", onDisk(DEFINITION, '"operationId": "ListTasks"'));
    await until("the quick fix saved too", onDisk(DEFINITION, '"operationId": "GetLists"'));
    await until("operation-id-whitespace gone", () => noProblem("operation-id-whitespace"));
    // The policy in apiProperties.json names ListTasks, which now exists.
    await until("policy-operation-unknown gone", () => noProblem("policy-operation-unknown"));
  });

  await step("rename an operationId across files", async () => {
    await goTo("apiDefinition.swagger.json", 14, 26);
    await page.keyboard.press("F2");
    // The rename box opens focused, with the name selected.
    await page.waitForSelector(".rename-box input:focus", { visible: true });
    await page.keyboard.down("Control");
    await page.keyboard.press("a");
    await page.keyboard.up("Control");
    await page.keyboard.type("ListAllTasks");
    await page.keyboard.press("Enter");
    await until("ListAllTasks in the editor", () => editorLine('"operationId": "ListAllTasks"'));
    await command("File: Save All Files");
    await until("ListAllTasks in apiProperties.json", onDisk(PROPERTIES, '"ListAllTasks"'));
    await until("ListAllTasks in the definition", onDisk(DEFINITION, '"operationId": "ListAllTasks"'));
    await until("policy-operation-unknown still gone", () => noProblem("policy-operation-unknown"));
  });

  await step("Generate schema from sample asks for the sample and inserts the schema", async () => {
    await goTo("apiDefinition.swagger.json", 32, 14);
    await command("connector-ls: Generate schema from sample");
    await until("the input box's title", async () =>
      (await visibleText(".quick-input-widget .quick-input-title")).some((t) =>
        t.includes("Generate schema from sample: /paths/~1lists~1{listId}~1tasks/get/responses/200"),
      ),
    );
    const sample = '[{"id": "t1", "title": "Buy milk", "done": false}]';
    const input = await page.waitForSelector(".quick-input-widget .quick-input-box input:focus", { visible: true });
    await page.keyboard.type(sample);
    await until("the sample in the input box", async () => (await input.evaluate((n) => n.value)) === sample);
    await page.keyboard.press("Enter");
    await until("response-schema-missing gone", () => noProblem("response-schema-missing"));
    await goTo("apiDefinition.swagger.json", 33, 1);
    await until("the schema in the editor", () => editorLine('"schema": {'));
    await save();
    await until("the schema saved", onDisk(DEFINITION, '"done": {'));
  });

  await step("a connectorLs.rules change takes effect", async () => {
    await command("View: Focus Problems (Errors, Warnings, Infos)");
    await until("operation-description-missing shown", () => hasProblem("operation-description-missing"));
    await changeSetting(USER, "connectorLs.rules", { "operation-description-missing": "off" });
    await until("operation-description-missing gone", () => noProblem("operation-description-missing"));
  });

  await step("a wrong connectorLs.server.path is reported, and correcting it starts the server", async () => {
    await changeSetting(WORKSPACE, "connectorLs.server.path", "/nonexistent/connector-ls");
    // A toast, or in the notification centre once the toast is hidden.
    await command("Notifications: Show Notifications");
    await until("the error notification", async () =>
      (await visibleText(".notification-toast, .notifications-center .monaco-list-row")).some((t) =>
        t.includes("connectorLs.server.path is set to '/nonexistent/connector-ls', which is not an executable file"),
      ),
    );
    await until("the diagnostics cleared with the server stopped", async () => (await problems()).length === 0);
    await changeSetting(WORKSPACE, "connectorLs.server.path", "");
    // The schema inserted above moved the line: any line will do.
    await until("diagnostics again", () => hasProblem("path-parameter-undeclared"));
  });
}

main().then(
  () => {
    console.log(`${passed} passed, ${failed} failed`);
  },
  (error) => {
    console.log(`${passed} passed, ${failed} failed`);
    console.error(error.stack ?? String(error));
    process.exitCode = 1;
  },
);
