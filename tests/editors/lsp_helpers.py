"""What an editor does around the protocol: open a file, keep its text in step with edits,
apply a workspace edit, and get a document's current diagnostics, pushed or pulled, whichever
the server chose for this client."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pytest_lsp import LanguageClient

TIMEOUT = 15.0


class Published(NamedTuple):
    uri: str
    version: int | None
    diagnostics: list[types.Diagnostic]


def encoding(client: LanguageClient) -> str:
    negotiated = client.server.capabilities.position_encoding  # type: ignore[attr-defined]
    if negotiated is None:
        return "utf-16"
    return str(getattr(negotiated, "value", negotiated))


def units(text: str, encoding: str) -> int:
    """The length of `text` in the negotiated position encoding's code units."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def position(text: str, offset: int, encoding: str) -> types.Position:
    """The position of the character offset `offset` of `text`."""
    before = text[:offset]
    line = before.count("\n")
    start = before.rfind("\n") + 1
    return types.Position(line=line, character=units(text[start:offset], encoding))


def offset(text: str, at: types.Position, encoding: str) -> int:
    """The character offset of a position in `text`."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: at.line])
    line = lines[at.line] if at.line < len(lines) else ""
    count = 0
    for index, char in enumerate(line):
        if count >= at.character:
            return start + index
        count += units(char, encoding)
    return start + len(line)


def range_of(text: str, needle: str, encoding: str, occurrence: int = 0) -> types.Range:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    return types.Range(
        start=position(text, at, encoding), end=position(text, at + len(needle), encoding)
    )


@dataclass
class Document:
    path: Path
    uri: str
    text: str
    version: int = 1
    language: str = "json"
    history: list[str] = field(default_factory=list)


def open_document(client: LanguageClient, path: Path) -> Document:
    text = path.read_text(encoding="utf-8")
    language = "csharp" if path.suffix == ".csx" else "json"
    document = Document(path=path, uri=path.as_uri(), text=text, language=language)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=document.uri, language_id=language, version=1, text=text
            )
        )
    )
    return document


def apply_edits(client: LanguageClient, document: Document, edits: list[types.TextEdit]) -> None:
    """Apply edits as an editor does: change the text and send the change, incrementally."""
    enc = encoding(client)
    ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)
    changes = []
    text = document.text
    for edit in ordered:
        start = offset(text, edit.range.start, enc)
        end = offset(text, edit.range.end, enc)
        text = text[:start] + edit.new_text + text[end:]
        changes.append(
            types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)
        )
    document.history.append(document.text)
    document.text = text
    document.version += 1
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(
                uri=document.uri, version=document.version
            ),
            content_changes=changes,
        )
    )


def apply_workspace_edit(
    client: LanguageClient, edit: types.WorkspaceEdit, documents: list[Document]
) -> None:
    by_uri = {d.uri: d for d in documents}
    changes: dict[str, list[types.TextEdit]] = dict(edit.changes or {})
    for change in edit.document_changes or []:
        assert isinstance(change, types.TextDocumentEdit), change
        changes.setdefault(change.text_document.uri, []).extend(change.edits)  # type: ignore[arg-type]
    assert changes, "the edit changes nothing"
    for uri, edits in changes.items():
        if uri not in by_uri:
            # As editors do: open the file, then edit it.
            opened = open_document(client, Path(unquote(urlparse(uri).path)))
            documents.append(opened)
            by_uri[uri] = opened
        apply_edits(client, by_uri[uri], edits)


def pulls(client: LanguageClient) -> bool:
    return client.server.capabilities.diagnostic_provider is not None  # type: ignore[attr-defined]


async def diagnostics(
    client: LanguageClient, document: Document, after: int = 0
) -> list[types.Diagnostic]:
    """The diagnostics of the document's current version: pulled when the server asked the
    client to pull, else the first publication for this version (after index `after` of the
    publications, for a document whose version did not change)."""
    if pulls(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=document.uri)
            )
        )
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport), report
        return list(report.items)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        for published in client.published[after:]:  # type: ignore[attr-defined]
            if published.uri == document.uri and published.version == document.version:
                return published.diagnostics
        await asyncio.sleep(0.02)
    raise AssertionError(
        f"no diagnostics published for {document.path.name} version {document.version}"
    )


async def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def rules(found: list[types.Diagnostic]) -> set[str]:
    return {str(d.code) for d in found}


def only(found: list[types.Diagnostic], rule: str) -> types.Diagnostic:
    matching = [d for d in found if d.code == rule]
    assert len(matching) == 1, f"{rule}: {matching}"
    return matching[0]
