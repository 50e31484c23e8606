"""Shared set-up of the editor tests: the built binary, copies of the example connectors, and
pytest-lsp clients that start `connector-ls lsp` with the recorded capabilities of real
editors.

The binary is $CONNECTOR_LS, else target/release/connector-ls (under $CARGO_TARGET_DIR when
set). Build it first: `cargo build --release`.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from lsprotocol.converters import get_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

sys.path.insert(0, str(Path(__file__).parent))

from lsp_helpers import Published  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "fixtures" / "examples"


def binary() -> Path:
    if os.environ.get("CONNECTOR_LS"):
        return Path(os.environ["CONNECTOR_LS"]).resolve()
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    return target / "release" / "connector-ls"


BINARY = binary()

# The recorded capabilities of the clients we test under: pytest-lsp's recordings of Neovim
# 0.11, VS Code 1.65 and Emacs 29 (eglot), and what the VS Code extension's own client
# (vscode-languageclient 11) sends, recorded by editors/vscode/scripts/client-capabilities.js.
PROFILES = {
    "neovim": "neovim@v0.11.0",
    "vscode": "visual-studio-code@v1.65.2",
    "emacs": "emacs@v29.1",
    "vscode-lc11": Path(__file__).parent / "clients" / "vscode-languageclient.json",
}


def capabilities_of(profile: str) -> types.ClientCapabilities:
    spec = PROFILES[profile]
    if isinstance(spec, Path):
        recorded = json.loads(spec.read_text())["capabilities"]
        return get_converter().structure(recorded, types.ClientCapabilities)
    return client_capabilities(spec)


def pytest_sessionstart(session: pytest.Session) -> None:
    if not BINARY.is_file():
        raise pytest.UsageError(f"{BINARY} does not exist: run `cargo build --release` first")


@pytest.fixture
def connector(tmp_path: Path):
    """Copy an example connector to a temporary folder (tests edit the copy)."""

    def copy(name: str) -> Path:
        destination = tmp_path / name
        shutil.copytree(EXAMPLES / name, destination)
        return destination

    return copy


def make_client() -> LanguageClient:
    """pytest-lsp's client, keeping every publishDiagnostics (with its version), and accepting
    dynamic registrations."""
    client = LanguageClient()
    client.published = []  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(Published(params.uri, params.version, list(params.diagnostics)))  # type: ignore[attr-defined]

    def register(client: LanguageClient, params: types.RegistrationParams):
        # As editors do for the dynamic registrations they announce (file watchers).
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    def unregister(client: LanguageClient, params: types.UnregistrationParams):
        pass

    client.registrations = []  # type: ignore[attr-defined]
    register_lsp_features(
        client,
        {
            **DEFAULT_CLIENT_FEATURES,
            types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
            types.CLIENT_REGISTER_CAPABILITY: register,
            types.CLIENT_UNREGISTER_CAPABILITY: unregister,
        },
    )
    return client


CONFIG = ClientServerConfig(server_command=[str(BINARY), "lsp"], client_factory=make_client)


async def initialize(client: LanguageClient, profile: str, options=None) -> None:
    capabilities = capabilities_of(profile)
    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            initialization_options=options,
            client_info=types.ClientInfo(name=profile),
        )
    )
    client.profile = profile  # type: ignore[attr-defined]
    client.server = result  # type: ignore[attr-defined]


@pytest_lsp.fixture(params=list(PROFILES), config=CONFIG)
async def client(request, lsp_client: LanguageClient):
    """A server initialized under each recorded client profile."""
    await initialize(lsp_client, request.param)
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), timeout=10)


@pytest_lsp.fixture(params=list(PROFILES), config=CONFIG)
async def client_with_options(request, lsp_client: LanguageClient):
    """As `client`, with rule severities in initializationOptions."""
    await initialize(
        lsp_client,
        request.param,
        {"rules": {"operation-id-whitespace": "hint", "response-schema-missing": "off"}},
    )
    yield
    await asyncio.wait_for(lsp_client.shutdown_session(), timeout=10)
