"""The built `connector-ls lsp` under the recorded capabilities of Neovim 0.11, VS Code and
Emacs 29 (eglot): initialize, diagnostics, hover, quick fixes, fix-all, configuration and
completion, as each of these clients would ask for them. Every test runs once per client;
a reply the client could not handle fails the test (pytest-lsp's checks, see pytest.ini)."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import BINARY

from lsp_helpers import (
    apply_edits,
    apply_workspace_edit,
    diagnostics,
    encoding,
    offset,
    only,
    open_document,
    position,
    pulls,
    range_of,
    rules,
    units,
    wait_for,
)

BROKEN_DEFINITION = {
    "operation-id-whitespace",
    "operation-ref-unknown",
    "response-schema-missing",
    "path-parameter-undeclared",
    "json-syntax-error",
    "operation-description-missing",
    "parameter-description-missing",
    "path-parameter-encoding-missing",
}
BROKEN_PROPERTIES = {
    "oauth-redirect-url-missing",
    "oauth-redirect-mode-global",
    "policy-operation-unknown",
}


async def test_initialize(client: LanguageClient):
    server = client.server  # type: ignore[attr-defined]
    assert server.server_info.name == "connector-ls"
    # UTF-8 when the client offers it (Neovim, Emacs), else UTF-16 (VS Code).
    profile = client.profile  # type: ignore[attr-defined]
    assert encoding(client) == ("utf-16" if profile.startswith("vscode") else "utf-8")
    # Pull only for a client that can be asked to pull again (vscode-languageclient 11).
    assert pulls(client) == (profile == "vscode-lc11")
    capabilities = server.capabilities
    assert capabilities.hover_provider
    kinds = {str(k.value if hasattr(k, "value") else k) for k in capabilities.code_action_provider.code_action_kinds}
    assert {"quickfix", "source.fixAll.connector-ls"} <= kinds
    sync = capabilities.text_document_sync
    assert sync.change == types.TextDocumentSyncKind.Incremental
    assert sync.open_close
    # File watchers are registered only with clients that allow it (not Neovim on Linux).
    watching = client.capabilities.workspace.did_change_watched_files
    if watching and watching.dynamic_registration:
        await wait_for(
            lambda: any(r.method == "workspace/didChangeWatchedFiles" for r in client.registrations),  # type: ignore[attr-defined]
            "client/registerCapability for file watchers",
        )
    else:
        await asyncio.sleep(0.2)
        assert client.registrations == []  # type: ignore[attr-defined]


async def test_diagnostics_of_a_broken_connector(client: LanguageClient, connector):
    folder = connector("todo-broken")
    definition = open_document(client, folder / "apiDefinition.swagger.json")
    properties = open_document(client, folder / "apiProperties.json")

    found = await diagnostics(client, definition)
    assert rules(found) == BROKEN_DEFINITION
    whitespace = only(found, "operation-id-whitespace")
    assert whitespace.severity == types.DiagnosticSeverity.Error
    assert whitespace.source == "connector-ls"
    assert whitespace.range == range_of(definition.text, '"List Tasks"', encoding(client))
    assert "List Tasks" in whitespace.message
    schema = only(found, "response-schema-missing")
    assert schema.severity == types.DiagnosticSeverity.Warning

    found = await diagnostics(client, properties)
    assert rules(found) == BROKEN_PROPERTIES
    assert only(found, "oauth-redirect-mode-global").range == range_of(
        properties.text, '"Global"', encoding(client)
    )


async def test_a_clean_connector_has_no_diagnostics(client: LanguageClient, connector):
    folder = connector("contoso-items")
    for name in ["apiDefinition.swagger.json", "apiProperties.json", "settings.json", "script.csx"]:
        document = open_document(client, folder / name)
        assert await diagnostics(client, document) == [], name


async def test_hover_shows_the_rule_documentation(client: LanguageClient, connector):
    folder = connector("todo-broken")
    definition = open_document(client, folder / "apiDefinition.swagger.json")
    await diagnostics(client, definition)
    at = range_of(definition.text, "List Tasks", encoding(client)).start
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=definition.uri), position=at
        )
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "**operation-id-whitespace**" in hover.contents.value

    # Away from any diagnostic, no rule documentation (the key's own may come).
    at = range_of(definition.text, '"swagger"', encoding(client)).start
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=definition.uri), position=at
        )
    )
    assert hover is None or "**operation-id-whitespace**" not in str(hover.contents)


async def quick_fixes(client, document, diagnostic):
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=document.uri),
            range=diagnostic.range,
            context=types.CodeActionContext(
                diagnostics=[diagnostic], trigger_kind=types.CodeActionTriggerKind.Invoked
            ),
        )
    )
    assert actions, "no code action"
    assert all(isinstance(a, types.CodeAction) for a in actions), actions
    return actions


def remove_trailing_comma(path: Path):
    """todo-broken's definition without its one syntax error: while a document has a syntax
    error, only the repairs of syntax errors are offered."""
    text = path.read_text(encoding="utf-8")
    repaired = text.replace('"name": { "type": "string" },\n      }', '"name": { "type": "string" }\n      }')
    assert repaired != text
    path.write_text(repaired, encoding="utf-8")


async def test_quick_fix_renames_the_operation(client: LanguageClient, connector):
    folder = connector("todo-broken")
    remove_trailing_comma(folder / "apiDefinition.swagger.json")
    definition = open_document(client, folder / "apiDefinition.swagger.json")
    properties = open_document(client, folder / "apiProperties.json")
    whitespace = only(await diagnostics(client, definition), "operation-id-whitespace")

    actions = await quick_fixes(client, definition, whitespace)
    rename = [a for a in actions if a.title == "Rename operationId to 'ListTasks'"]
    assert len(rename) == 1, [a.title for a in actions]
    action = rename[0]
    assert action.kind == types.CodeActionKind.QuickFix
    assert action.is_preferred
    assert action.diagnostics and action.diagnostics[0].code == "operation-id-whitespace"

    mark = len(client.published)  # type: ignore[attr-defined]
    apply_workspace_edit(client, action.edit, [definition, properties])
    assert '"operationId": "ListTasks"' in definition.text
    # The edit went to the server as an incremental change: the diagnostic is gone, and the
    # policy in apiProperties.json that names ListTasks is now right (cross-file analysis).
    assert "operation-id-whitespace" not in rules(await diagnostics(client, definition))
    if pulls(client):
        # The server asks the client to pull the other files again.
        await wait_for(lambda: client.diagnostic_refresh_count > 0, "workspace/diagnostic/refresh")
    assert rules(await diagnostics(client, properties, after=mark)) == BROKEN_PROPERTIES - {
        "policy-operation-unknown"
    }


def creates_files(client: LanguageClient) -> bool:
    edit = client.capabilities.workspace and client.capabilities.workspace.workspace_edit
    # A creation is sent in documentChanges, which a client declaring it takes (Neovim 0.11
    # declares `create` but not `documentChanges`).
    return bool(edit and types.ResourceOperationKind.Create in (edit.resource_operations or []))


async def test_unsafe_fix_says_to_review(client: LanguageClient, connector):
    folder = connector("todo-broken")
    remove_trailing_comma(folder / "apiDefinition.swagger.json")
    properties = open_document(client, folder / "apiProperties.json")
    redirect = only(await diagnostics(client, properties), "oauth-redirect-mode-global")

    actions = await quick_fixes(client, properties, redirect)
    # apiProperties.json has no safe fix (both repairs of the OAuth block need a step in the
    # OAuth app registration), so no fix-all action comes along. "Ignore" creates a
    # connector-ls.toml (there is none here), so only clients that can create files get it.
    titles = [a.title for a in actions]
    ignore = ["Ignore oauth-redirect-mode-global here (in connector-ls.toml)"] if creates_files(client) else []
    assert [t for t in titles if t.startswith("Ignore")] == ignore, titles
    assert [a.kind for a in actions if not a.title.startswith("Ignore")] == [
        types.CodeActionKind.QuickFix,
    ], titles
    action = actions[0]
    assert action.title.startswith("Set redirectMode to 'GlobalPerConnector'")
    assert action.title.endswith("(review the change)")
    assert not action.is_preferred
    apply_workspace_edit(client, action.edit, [properties])
    assert '"redirectMode": "GlobalPerConnector"' in properties.text


async def fix_all(client: LanguageClient, document):
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=document.uri),
            range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
            context=types.CodeActionContext(
                diagnostics=[], only=["source.fixAll.connector-ls"]  # type: ignore[list-item]
            ),
        )
    )
    assert actions and len(actions) == 1, actions
    (action,) = actions
    assert action.kind == "source.fixAll.connector-ls"
    return action


async def test_fix_all_applies_the_safe_fixes(client: LanguageClient, connector):
    folder = connector("todo-broken")
    definition = open_document(client, folder / "apiDefinition.swagger.json")
    await diagnostics(client, definition)
    # While the JSON is broken, fix-all repairs only the syntax: the trailing comma.
    action = await fix_all(client, definition)
    assert action.title == "Apply the safe connector-ls fix"
    mark = len(client.published)  # type: ignore[attr-defined]
    apply_workspace_edit(client, action.edit, [definition])
    json.loads(definition.text)
    assert '"operationId": "List Tasks"' in definition.text
    left = rules(await diagnostics(client, definition, after=mark))
    assert left == BROKEN_DEFINITION - {"json-syntax-error"}
    # Then the rename, and only that safe fix.
    action = await fix_all(client, definition)
    assert action.title == "Apply the safe connector-ls fix"
    mark = len(client.published)  # type: ignore[attr-defined]
    apply_workspace_edit(client, action.edit, [definition])
    assert '"operationId": "ListTasks"' in definition.text
    assert '"GetList"' in definition.text
    left = rules(await diagnostics(client, definition, after=mark))
    assert left == BROKEN_DEFINITION - {"json-syntax-error", "operation-id-whitespace"}


async def test_positions_follow_the_negotiated_encoding(client: LanguageClient, connector):
    folder = connector("todo-broken")
    path = folder / "apiDefinition.swagger.json"
    path.write_text(path.read_text().replace("List Tasks", "Liste des tâches 📋"), encoding="utf-8")
    definition = open_document(client, path)
    whitespace = only(await diagnostics(client, definition), "operation-id-whitespace")
    enc = encoding(client)
    assert whitespace.range == range_of(definition.text, '"Liste des tâches 📋"', enc)
    # 1 + 19 characters + 1; "â" is 2 UTF-8 bytes, "📋" 4 bytes or 2 UTF-16 units.
    width = whitespace.range.end.character - whitespace.range.start.character
    assert width == units('"Liste des tâches 📋"', enc) == {"utf-8": 24, "utf-16": 21}[enc]


async def test_configuration_changes_severities(client: LanguageClient, connector):
    folder = connector("todo-broken")
    definition = open_document(client, folder / "apiDefinition.swagger.json")
    assert "operation-id-whitespace" in rules(await diagnostics(client, definition))

    # VS Code sends its settings nested under the extension's section.
    mark = len(client.published)  # type: ignore[attr-defined]
    refreshes = client.diagnostic_refresh_count
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"connectorLs": {"rules": {"operation-id-whitespace": "off"}}}
        )
    )
    if not pulls(client):
        found = await diagnostics(client, definition, after=mark)
    else:
        # A pulling client pulls again when the server asks it to, once the settings apply.
        await wait_for(lambda: client.diagnostic_refresh_count > refreshes, "a refresh")
        found = await diagnostics(client, definition)
    assert rules(found) == BROKEN_DEFINITION - {"operation-id-whitespace"}


async def test_initialization_options_set_severities(client_with_options: LanguageClient, connector):
    client = client_with_options
    folder = connector("todo-broken")
    definition = open_document(client, folder / "apiDefinition.swagger.json")
    found = await diagnostics(client, definition)
    assert rules(found) == BROKEN_DEFINITION - {"response-schema-missing"}
    assert only(found, "operation-id-whitespace").severity == types.DiagnosticSeverity.Hint


async def completion_labels(client, document, needle, after):
    """The labels offered with the cursor just after `after` in the first `needle`."""
    at = document.text.index(needle) + needle.index(after) + len(after)
    from lsp_helpers import position

    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=document.uri),
            position=position(document.text, at, encoding(client)),
            context=types.CompletionContext(
                trigger_kind=types.CompletionTriggerKind.TriggerCharacter, trigger_character='"'
            ),
        )
    )
    items = result.items if isinstance(result, types.CompletionList) else (result or [])
    return {item.label for item in items}


async def test_completion(client: LanguageClient, connector):
    assert client.server.capabilities.completion_provider is not None  # type: ignore[attr-defined]
    folder = connector("todo-broken")
    definition_path = folder / "apiDefinition.swagger.json"
    text = definition_path.read_text()
    definition_path.write_text(
        text.replace('"x-ms-summary": "List",', '"x-ms-summary": "List",\n            "x-ms-visibility": "",', 1)
    )
    definition = open_document(client, definition_path)
    properties = open_document(client, folder / "apiProperties.json")
    await diagnostics(client, definition)

    labels = await completion_labels(client, definition, '"x-ms-visibility": ""', '"x-ms-visibility": "')
    assert "advanced" in labels, labels
    labels = await completion_labels(client, properties, '"redirectMode": "Global"', '"redirectMode": "')
    assert "GlobalPerConnector" in labels, labels


def expand_snippet(text: str) -> str:
    """The text a snippet inserts before the user changes anything: a choice's first option,
    a placeholder's default, nothing for a tab stop."""
    text = re.sub(r"\$\{\d+\|([^,|]*)[^}]*\|\}", r"\1", text)
    text = re.sub(r"\$\{\d+:([^}]*)\}", r"\1", text)
    return re.sub(r"\$\d+", "", text)


def supports_insert_replace(client: LanguageClient) -> bool:
    item = client.capabilities.text_document.completion.completion_item  # type: ignore[union-attr]
    return bool(item and item.insert_replace_support)


async def accepted_lines(client, document, needle, marked, label) -> dict[str, str]:
    """Put `marked` (`|` for the cursor) in place of the line holding `needle`, ask for
    completion at the cursor and accept the item `label` with each of its ranges (insert and
    replace, or its one range), as the editor does: the line afterwards, by range. The line is
    put back after."""
    enc = encoding(client)
    lines = document.text.split("\n")
    row = next(i for i, line in enumerate(lines) if needle in line)
    indent = lines[row][: len(lines[row]) - len(lines[row].lstrip())]
    original = lines[row]

    def replace_line(new: str) -> None:
        line_range = types.Range(
            start=types.Position(row, 0), end=types.Position(row, units(lines[row], enc))
        )
        apply_edits(client, document, [types.TextEdit(range=line_range, new_text=new)])
        lines[row] = new

    replace_line(indent + marked.replace("|", "", 1))
    try:
        text = document.text
        line_start = sum(len(line) + 1 for line in lines[:row])
        cursor = line_start + len(indent) + marked.index("|")
        result = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=document.uri),
                position=position(text, cursor, enc),
                context=types.CompletionContext(trigger_kind=types.CompletionTriggerKind.Invoked),
            )
        )
    finally:
        replace_line(original)
    items = result.items if isinstance(result, types.CompletionList) else (result or [])
    chosen = [item for item in items if item.label == label]
    assert chosen, f"no {label} among {[i.label for i in items]}"
    item = chosen[0]
    edit = item.text_edit
    if supports_insert_replace(client):
        assert isinstance(edit, types.InsertReplaceEdit), edit
        ranges = {"insert": edit.insert, "replace": edit.replace}
    else:
        assert isinstance(edit, types.TextEdit), edit
        ranges = {"range": edit.range}
    for at in ranges.values():
        # LSP: one line, containing the cursor.
        start, end = offset(text, at.start, enc), offset(text, at.end, enc)
        assert start <= cursor <= end and "\n" not in text[start:end], at
    if client.profile == "neovim":  # type: ignore[attr-defined]
        # Neovim 0.11 replaces from the start of the range to the cursor only, and keeps the
        # rest of the line (neovim_e2e.lua accepts items in a real Neovim).
        ranges = {"range": types.Range(start=ranges["range"].start, end=position(text, cursor, enc))}
    new_text = edit.new_text
    if item.insert_text_format == types.InsertTextFormat.Snippet:
        new_text = expand_snippet(new_text)
    out = {}
    for kind, at in ranges.items():
        start, end = offset(text, at.start, enc), offset(text, at.end, enc)
        after = text[:start] + new_text + text[end:]
        assert not item.additional_text_edits, item.additional_text_edits
        out[kind] = after.split("\n")[row].strip()
    return out


async def test_accepting_completion_items(client: LanguageClient, connector):
    """Inside quotes, after an opening quote, on an empty value and for keys: the text after
    accepting an item, with the client's insert and replace ranges (VS Code) or its one
    range (Neovim, Emacs)."""
    folder = connector("contoso-items")
    definition = open_document(client, folder / "apiDefinition.swagger.json")
    await diagnostics(client, definition)
    two = supports_insert_replace(client)

    def each(expected: str, insert: str | None = None) -> dict[str, str]:
        """`expected` with the replace range, `insert` (when different) with the insert range
        and in Neovim, which keeps the text after the cursor."""
        if two:
            return {"insert": insert or expected, "replace": expected}
        if client.profile == "neovim":  # type: ignore[attr-defined]
            return {"range": insert or expected}
        return {"range": expected}

    operation = '"operationId": "ListCategories",'
    listed = '"operationId": "ListItems",'
    # A value inside an existing "" (the bug was "ListItems"",), with a prefix, and with text
    # after the cursor (kept by the insert range, replaced by the replace range).
    assert await accepted_lines(client, definition, operation, '"operationId": "|",', "ListItems") == each(listed)
    assert await accepted_lines(client, definition, operation, '"operationId": "Li|",', "ListItems") == each(listed)
    assert await accepted_lines(
        client, definition, operation, '"operationId": "Li|stCat",', "ListItems"
    ) == each(listed, '"operationId": "ListItemsstCat",')
    # After an opening quote, and on an empty value: the comma before the next key too.
    assert await accepted_lines(client, definition, operation, '"operationId": "|', "ListItems") == each(listed)
    assert await accepted_lines(client, definition, operation, '"operationId": |', "ListItems") == each(listed)

    summary = '"summary": "Get an item",'
    # Keys: inside "" the name only; after an opening quote, the member with its value.
    name = '"x-ms-visibility"'
    assert await accepted_lines(client, definition, summary, '"|"', "x-ms-visibility") == each(name)
    assert await accepted_lines(client, definition, summary, '"x-ms-vis|"', "x-ms-visibility") == each(name)
    member = '"x-ms-visibility": "important",'
    assert await accepted_lines(client, definition, summary, '"x-ms-vis|', "x-ms-visibility") == each(member)
    assert await accepted_lines(client, definition, summary, "|", "x-ms-visibility") == each(member)


async def test_definition_across_files(client: LanguageClient, connector):
    folder = connector("contoso-items")
    definition = open_document(client, folder / "apiDefinition.swagger.json")
    script = open_document(client, folder / "script.csx")
    enc = encoding(client)

    async def targets(document, needle):
        at = range_of(document.text, needle, enc).start
        at.character += 2
        result = await client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=document.uri), position=at
            )
        )
        assert result, f"no definition for {needle}"
        result = result if isinstance(result, list) else [result]
        # Links for clients that take them (all four profiles do).
        assert all(isinstance(r, types.LocationLink) for r in result), result
        return [(r.target_uri, r.target_selection_range) for r in result]

    assert await targets(definition, '"#/definitions/ItemPage"') == [
        (definition.uri, range_of(definition.text, '"ItemPage"', enc))
    ]
    assert await targets(script, '"CreateItem"') == [
        (definition.uri, range_of(definition.text, '"CreateItem"', enc))
    ]


async def test_rename_an_operation_across_files(client: LanguageClient, connector):
    folder = connector("contoso-items")
    definition = open_document(client, folder / "apiDefinition.swagger.json")
    script = open_document(client, folder / "script.csx")
    enc = encoding(client)
    at = range_of(definition.text, '"CreateItem"', enc).start
    at.character += 3
    document = types.TextDocumentIdentifier(uri=definition.uri)
    if client.capabilities.text_document.rename.prepare_support:
        prepared = await client.text_document_prepare_rename_async(
            types.PrepareRenameParams(text_document=document, position=at)
        )
        assert prepared is not None
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=document, position=at, new_name="AddItem")
    )
    assert edit is not None
    documents = [definition, script]
    apply_workspace_edit(client, edit, documents)
    assert '"operationId": "AddItem"' in definition.text
    assert 'OperationId == "AddItem"' in script.text
    assert {d.path.name for d in documents} == {
        "apiDefinition.swagger.json", "script.csx", "apiProperties.json"
    }
    assert "CreateItem" not in "".join(d.text for d in documents)
    for document in documents:
        assert await diagnostics(client, document) == [], document.path.name


async def test_document_symbols(client: LanguageClient, connector):
    folder = connector("contoso-items")
    definition = open_document(client, folder / "apiDefinition.swagger.json")
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=definition.uri))
    )
    assert symbols and all(isinstance(s, types.DocumentSymbol) for s in symbols)

    def names(found):
        for symbol in found:
            yield symbol.name
            yield from names(symbol.children or [])

    assert {"/items", "GET ListItems", "POST CreateItem", "ItemPage"} <= set(names(symbols))


def exchange(messages: list[dict]) -> subprocess.Popen:
    """Start the server, send `messages` and keep stdin open, as editors do after `exit`."""
    server = subprocess.Popen(
        [str(BINARY), "lsp"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert server.stdin is not None
    for message in messages:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()
    return server


@pytest.mark.parametrize(("shutdown", "status"), [(True, 0), (False, 1)])
def test_exit_ends_the_process(shutdown: bool, status: int):
    # pygls (pytest-lsp) waits for the process after `exit` with the pipe still open.
    messages = [
        {"id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}},
        {"method": "initialized", "params": {}},
        *([{"id": 2, "method": "shutdown"}] if shutdown else []),
        {"method": "exit"},
    ]
    server = exchange(messages)
    try:
        assert server.wait(timeout=10) == status
    finally:
        server.kill()
